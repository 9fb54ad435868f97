import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Source,
  TokenStatus,
  WaitlistEntryStatus,
  type DoctorDayBoard,
  type RequestTokenResponse,
  type Token,
  type TokenRecord,
  WEEKDAYS,
} from '@opd/api';
import { recordOf, summaryOf, type DoctorFacts } from './support/expected.js';
import {
  eventually,
  ist,
  startStack,
  TODAY,
  type AllocationClient,
  type ReportingClient,
  type Stack,
} from './support/stack.js';

let stack: Stack;
let admin: AllocationClient;
let counter: AllocationClient;
let reports: ReportingClient;
let patients = 0;

beforeAll(async () => {
  stack = await startStack();
  admin = stack.client('admin');
  counter = stack.client('counter');
  reports = stack.reports();
});
afterAll(async () => {
  await stack.stop();
});

const ENT: DoctorFacts = { displayName: 'Dr. Meera Rao', department: 'ENT' };

/** A doctor seeing patients every day 09:00–10:00 in two 30-minute slots of two. */
async function addDoctor(facts: DoctorFacts): Promise<string> {
  const sessions = [{ startTime: '09:00', endTime: '10:00', slotMinutes: 30, capacityPerSlot: 2 }];
  const { doctor } = await admin.createDoctor({
    room: '',
    requestId: crypto.randomUUID(),
    displayName: facts.displayName,
    department: facts.department,
    weeklySchedule: {
      days: WEEKDAYS.map((weekday) => ({ weekday, sessions })),
    },
  });
  if (!doctor) throw new Error('no doctor in the answer');
  return doctor.doctorId;
}

function ask(doctorId: string, source: Source, date = TODAY): Promise<RequestTokenResponse> {
  patients += 1;
  return counter.requestToken({
    requestId: crypto.randomUUID(),
    patientId: '',
    patientPhone: `98450${String(10_000 + patients).padStart(5, '0')}`,
    patientName: `Patient ${patients}`,
    doctorId,
    date,
    source,
    preferredSlotId: '',
    notes: '',
  });
}

async function tokenFor(doctorId: string, source: Source, date = TODAY): Promise<Token> {
  const answer = await ask(doctorId, source, date);
  if (answer.outcome?.$case !== 'allocated' || !answer.outcome.value.token) {
    throw new Error('expected a token');
  }
  return answer.outcome.value.token;
}

const action = (tokenId: string) => ({ requestId: crypto.randomUUID(), tokenId });

async function board(doctorId: string, date = TODAY): Promise<DoctorDayBoard> {
  const { board: current } = await counter.getDoctorDayBoard({ doctorId, date });
  if (!current) throw new Error('no board');
  return current;
}

/** Patients still waiting (the board lists promoted entries too). */
const waiting = (b: DoctorDayBoard) =>
  b.waitlistEntries.filter((e) => e.status === WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING)
    .length;

const range = (doctorId: string, date = TODAY) => ({
  startDate: date,
  endDate: date,
  doctorId,
  statuses: [],
  sources: [],
});

async function listed(doctorId: string, date = TODAY): Promise<TokenRecord[]> {
  return (await reports.listTokens({ ...range(doctorId, date), pageSize: 500, pageToken: '' }))
    .tokenRecords;
}

async function exported(doctorId: string, date = TODAY): Promise<TokenRecord[]> {
  const records: TokenRecord[] = [];
  for await (const batch of reports.exportTokens(range(doctorId, date))) {
    records.push(...batch.tokenRecords);
  }
  return records;
}

