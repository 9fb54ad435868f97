// What the next operation is: mostly requests for tokens from every source, and the rest of a
// patient's day on the tokens and entries the client has learnt about.
import { randomUUID } from 'node:crypto';
import { Source, TokenStatus } from '@opd/api';
import type { CallerRole } from './clients.js';
import type { Hospital, PlayDay } from './hospital-setup.js';
import type { Knowledge } from './knowledge.js';
import type { Operation } from './operations.js';
import type { Random } from './random.js';

export interface PlannedOperation {
  readonly caller: CallerRole;
  readonly operation: Operation;
}

const MIX = {
  RequestToken: 46,
  CancelToken: 10,
  CheckInToken: 14,
  CompleteToken: 9,
  MarkNoShow: 8,
  CancelWaitlistEntry: 8,
} as const;

const SOURCES = {
  EMERGENCY: 8,
  PAID: 15,
  FOLLOW_UP: 20,
  WALK_IN: 30,
  ONLINE: 27,
} as const;

const PROTO_SOURCE: Readonly<Record<keyof typeof SOURCES, Source>> = {
  EMERGENCY: Source.SOURCE_EMERGENCY,
  PAID: Source.SOURCE_PAID,
  FOLLOW_UP: Source.SOURCE_FOLLOW_UP,
  WALK_IN: Source.SOURCE_WALK_IN,
  ONLINE: Source.SOURCE_ONLINE,
};

const { TOKEN_STATUS_ALLOCATED: ALLOCATED, TOKEN_STATUS_CHECKED_IN: CHECKED_IN } = TokenStatus;

export function planOperation(
  random: Random,
  hospital: Hospital,
  knowledge: Knowledge,
): PlannedOperation {
  const today = (day: number) => hospital.days[day]?.today ?? false;
  const requestId = randomUUID();
  switch (random.weighted(MIX)) {
    case 'CancelToken': {
      const token = knowledge.token(random, [ALLOCATED, CHECKED_IN]);
      if (!token) break;
      const request = { requestId, tokenId: token.id, reason: 'patient cannot come' };
      return { caller: 'counter', operation: { kind: 'CancelToken', day: token.day, request } };
    }
    case 'CheckInToken': {
      const token = knowledge.token(random, [ALLOCATED], (t) => today(t.day));
      if (!token) break;
      return {
        caller: random.chance(0.7) ? 'counter' : 'doctor',
        operation: {
          kind: 'CheckInToken',
          day: token.day,
          request: { requestId, tokenId: token.id },
        },
      };
    }
    case 'CompleteToken': {
      const token = knowledge.token(random, [CHECKED_IN]);
      if (!token) break;
      return {
        caller: 'doctor',
        operation: {
          kind: 'CompleteToken',
          day: token.day,
          request: { requestId, tokenId: token.id },
        },
      };
    }
    case 'MarkNoShow': {
      // A patient who has not come while their slot runs (the service decides on the grace).
      const started = (t: { day: number; startsAt?: number }) =>
        today(t.day) && (t.startsAt ?? Infinity) <= Date.now();
      const token = knowledge.token(random, [ALLOCATED], started);
      if (!token) break;
      return {
        caller: random.chance(0.5) ? 'counter' : 'doctor',
        operation: {
          kind: 'MarkNoShow',
          day: token.day,
          request: { requestId, tokenId: token.id },
        },
      };
    }
    case 'CancelWaitlistEntry': {
      const entry = knowledge.entry(random);
      if (!entry) break;
      const request = { requestId, waitlistEntryId: entry.id, reason: 'found another doctor' };
      return {
        caller: 'counter',
        operation: { kind: 'CancelWaitlistEntry', day: entry.day, request },
      };
    }
    case 'RequestToken':
      break;
  }
  return requestToken(random, hospital, requestId);
}

function requestToken(random: Random, hospital: Hospital, requestId: string): PlannedOperation {
  // Today's days get as many requests as all the later ones together.
  const todays = hospital.days.filter((d) => d.today);
  const later = hospital.days.filter((d) => !d.today);
  const day = random.pick(random.chance(0.5) || later.length === 0 ? todays : later) as PlayDay;
  const patient = random.int(hospital.phones.length);
  const phone = hospital.phones[patient] ?? '';
  const source = random.weighted(SOURCES);
  const preferred = random.chance(0.25) ? random.pick(day.slots)?.slotId : undefined;
  return {
    // Online bookings come from the portal's integration key; the rest from the counter.
    caller: source === 'ONLINE' ? 'integration' : 'counter',
    operation: {
      kind: 'RequestToken',
      day: day.index,
      request: {
        requestId,
        // The same patient, written the ways people write numbers.
        patientId: '',
        patientPhone: random.chance(0.5) ? phone : `${phone.slice(3, 8)} ${phone.slice(8)}`,
        patientName: `Patient ${patient + 1}`,
        doctorId: day.doctorId,
        date: day.date,
        source: PROTO_SOURCE[source],
        preferredSlotId: preferred ?? '',
        notes: '',
      },
    },
  };
}
