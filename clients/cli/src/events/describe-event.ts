import type { EventEnvelope } from '@opd/api';
import { localTime } from '../dates.js';
import { moveWords, sourceName, times, tokenStatusName } from '../format.js';

/** The payload's event type as on the subject: tokenAllocated → token_allocated. */
export const eventType = (event: EventEnvelope): string =>
  event.payload?.$case.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) ?? 'unknown';

const at = (zone: string, instant: Date | undefined) =>
  instant ? localTime(zone, instant) : '--:--';

/** What happened, in a few words: "token 14 -> 09:30 slot, WALK_IN". */
function detail(event: EventEnvelope, zone: string): string {
  const payload = event.payload;
  switch (payload?.$case) {
    case 'doctorDayOpened':
      return `${payload.value.doctorDisplayName} (${payload.value.department}), ${payload.value.slots.length} slots`;
    case 'tokenAllocated':
      return (
        `token ${payload.value.tokenNumber} in the ${at(zone, payload.value.slotStartTime)} slot, ` +
        `${sourceName(payload.value.source)}` +
        (payload.value.promotedFromWaitlistEntryId ? ', from the waitlist' : '')
      );
    case 'tokenPreempted':
      return `token ${payload.value.tokenNumber} displaced: ${payload.value.reason}`;
    case 'tokenCancelled':
      return `token ${payload.value.tokenNumber} (was ${tokenStatusName(payload.value.previousStatus)})`;
    case 'tokenCheckedIn':
    case 'tokenCompleted':
      return `token ${payload.value.tokenNumber}`;
    case 'tokenNoShow':
      return `token ${payload.value.tokenNumber}${payload.value.automatic ? ' (sweeper)' : ''}`;
    case 'tokenCalled':
      return `token ${payload.value.tokenNumber} called in`;
    case 'tokenRecalled':
      return `token ${payload.value.tokenNumber} announced again (${times(payload.value.recallCount)})`;
    case 'tokenSkipped':
      return `token ${payload.value.tokenNumber} skipped (${times(payload.value.skipCount)})`;
    case 'tokenTransferred':
      return `token ${payload.value.tokenNumber} sent to doctor ${payload.value.toDoctorId.slice(0, 8)}`;
    case 'tokenTransitionUndone':
      return (
        `token ${payload.value.tokenNumber}: ${moveWords(payload.value.move)} undone, ` +
        `${tokenStatusName(payload.value.toStatus)} again`
      );
    case 'waitlistEntryAdded':
      return (
        `${sourceName(payload.value.source)} at position ${payload.value.position}` +
        (payload.value.displacedTokenId ? ' (displaced)' : '')
      );
    case 'waitlistEntryPromoted':
      return `to token ${payload.value.token?.tokenNumber ?? '?'} in the ${at(zone, payload.value.token?.slotStartTime)} slot`;
    case 'waitlistEntryCancelled':
    case 'waitlistEntryExpired':
      return `entry ${payload.value.waitlistEntryId.slice(0, 8)}`;
    case 'scheduleChanged':
      return `${payload.value.slots.length} slots now`;
    default:
      return '';
  }
}

/**
 * One line per event, e.g.
 * "16:02:11  2026-11-27 Dr. Meera Rao #14  token_allocated  token 9 in the 16:30 slot, WALK_IN  by counter-1"
 */
export function describeEvent(
  event: EventEnvelope,
  zone: string,
  doctorNames: ReadonlyMap<string, string> = new Map(),
): string {
  const time = event.occurredAt
    ? new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }).format(event.occurredAt)
    : '--:--:--';
  const doctor = doctorNames.get(event.doctorId) ?? `doctor ${event.doctorId.slice(0, 8)}`;
  const actor = event.actor?.keyName ? `  by ${event.actor.keyName}` : '';
  return `${time}  ${event.date} ${doctor} #${event.sequence}  ${eventType(event)}  ${detail(event, zone)}${actor}`;
}
