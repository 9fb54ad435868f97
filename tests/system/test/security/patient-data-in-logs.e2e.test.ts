// A realistic OPD morning with both services' logs captured: patients registered by phone in the
// ways counters type them, allocations, a preemption, cancellations with reasons that name the
// patient, promotions, check-ins, a no-show, lookups, refusals and bad input carrying the phone
// number. Afterwards no log line and no event on the stream holds any patient's phone number (in
// any format) or any part of their name.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEnvelope, Source, TokenStatus, type RequestTokenRequest } from '@opd/api';
import { captureLog, refusal } from '@opd/service-runtime/testing';
import { AllocationDatabase, Database, settled } from '../support/database-state.js';
import { storedEvents, type StoredEvent } from '../support/event-stream.js';
import { addDays, addDoctor, allocated, rid, session, waitlisted } from '../support/hospital.js';
import {
  eventually,
  ist,
  KEYS,
  startStack,
  TODAY,
  type AllocationClient,
  type Stack,
} from '../support/stack.js';

interface Patient {
  readonly name: string;
  /** As the counter typed it. */
  readonly typed: string;
  readonly e164: string;
}

/** Names no log line could contain by chance; numbers in the formats counters really type. */
const PATIENTS = {
  zephyrine: { name: 'Zephyrine Okonkwo', typed: '98450 61537', e164: '+919845061537' },
  quillon: {
    name: 'Quillon Abernathy-Desrosiers',
    typed: '+91 97315 48262',
    e164: '+919731548262',
  },
  ysolde: { name: 'Ysolde Marchetti', typed: '080 4719 2635', e164: '+918047192635' },
  thaddeus: { name: 'Thaddeus Vanterpool', typed: '9731-592-846', e164: '+919731592846' },
  oriane: { name: 'Oriane Balasubramaniam', typed: '(+91) 88841 20973', e164: '+918884120973' },
} as const satisfies Record<string, Patient>;

/** Everything that would identify a patient if it turned up in a log or an event. */
function tellTales(patient: Patient): string[] {
  const digits = patient.e164.slice(3);
  const nameParts = patient.name.split(/[\s-]+/).filter((part) => part.length >= 3);
  return [
    patient.name,
    ...nameParts,
    patient.typed,
    patient.typed.replace(/\D/g, ''),
    patient.e164,
    patient.e164.slice(1),
    digits,
    digits.slice(-8),
  ];
}

const TELL_TALES = Object.values(PATIENTS).flatMap(tellTales);

/** Every tell-tale found in `text`, case-insensitively. */
const found = (text: string) =>
  TELL_TALES.filter((tale) => text.toLowerCase().includes(tale.toLowerCase()));

const logs = captureLog('trace');
let stack: Stack;
let admin: AllocationClient;
let counter: AllocationClient;
let doctor: AllocationClient;
let doctorId: string;

beforeAll(async () => {
  stack = await startStack({ log: logs.log });
  admin = stack.client('admin');
  counter = stack.client('counter');
  doctor = stack.client('doctor');
  // One 30-minute slot of two at 09:00: the third patient waits, an emergency displaces someone.
  doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 2)], 'Dr. Meera Rao');
});
afterAll(async () => {
  await stack.stop();
});

const request = (patient: Patient, source: Source, notes = ''): RequestTokenRequest => ({
  requestId: rid(),
  patientId: '',
  patientPhone: patient.typed,
  patientName: patient.name,
  doctorId,
  date: TODAY,
  source,
  preferredSlotId: '',
  notes,
});
const ask = (patient: Patient, source: Source, notes = '') =>
  counter.requestToken(request(patient, source, notes));

