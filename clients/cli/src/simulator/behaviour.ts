// What a simulated patient does next, decided with the seeded dice: the behaviour model,
// apart from the calls that carry it out.
import type { Action } from './actions.js';
import type { Patient } from './patients.js';
import type { Random } from './random.js';
import {
  CANCEL_CHANCE,
  DELAYS,
  NO_SHOW_CHANCE,
  PRESENT_AT_REQUEST,
  WITHDRAW_CHANCE,
} from './scenario.js';

const after = (random: Random, at: number, [min, max]: readonly [number, number]) =>
  at + random.between(min, max);

/**
 * A patient who got a token (at simulated minute `at`): may cancel later; on the day itself
 * turns up (at once if at the counter, later if booked) or never comes. Check-in opens on
 * the day, so for another day only cancellations are planned.
 */
export function afterToken(
  random: Random,
  patient: Patient,
  tokenId: string,
  at: number,
  isToday: boolean,
): Action[] {
  const steps: Action[] = [];
  if (random.chance(CANCEL_CHANCE[patient.source] ?? 0)) {
    steps.push({ at: after(random, at, DELAYS.cancel), kind: 'cancel', patient, tokenId });
  }
  if (!isToday) return steps;
  if (PRESENT_AT_REQUEST.has(patient.source)) {
    steps.push({
      at: after(random, at, DELAYS.checkInPresent),
      kind: 'check-in',
      patient,
      tokenId,
    });
  } else if (random.chance(NO_SHOW_CHANCE)) {
    steps.push({ at: after(random, at, DELAYS.noShowCheck), kind: 'no-show', patient, tokenId });
  } else {
    steps.push({ at: after(random, at, DELAYS.checkInBooked), kind: 'check-in', patient, tokenId });
  }
  return steps;
}

/** A waitlisted patient sometimes gives up waiting. */
export function afterWaitlisted(
  random: Random,
  patient: Patient,
  entryId: string,
  at: number,
): Action[] {
  return random.chance(WITHDRAW_CHANCE)
    ? [{ at: after(random, at, DELAYS.withdraw), kind: 'withdraw', patient, entryId }]
    : [];
}
