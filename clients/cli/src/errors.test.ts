import { describe, expect, it } from '@jest/globals';
import { DOCTOR_DAY_ALTERNATIVES_TYPE, DoctorDayAlternatives } from '@opd/api';
import { ApiError } from '@opd/service-runtime';
import { describeServiceError } from './errors.js';

const target = { service: 'allocation', address: '127.0.0.1:50051' } as const;

describe('service errors as sentences', () => {
  it('gives the message, the status and the stable reason, then the facts', () => {
    const error = new ApiError('FAILED_PRECONDITION', "the doctor-day's last slot has ended", {
      reason: 'DOCTOR_DAY_OVER',
      metadata: { date: '2026-11-27' },
    }).toServiceError();
    expect(describeServiceError(error, target)).toBe(
      "The doctor-day's last slot has ended (FAILED_PRECONDITION, DOCTOR_DAY_OVER).\n  details: date=2026-11-27",
    );
  });

  it('lists every bad field', () => {
    const error = ApiError.invalidArgument([
      { field: 'patient_phone', description: 'not a valid phone number' },
      { field: 'date', description: 'must be YYYY-MM-DD' },
    ]).toServiceError();
    expect(describeServiceError(error, target).split('\n')).toEqual([
      'The request has fields the service cannot accept (INVALID_ARGUMENT, FIELD_VIOLATION):',
      '  - patient_phone: not a valid phone number',
      '  - date: must be YYYY-MM-DD',
    ]);
  });

  it('offers the doctor-days with room when the asked one is full', () => {
    const alternatives = DoctorDayAlternatives.encode({
      alternatives: [
        {
          doctorId: 'd-1',
          doctorDisplayName: 'Dr. Meera Rao',
          department: 'ENT',
          date: '2026-12-07',
          freePlaces: 12,
          firstFreeTime: '09:00',
        },
      ],
    }).finish();
    const error = new ApiError('FAILED_PRECONDITION', 'the doctor-day is full', {
      reason: 'DOCTOR_DAY_FULL',
      details: [{ typeUrl: DOCTOR_DAY_ALTERNATIVES_TYPE, value: Buffer.from(alternatives) }],
    }).toServiceError();
    expect(describeServiceError(error, target).split('\n')).toEqual([
      'The doctor-day is full (FAILED_PRECONDITION, DOCTOR_DAY_FULL).',
      '  room elsewhere (ask again with --doctor <id> --date <date>):',
      '    1. Dr. Meera Rao (ENT) on 2026-12-07 from 09:00, 12 free — --doctor d-1 --date 2026-12-07',
    ]);
  });

  it('says how to free the room when a patient is still called in', () => {
    const id = '7a1c2f9e-0000-4000-8000-000000000007';
    const error = new ApiError(
      'FAILED_PRECONDITION',
      'token 7 is called already: complete, skip or undo it first',
      { reason: 'TOKEN_ALREADY_CALLED', metadata: { token_id: id, token_number: '7' } },
    ).toServiceError();
    expect(describeServiceError(error, target).split('\n')).toEqual([
      'Token 7 is called already: complete, skip or undo it first (FAILED_PRECONDITION, TOKEN_ALREADY_CALLED).',
      `  details: token_id=${id}, token_number=7`,
      `  Finish with token 7 first: \`opd room complete ${id}\`, \`opd room skip ${id}\`, ` +
        `or \`opd room undo ${id}\` to send it back to the queue.`,
    ]);
  });

  it("names the key a room's call needs when the role may not make it", () => {
    const error = new ApiError('PERMISSION_DENIED', "role 'counter' may not call CallNext", {
      reason: 'ROLE_NOT_ALLOWED',
      metadata: { role: 'counter', method: 'CallNext' },
    }).toServiceError();
    expect(describeServiceError(error, target)).toContain(
      'CallNext needs a doctor (or admin) key: give it with --key or OPD_API_KEY.',
    );
  });

  it('explains a refused undo by why it was refused', () => {
    const error = new ApiError('FAILED_PRECONDITION', 'another patient is called in the room', {
      reason: 'UNDO_REFUSED',
      metadata: { token_id: 't', why: 'ANOTHER_CALLED' },
    }).toServiceError();
    expect(describeServiceError(error, target).split('\n')).toEqual([
      'Another patient is called in the room (FAILED_PRECONDITION, UNDO_REFUSED).',
      '  details: token_id=t, why=ANOTHER_CALLED',
      '  Another patient is in the room now: complete or skip them first, then undo this one.',
    ]);
  });

  it('adds nothing where the service has said it all', () => {
    const error = new ApiError('FAILED_PRECONDITION', 'an undo is not undone', {
      reason: 'UNDO_REFUSED',
      metadata: { why: 'ALREADY_UNDONE' },
    }).toServiceError();
    expect(describeServiceError(error, target).split('\n')).toHaveLength(2);
  });
});