describe('the reporting service following the allocation service', () => {
  it('shows a token allocated at the counter in ListTokens and ExportTokens within a second', async () => {
    const doctorId = await addDoctor({ displayName: 'Dr. Kiran Shah', department: 'Cardiology' });
    const started = Date.now();
    const token = await tokenFor(doctorId, Source.SOURCE_WALK_IN);

    await eventually(
      () => listed(doctorId),
      (records) => records.length === 1,
      1_000,
    );
    const seenAfter = Date.now() - started;
    expect(await exported(doctorId)).toEqual([
      recordOf(token, { displayName: 'Dr. Kiran Shah', department: 'Cardiology' }),
    ]);
    expect(seenAfter).toBeLessThan(1_000);
  });

  it("matches the allocation service's day exactly: preemption, cancellation, promotions, consultations, no-shows and an expired waitlist", async () => {
    const doctorId = await addDoctor(ENT);
    stack.clock.set(ist('07:00'));
    const asha = await tokenFor(doctorId, Source.SOURCE_WALK_IN);
    const bala = await tokenFor(doctorId, Source.SOURCE_WALK_IN);
    await tokenFor(doctorId, Source.SOURCE_ONLINE); // Chitra, displaced below
    await tokenFor(doctorId, Source.SOURCE_WALK_IN); // Dev, who will not come
    const emergency = await ask(doctorId, Source.SOURCE_EMERGENCY);
    expect(
      emergency.outcome?.$case === 'allocated' && emergency.outcome.value.preemption,
    ).toBeTruthy();
    expect((await ask(doctorId, Source.SOURCE_ONLINE)).outcome?.$case).toBe('waitlisted'); // Gita
    expect((await ask(doctorId, Source.SOURCE_ONLINE)).outcome?.$case).toBe('waitlisted'); // Hari
    // Bala cancels: Chitra, first in line, gets the place.
    expect(
      (await counter.cancelToken({ ...action(bala.tokenId), reason: 'travelling' })).promotions,
    ).toHaveLength(1);
    await counter.checkInToken(action(asha.tokenId));
    const emergencyToken =
      emergency.outcome?.$case === 'allocated' ? emergency.outcome.value.token : undefined;
    stack.clock.set(ist('09:05'));
    await counter.checkInToken(action(emergencyToken?.tokenId ?? ''));
    await counter.completeToken(action(asha.tokenId));
    // 09:20: Chitra has not come; the sweeper marks her and promotes Gita into the running slot.
    stack.clock.set(ist('09:20'));
    await eventually(
      () => board(doctorId),
      (b) => waiting(b) === 1,
    );
    stack.clock.set(ist('09:40'));
    await counter.completeToken(action(emergencyToken?.tokenId ?? ''));
    // 10:30: the day is over. Dev and Gita are no-shows; Hari's wait expires.
    const hariWaits = waiting(await board(doctorId));
    stack.clock.set(ist('10:30'));
    const final = await eventually(
      () => board(doctorId),
      (b) =>
        waiting(b) === 0 && b.tokens.every((t) => t.status !== TokenStatus.TOKEN_STATUS_ALLOCATED),
    );

    const expected = final.tokens.map((t) => recordOf(t, ENT));
    const statuses = expected.map((t) => TokenStatus[t.status].replace('TOKEN_STATUS_', ''));
    expect(statuses).toEqual([
      'COMPLETED',
      'CANCELLED',
      'PREEMPTED',
      'NO_SHOW',
      'COMPLETED',
      'NO_SHOW',
      'NO_SHOW',
    ]);
    expect(
      await eventually(
        () => listed(doctorId),
        (r) => JSON.stringify(r) === JSON.stringify(expected),
      ),
    ).toEqual(expected);
    expect(await exported(doctorId)).toEqual(expected);
    const { dailySummaries } = await reports.listDailySummaries({
      startDate: TODAY,
      endDate: TODAY,
      doctorId,
      pageSize: 0,
      pageToken: '',
    });
    expect(dailySummaries).toEqual([summaryOf(final, ENT, { added: 3, expired: hariWaits })]);
    expect(dailySummaries[0]).toMatchObject({
      tokenCount: 7,
      capacity: 4,
      occupancy: 2,
      utilisation: 0.5,
      noShowCount: 3,
      noShowRate: 3 / 5,
      preemptionCount: 1,
      promotionCount: 2,
      waitlistAddedCount: 3,
      waitlistExpiredCount: 1,
      averageWait: { seconds: 80 * 60, nanos: 0 },
    });
  });

  it('lists several doctors over several days in date, doctor and token order, like the boards', async () => {
    stack.clock.set(ist('07:00'));
    const facts = [
      { displayName: 'Dr. Anil Kumar', department: 'Orthopaedics' },
      { displayName: 'Dr. Farah Khan', department: 'Paediatrics' },
    ];
    const doctors = await Promise.all(facts.map((f) => addDoctor(f)));
    const tomorrow = '2026-11-28';
    for (const [i, doctorId] of doctors.entries()) {
      for (const date of [TODAY, tomorrow]) {
        for (const source of [Source.SOURCE_PAID, Source.SOURCE_FOLLOW_UP].slice(0, i + 1)) {
          await tokenFor(doctorId, source, date);
        }
      }
    }
    const expected: TokenRecord[] = [];
    for (const date of [TODAY, tomorrow]) {
      const sorted = doctors
        .map((id, i) => ({ id, facts: facts[i] as DoctorFacts }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const { id, facts: doctor } of sorted) {
        expected.push(...(await board(id, date)).tokens.map((t) => recordOf(t, doctor)));
      }
    }

    const all = async () => {
      const records: TokenRecord[] = [];
      let pageToken = '';
      do {
        const page = await reports.listTokens({
          ...range('', TODAY),
          endDate: tomorrow,
          pageSize: 2,
          pageToken,
        });
        records.push(...page.tokenRecords.filter((r) => doctors.includes(r.doctorId)));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return records;
    };
    expect(await eventually(all, (r) => r.length === expected.length)).toEqual(expected);
  });
});
