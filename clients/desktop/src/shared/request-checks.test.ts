import { describe, expect, it } from '@jest/globals';
import { REQUEST_CHECKS } from './request-checks.js';
import { run } from './validation.js';

const ID = '0b7e3d9a-5c41-4f0e-8a2b-1d3c5e7f9a11';
const issue = {
  requestId: ID,
  phone: '98450 12345',
  name: 'Asha Rao',
  patientId: null,
  registration: null,
  doctorId: ID,
  date: '2026-11-30',
  source: 'WALK_IN',
  preferredSlotId: null,
  notes: '',
};

describe('what may cross IPC', () => {
  it('passes a well-formed token request through unchanged', () => {
    expect(run(REQUEST_CHECKS.issueToken, issue)).toEqual({ ok: true, value: issue });
  });

  it('drops properties the contract does not name', () => {
    const checked = run(REQUEST_CHECKS.issueToken, {
      ...issue,
      isAdmin: true,
      __proto__: { x: 1 },
    });
    expect(checked.ok && Object.keys(checked.value)).toEqual(Object.keys(issue));
  });

  it('names every bad field at once', () => {
    const checked = run(REQUEST_CHECKS.issueToken, {
      ...issue,
      phone: 'call me',
      name: '  ',
      date: '2026-02-30',
      source: 'VIP',
      preferredSlotId: 'slot 3',
    });
    expect(checked.ok ? [] : checked.violations).toEqual([
      { field: 'phone', description: 'must be a phone number, e.g. 98450 12345' },
      { field: 'name', description: "enter the patient's name" },
      { field: 'date', description: 'must be a date like 2026-11-30' },
      {
        field: 'source',
        description: 'must be one of EMERGENCY, PAID, FOLLOW_UP, WALK_IN, ONLINE',
      },
      { field: 'preferredSlotId', description: 'must be an id (UUID)' },
    ]);
  });

  it('takes a patient picked by id and the optional registration details', () => {
    const registration = {
      sex: 'FEMALE',
      birthDate: '',
      ageYears: 7,
      abhaNumber: '91-8765-4321-0122',
      hospitalNumber: '',
    };
    const picked = { ...issue, patientId: ID, registration };
    expect(run(REQUEST_CHECKS.issueToken, picked)).toEqual({ ok: true, value: picked });
    const bad = run(REQUEST_CHECKS.issueToken, {
      ...issue,
      registration: { ...registration, sex: 'F', ageYears: 131 },
    });
    expect(bad.ok ? [] : bad.violations.map((v) => v.field)).toEqual([
      'registration.sex',
      'registration.ageYears',
    ]);
  });

  it('checks a weekly schedule down to each session', () => {
    const checked = run(REQUEST_CHECKS.createDoctor, {
      requestId: ID,
      displayName: 'Dr. Meera Rao',
      department: 'ENT',
      room: 'OPD 2, Room 14',
      weeklySchedule: [
        {
          weekday: 'MONDAY',
          sessions: [{ startTime: '9', endTime: '13:00', slotMinutes: 0, capacityPerSlot: 4 }],
        },
      ],
    });
    expect(checked.ok ? [] : checked.violations.map((v) => v.field)).toEqual([
      'weeklySchedule[0].sessions[0].startTime',
      'weeklySchedule[0].sessions[0].slotMinutes',
    ]);
  });

  it('refuses a report range that ends before it starts', () => {
    const checked = run(REQUEST_CHECKS.startExport, {
      startDate: '2026-11-30',
      endDate: '2026-11-01',
      doctorId: '',
      statuses: ['NO_SHOW'],
      sources: [],
    });
    expect(checked.ok ? [] : checked.violations).toEqual([
      { field: 'endDate', description: 'must not be before the start date' },
    ]);
  });

  it('takes a leave day with no sessions, and changed sessions only with at least one', () => {
    const base = { requestId: ID, doctorId: ID, date: '2026-12-01', reason: '' };
    expect(run(REQUEST_CHECKS.setOverride, { ...base, plan: { kind: 'leave' } }).ok).toBe(true);
    const empty = run(REQUEST_CHECKS.setOverride, {
      ...base,
      plan: { kind: 'sessions', sessions: [] },
    });
    expect(empty.ok ? [] : empty.violations.map((v) => v.field)).toEqual(['plan.sessions']);
  });

  it('needs a reason and another doctor for a transfer', () => {
    const transfer = {
      requestId: ID,
      tokenId: ID,
      targetDoctorId: ID,
      reason: 'Needs ENT opinion',
    };
    expect(run(REQUEST_CHECKS.transferToken, transfer)).toEqual({ ok: true, value: transfer });
    const bare = run(REQUEST_CHECKS.transferToken, {
      ...transfer,
      targetDoctorId: '',
      reason: '   ',
    });
    expect(bare.ok ? [] : bare.violations).toEqual([
      { field: 'targetDoctorId', description: 'must be an id (UUID)' },
      { field: 'reason', description: 'enter why the patient goes to the other doctor' },
    ]);
  });

  it("takes the room's keys for a doctor-day or a token, and nothing else", () => {
    const day = { requestId: ID, doctorId: ID, date: '2026-11-30' };
    expect(run(REQUEST_CHECKS.callNext, day)).toEqual({ ok: true, value: day });
    for (const name of ['recallToken', 'skipToken', 'completeCalled', 'undoTransition'] as const) {
      expect(run(REQUEST_CHECKS[name], { requestId: ID, tokenId: 'seven' }).ok).toBe(false);
      expect(run(REQUEST_CHECKS[name], { requestId: ID, tokenId: ID }).ok).toBe(true);
    }
    expect(run(REQUEST_CHECKS.printSlip, null).ok).toBe(true);
    expect(run(REQUEST_CHECKS.printSlip, { printer: 'anything' }).ok).toBe(false);
  });

  it('takes nothing at all for requests that have no fields', () => {
    expect(run(REQUEST_CHECKS.getSettings, null).ok).toBe(true);
    expect(run(REQUEST_CHECKS.getSettings, { sneaky: 1 }).ok).toBe(false);
  });
});
