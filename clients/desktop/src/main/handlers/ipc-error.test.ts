import { Metadata, status } from '@grpc/grpc-js';
import { ApiError } from '@opd/service-runtime';
import { describe, expect, it } from '@jest/globals';
import { DesktopError, rendererField, toIpcError } from './ipc-error.js';

const context = { service: 'allocation' as const };
/** An error exactly as a client receives it from a service that threw `error`. */
const received = (error: ApiError) => {
  const sent = error.toServiceError();
  return Object.assign(new Error(sent.details), {
    code: sent.code,
    details: sent.details,
    metadata: sent.metadata,
  });
};

describe('errors as staff read them', () => {
  it('names bad fields by the form field, not the proto path', () => {
    expect(rendererField('patient_phone')).toBe('phone');
    expect(rendererField('weekly_schedule.days[0].sessions[1].end_time')).toBe(
      'weeklySchedule[0].sessions[1].endTime',
    );
    expect(rendererField('sessions.sessions[0].start_time')).toBe('plan.sessions[0].startTime');
    expect(rendererField('doctor.display_name')).toBe('displayName');
  });

  it('turns field violations into one sentence naming each field', () => {
    const error = received(
      ApiError.invalidArgument([
        { field: 'patient_phone', description: 'is not a valid phone number' },
      ]),
    );
    expect(toIpcError(error, context)).toEqual({
      code: 'INVALID_ARGUMENT',
      reason: 'FIELD_VIOLATION',
      message: 'Please check the form: Phone number is not a valid phone number.',
      metadata: {},
      service: 'allocation',
      fieldViolations: [{ field: 'phone', description: 'is not a valid phone number' }],
    });
  });

  it('passes the reason and its metadata on for the renderer to put in the counter’s language', () => {
    const error = received(
      new ApiError('FAILED_PRECONDITION', 'The grace period is not over.', {
        reason: 'GRACE_PERIOD_NOT_OVER',
        metadata: { no_show_allowed_after: '2026-11-27T04:15:00Z', grace_minutes: '15' },
      }),
    );
    expect(toIpcError(error, context)).toEqual({
      code: 'FAILED_PRECONDITION',
      reason: 'GRACE_PERIOD_NOT_OVER',
      message: 'The grace period is not over.',
      metadata: { no_show_allowed_after: '2026-11-27T04:15:00Z', grace_minutes: '15' },
      service: 'allocation',
      fieldViolations: [],
    });
  });

  it('keeps the service’s sentence for a reason the desktop does not know', () => {
    const error = received(
      new ApiError('FAILED_PRECONDITION', 'Something new happened.', { reason: 'SOMETHING_NEW' }),
    );
    expect(toIpcError(error, context)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      reason: 'SOMETHING_NEW',
      message: 'Something new happened.',
    });
  });

  it('never passes on the text of an unexpected error', () => {
    const answer = toIpcError(new TypeError('secret internals at line 42'), context);
    expect(answer.message).not.toContain('secret');
    expect(answer).toMatchObject({ code: 'INTERNAL', reason: null });
    const grpcInternal = Object.assign(new Error('boom'), {
      code: status.INTERNAL,
      details: 'stack trace here',
      metadata: new Metadata(),
    });
    expect(toIpcError(grpcInternal, { ...context, service: 'reporting' }).message).toBe(
      'The reporting service ran into an unexpected problem. Try again; if it keeps happening, call IT.',
    );
  });

  it("passes on the desktop's own refusals as they are", () => {
    expect(
      toIpcError(new DesktopError('FAILED_PRECONDITION', 'Not set up.', 'X'), context),
    ).toEqual({
      code: 'FAILED_PRECONDITION',
      reason: 'X',
      message: 'Not set up.',
      metadata: {},
      service: null,
      fieldViolations: [],
    });
  });
});
