import type { Session as SessionMessage, WeeklySchedule as ScheduleMessage } from '@opd/api';
import { validateSessions, type Session, type WeeklySchedule } from '@opd/engine';
import type { FieldViolation } from '@opd/service-runtime';
import { fromProtoWeekday } from '../contract/enums.js';

const PROTO_FIELD: Readonly<Record<keyof Session, string>> = {
  start: 'start_time',
  end: 'end_time',
  slotMinutes: 'slot_minutes',
  capacityPerSlot: 'capacity_per_slot',
};

export const sessionsFromMessage = (sessions: readonly SessionMessage[]): Session[] =>
  sessions.map((s) => ({
    start: s.startTime,
    end: s.endTime,
    slotMinutes: s.slotMinutes,
    capacityPerSlot: s.capacityPerSlot,
  }));

/** Session problems as field violations under `path`, e.g. `sessions[1].end_time`. */
export function sessionViolations(path: string, sessions: readonly Session[]): FieldViolation[] {
  return validateSessions(sessions).map((p) => ({
    field: `${path}[${p.index}].${PROTO_FIELD[p.property]}`,
    description: p.description,
  }));
}

/** A weekly template from its message, with every problem named by its field path. */
export function weeklyScheduleFromMessage(
  path: string,
  message: ScheduleMessage | undefined,
): { schedule: WeeklySchedule; violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const days: WeeklySchedule['days'][number][] = [];
  const seen = new Set<number>();
  (message?.days ?? []).forEach((d, i) => {
    const weekday = fromProtoWeekday(d.weekday);
    if (weekday === undefined) {
      violations.push({
        field: `${path}.days[${i}].weekday`,
        description: 'must be WEEKDAY_MONDAY to WEEKDAY_SUNDAY',
      });
      return;
    }
    if (seen.has(weekday)) {
      violations.push({
        field: `${path}.days[${i}].weekday`,
        description: 'appears more than once',
      });
      return;
    }
    seen.add(weekday);
    const sessions = sessionsFromMessage(d.sessions);
    violations.push(...sessionViolations(`${path}.days[${i}].sessions`, sessions));
    days.push({ weekday, sessions });
  });
  return { schedule: { days }, violations };
}
