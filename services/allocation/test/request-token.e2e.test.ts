import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { status } from '@grpc/grpc-js';
import { Sex, Source, TokenStatus, WaitlistEntryStatus, type RequestTokenRequest } from '@opd/api';
import { expectRefused } from '@opd/service-runtime/testing';
import { addDoctor, session } from './support/fixtures.js';
import {
  phone,
  rid,
  startHarness,
  TODAY,
  type AllocationClient,
  type Harness,
} from './support/harness.js';

let h: Harness;
let counter: AllocationClient;
let admin: AllocationClient;

beforeAll(async () => {
  h = await startHarness();
  counter = h.client('counter');
  admin = h.client('admin');
});
afterAll(() => h.stop());

const ask = (
  doctorId: string,
  source: Source,
  extra: Partial<RequestTokenRequest> = {},
): RequestTokenRequest => ({
  requestId: rid(),
  patientId: '',
  patientPhone: phone(),
  patientName: 'Asha Rao',
  doctorId,
  date: TODAY,
  source,
  preferredSlotId: '',
  notes: '',
  ...extra,
});

describe('requesting a token through gRPC', () => {
  it('gives the first walk-in token 1 in the first slot, with the patient registered by phone', async () => {
    const doctorId = await addDoctor(admin);
    const res = await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, { patientPhone: '98450 12345' }),
    );
    expect(res.outcome?.$case).toBe('allocated');
    if (res.outcome?.$case !== 'allocated') return;
    expect(res.outcome.value.token).toMatchObject({
      tokenNumber: 1,
      status: TokenStatus.TOKEN_STATUS_ALLOCATED,
      patientName: 'Asha Rao',
      slotLocalStartTime: '09:00',
    });
    expect(res.outcome.value.slot).toMatchObject({ capacity: 2, occupancy: 1 });
    const found = await counter.findPatient({ phone: '+919845012345' });
    expect(found.patient?.name).toBe('Asha Rao');
    expect(found.tokens.map((t) => t.tokenNumber)).toEqual([1]);
  });

  it('puts a request on the waitlist with its position once the day is full', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    await counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN));
    const res = await counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN));
    expect(res.outcome?.$case).toBe('waitlisted');
    if (res.outcome?.$case !== 'waitlisted') return;
    expect(res.outcome.value.waitlistEntry).toMatchObject({
      position: 1,
      status: WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING,
    });
  });

  it('gives an emergency the place of the latest walk-in and tells who was displaced', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 2)]);
    await counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN));
    h.clock.advance(60_000);
    await counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN));
    const res = await counter.requestToken(ask(doctorId, Source.SOURCE_EMERGENCY));
    if (res.outcome?.$case !== 'allocated') throw new Error('expected allocation');
    expect(res.outcome.value.token?.tokenNumber).toBe(3);
    expect(res.outcome.value.preemption).toMatchObject({
      preemptedTokenNumber: 2,
      waitlistPosition: 1,
    });
    const board = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    const byNumber = new Map(board.board?.tokens.map((t) => [t.tokenNumber, t]));
    expect(byNumber.get(2)).toMatchObject({
      status: TokenStatus.TOKEN_STATUS_PREEMPTED,
      preemptedByTokenId: res.outcome.value.token?.tokenId,
    });
    expect(board.board?.waitlistEntries[0]).toMatchObject({
      position: 1,
      displacedTokenId: byNumber.get(2)?.tokenId,
    });
  });

  it('answers a patient who already holds a token with ALREADY_EXISTS and that token', async () => {
    const doctorId = await addDoctor(admin);
    const first = ask(doctorId, Source.SOURCE_WALK_IN);
    await counter.requestToken(first);
    const status1 = await expectRefused(
      counter.requestToken({ ...first, requestId: rid(), source: Source.SOURCE_PAID }),
      status.ALREADY_EXISTS,
      'PATIENT_ALREADY_HOLDS_TOKEN',
    );
    expect(status1.metadata['token_number']).toBe('1');
  });

  it('returns the original answer unchanged to a retry with the same request_id', async () => {
    const doctorId = await addDoctor(admin);
    const request = ask(doctorId, Source.SOURCE_WALK_IN);
    const first = await counter.requestToken(request);
    h.clock.advance(5 * 60_000);
    const again = await counter.requestToken(request);
    expect(again).toEqual(first);
    const board = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    expect(board.board?.tokens).toHaveLength(1);
  });

  it('refuses a request_id reused for a different request', async () => {
    const doctorId = await addDoctor(admin);
    const request = ask(doctorId, Source.SOURCE_WALK_IN);
    await counter.requestToken(request);
    await expectRefused(
      counter.requestToken({ ...request, patientPhone: phone() }),
      status.FAILED_PRECONDITION,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('names every bad field of a malformed request and changes nothing', async () => {
    const refused = await expectRefused(
      counter.requestToken({
        requestId: '',
        patientId: '',
        patientPhone: '12',
        patientName: ' ',
        doctorId: 'not-a-uuid',
        date: '2026-02-30',
        source: Source.SOURCE_UNSPECIFIED,
        preferredSlotId: '',
        notes: '',
      }),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(refused.fieldViolations.map((v) => v.field).sort()).toEqual(
      ['date', 'doctor_id', 'patient_name', 'patient_phone', 'request_id', 'source'].sort(),
    );
  });

  it('refuses a date in the past and an unknown doctor by name', async () => {
    const doctorId = await addDoctor(admin);
    await expectRefused(
      counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN, { date: '2026-11-26' })),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
      'date',
    );
    await expectRefused(
      counter.requestToken(ask('00000000-0000-4000-8000-000000000000', Source.SOURCE_WALK_IN)),
      status.NOT_FOUND,
      'DOCTOR_NOT_FOUND',
    );
  });

  it('lets a booking portal book online and follow-ups, but not claim an emergency', async () => {
    const doctorId = await addDoctor(admin, [session('09:00', '09:30', 30, 1)]);
    const portal = h.client('integration');
    await counter.requestToken(ask(doctorId, Source.SOURCE_WALK_IN));
    const refused = await expectRefused(
      portal.requestToken(ask(doctorId, Source.SOURCE_EMERGENCY)),
      status.PERMISSION_DENIED,
      'SOURCE_NOT_ALLOWED',
    );
    expect(refused.metadata).toEqual({
      role: 'integration',
      source: 'SOURCE_EMERGENCY',
      allowed_sources: 'SOURCE_ONLINE,SOURCE_FOLLOW_UP',
    });
    // The walk-in keeps the place: nobody was displaced.
    const { board } = await counter.getDoctorDayBoard({ doctorId, date: TODAY });
    expect(board?.tokens.map((t) => t.status)).toEqual([TokenStatus.TOKEN_STATUS_ALLOCATED]);
    const online = await portal.requestToken(ask(doctorId, Source.SOURCE_ONLINE));
    expect(online.outcome?.$case).toBe('waitlisted');
  });

  it('registers a second patient on a phone a family shares, and finds each by name', async () => {
    const doctorId = await addDoctor(admin);
    const family = phone();
    const mother = await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, { patientPhone: family, patientName: 'Meena Iyer' }),
    );
    h.clock.advance(60_000);
    const child = await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, { patientPhone: family, patientName: 'Kavya Iyer' }),
    );
    const tokenOf = (answer: typeof mother) =>
      answer.outcome?.$case === 'allocated' ? answer.outcome.value.token : undefined;
    expect(tokenOf(child)?.patientId).not.toBe(tokenOf(mother)?.patientId);
    // The same name, spelt differently, is the same patient: one token per doctor-day.
    await expectRefused(
      counter.requestToken(
        ask(doctorId, Source.SOURCE_WALK_IN, { patientPhone: family, patientName: 'meena  IYER.' }),
      ),
      status.ALREADY_EXISTS,
      'PATIENT_ALREADY_HOLDS_TOKEN',
    );
    const found = await counter.findPatient({ phone: family });
    expect(found.patients.map((p) => p.name)).toEqual(['Meena Iyer', 'Kavya Iyer']);
    expect(found.tokens.map((t) => t.patientName).sort()).toEqual(['Kavya Iyer', 'Meena Iyer']);
    // A caller that knows the patient's id may give it instead.
    const other = await addDoctor(admin);
    const byId = await counter.requestToken(
      ask(other, Source.SOURCE_WALK_IN, {
        patientPhone: '',
        patientName: '',
        patientId: tokenOf(child)?.patientId ?? '',
      }),
    );
    expect(tokenOf(byId)?.patientName).toBe('Kavya Iyer');
  });

  it('stores the optional registration details on a new patient and returns them', async () => {
    const doctorId = await addDoctor(admin);
    const family = phone();
    await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, {
        patientPhone: family,
        patientName: 'Meena Iyer',
        registration: {
          sex: Sex.SEX_FEMALE,
          birthDate: '1990-05-17',
          abhaNumber: '91-8765-4321-0122',
          hospitalNumber: 'MRN-0042',
        },
      }),
    );
    h.clock.advance(60_000);
    await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, {
        patientPhone: family,
        patientName: 'Kavya Iyer',
        registration: {
          sex: Sex.SEX_FEMALE,
          birthDate: '',
          ageYears: 7,
          abhaNumber: '',
          hospitalNumber: '',
        },
      }),
    );
    const found = await counter.findPatient({ phone: family });
    expect(found.patients[0]).toMatchObject({
      name: 'Meena Iyer',
      sex: Sex.SEX_FEMALE,
      birthDate: '1990-05-17',
      birthDateEstimated: false,
      abhaNumber: '91876543210122',
      hospitalNumber: 'MRN-0042',
    });
    // An age is kept as an estimated date of birth: 1 January of the year it implies.
    expect(found.patients[1]).toMatchObject({
      name: 'Kavya Iyer',
      birthDate: '2019-01-01',
      birthDateEstimated: true,
      abhaNumber: '',
      hospitalNumber: '',
    });
  });

  it('fills in details an existing patient lacks, and never overwrites recorded ones', async () => {
    const doctorId = await addDoctor(admin);
    const other = await addDoctor(admin);
    const family = phone();
    const first = await counter.requestToken(
      ask(doctorId, Source.SOURCE_WALK_IN, {
        patientPhone: family,
        patientName: 'Ravi Kumar',
        registration: { sex: Sex.SEX_MALE, birthDate: '', abhaNumber: '', hospitalNumber: '' },
      }),
    );
    const patientId =
      first.outcome?.$case === 'allocated' ? first.outcome.value.token?.patientId : '';
    await counter.requestToken(
      ask(other, Source.SOURCE_WALK_IN, {
        patientPhone: '',
        patientName: '',
        patientId: patientId ?? '',
        registration: {
          sex: Sex.SEX_OTHER,
          birthDate: '1985-03-02',
          abhaNumber: '',
          hospitalNumber: 'H-7',
        },
      }),
    );
    const found = await counter.findPatient({ phone: family });
    expect(found.patients).toHaveLength(1);
    expect(found.patients[0]).toMatchObject({
      sex: Sex.SEX_MALE,
      birthDate: '1985-03-02',
      hospitalNumber: 'H-7',
    });
  });

  it('names each bad registration field', async () => {
    const doctorId = await addDoctor(admin);
    const refused = await expectRefused(
      counter.requestToken(
        ask(doctorId, Source.SOURCE_WALK_IN, {
          registration: {
            sex: 9 as Sex,
            birthDate: '2026-11-28',
            ageYears: 131,
            abhaNumber: '91-8765-4321-0121',
            hospitalNumber: 'x'.repeat(41),
          },
        }),
      ),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
    expect(refused.fieldViolations.map((v) => v.field).sort()).toEqual(
      [
        'registration.abha_number',
        'registration.age_years',
        'registration.birth_date',
        'registration.hospital_number',
        'registration.sex',
      ].sort(),
    );
    await expectRefused(
      counter.requestToken(
        ask(doctorId, Source.SOURCE_WALK_IN, {
          registration: {
            sex: 0,
            birthDate: '',
            ageYears: -1,
            abhaNumber: '1234',
            hospitalNumber: '',
          },
        }),
      ),
      status.INVALID_ARGUMENT,
      'FIELD_VIOLATION',
    );
  });
});