/** An OPD morning, with the mistakes and refusals a real one has. */
async function playTheMorning(): Promise<void> {
  const { zephyrine, quillon, ysolde, thaddeus, oriane } = PATIENTS;
  const first = allocated(
    await ask(zephyrine, Source.SOURCE_WALK_IN, 'Zephyrine uses a wheelchair'),
  );
  stack.clock.advance(60_000);
  allocated(await ask(quillon, Source.SOURCE_WALK_IN));
  const third = waitlisted(
    await ask(ysolde, Source.SOURCE_ONLINE, `call ${ysolde.typed} when ready`),
  );
  // An emergency takes the place of the latest walk-in, who goes to the head of the waitlist.
  const urgent = request(thaddeus, Source.SOURCE_EMERGENCY);
  const emergency = allocated(await counter.requestToken(urgent));
  // The counter's screen froze: the same request again is answered as before, not applied twice.
  expect(allocated(await counter.requestToken(urgent)).tokenId).toBe(emergency.tokenId);

  // Refusals and bad input that carry patient data.
  await refusal(ask(thaddeus, Source.SOURCE_PAID)); // already holds a token
  await refusal(counter.requestToken({ ...urgent, notes: 'same key, other request' }));
  await refusal(ask({ ...oriane, typed: `${oriane.typed}99` }, Source.SOURCE_WALK_IN));
  await refusal(ask({ ...oriane, name: `${oriane.name}\u0000` }, Source.SOURCE_WALK_IN));
  await refusal(
    counter.requestToken({
      requestId: rid(),
      patientId: '',
      patientPhone: oriane.typed,
      patientName: oriane.name,
      doctorId,
      date: addDays(TODAY, -1),
      source: Source.SOURCE_WALK_IN,
      preferredSlotId: '',
      notes: `${oriane.name} ${oriane.typed}`,
    }),
  );
  await refusal(
    doctor.requestToken({
      requestId: rid(),
      patientId: '',
      patientPhone: oriane.typed,
      patientName: oriane.name,
      doctorId,
      date: TODAY,
      source: Source.SOURCE_WALK_IN,
      preferredSlotId: '',
      notes: '',
    }),
  );
  await refusal(stack.allocationAs({ key: 'wrong-key' }).findPatient({ phone: oriane.typed }));

  // Lookups, the way the counter types them.
  await counter.findPatient({ phone: zephyrine.typed });
  await counter.findPatient({ phone: quillon.e164 });
  await refusal(counter.findPatient({ phone: oriane.typed })); // never registered
  await refusal(counter.findPatient({ phone: `${oriane.typed} ext 12` }));

  // Cancellations with reasons that name the patient; the freed place goes to the best waiting.
  await counter.cancelToken({
    requestId: rid(),
    tokenId: first.tokenId,
    reason: `${zephyrine.name} phoned from ${zephyrine.typed}: not coming`,
  });
  await counter.cancelWaitlistEntry({
    requestId: rid(),
    waitlistEntryId: third.waitlistEntryId,
    reason: `${ysolde.name} went home`,
  });
  // The day runs: the emergency is seen; the promoted walk-in never comes and the sweeper marks
  // the no-show once the grace period is over.
  await doctor.checkInToken({ requestId: rid(), tokenId: emergency.tokenId });
  await doctor.completeToken({ requestId: rid(), tokenId: emergency.tokenId });
  stack.clock.set(ist('09:20'));
  await eventually(
    () => counter.getDoctorDayBoard({ doctorId, date: TODAY }),
    ({ board }) => (board?.tokens ?? []).some((t) => t.status === TokenStatus.TOKEN_STATUS_NO_SHOW),
  );

  // Reports over the morning.
  const reports = stack.reports();
  await reports.listTokens({
    startDate: TODAY,
    endDate: TODAY,
    doctorId,
    statuses: [],
    sources: [],
    pageSize: 0,
    pageToken: '',
  });
  let exported = 0;
  for await (const batch of reports.exportTokens({
    startDate: TODAY,
    endDate: TODAY,
    doctorId,
    statuses: [],
    sources: [],
  })) {
    exported += batch.tokenRecords.length;
  }
  expect(exported).toBeGreaterThanOrEqual(0);
}

let events: StoredEvent[];

beforeAll(async () => {
  await playTheMorning();
  const allocationDb = new AllocationDatabase(stack.databaseUrls.allocation);
  const readModel = new Database(stack.databaseUrls.reporting);
  try {
    await settled(allocationDb, readModel);
  } finally {
    await Promise.all([allocationDb.close(), readModel.close()]);
  }
  events = await storedEvents(stack.stream.name);
});

describe('after an OPD morning', () => {
  it('the scan would notice a leak in any of the forms a number or name takes', () => {
    const { zephyrine } = PATIENTS;
    expect(found(`Key (phone)=(${zephyrine.e164}) already exists`)).toContain(zephyrine.e164);
    expect(found('{"phone":"9845061537"}')).toContain('9845061537');
    expect(found('…45061537…')).toContain('45061537');
    expect(found('{"name":"OKONKWO"}')).toContain('Okonkwo');
  });

  it('the services logged every call they served', () => {
    const calls = logs.entries().filter((e) => e['msg'] === 'rpc' || e['msg'] === 'rpc refused');
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.some((e) => e['method'] === 'FindPatient')).toBe(true);
    expect(calls.some((e) => e['code'] === 'PERMISSION_DENIED')).toBe(true);
    expect(calls.some((e) => e['code'] === 'INVALID_ARGUMENT')).toBe(true);
  });

  it('no log line holds a patient phone number in any format, or any part of a name', () => {
    const leaks = logs.lines.flatMap((line, i) => found(line).map((tale) => ({ line: i, tale })));
    expect(leaks).toEqual([]);
  });

  it('no log line holds an API key, not even the wrong one a stranger tried', () => {
    for (const key of [...Object.values(KEYS), 'wrong-key']) {
      expect({ key, logged: logs.text().includes(key) }).toEqual({ key, logged: false });
    }
  });

  it('the stream carried every change, and no event holds a phone number or a name', () => {
    expect(events.length).toBeGreaterThan(8);
    const decoded = events.map((event) => EventEnvelope.decode(event.data));
    expect(decoded.map((e) => e.payload?.$case)).toEqual(
      expect.arrayContaining(['tokenAllocated', 'tokenPreempted', 'tokenCancelled']),
    );
    const leaks = events.flatMap((event, i) => {
      const text = [
        event.subject,
        event.headers,
        Buffer.from(event.data).toString('utf8'),
        Buffer.from(event.data).toString('latin1'),
        JSON.stringify(EventEnvelope.toJSON(decoded[i] ?? EventEnvelope.fromPartial({}))),
      ].join('\n');
      return found(text).map((tale) => ({ event: i, subject: event.subject, tale }));
    });
    expect(leaks).toEqual([]);
  });
});
