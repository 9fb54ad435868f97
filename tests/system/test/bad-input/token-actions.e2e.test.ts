// What happens to tokens and waitlist entries after they are issued — GetToken, CancelToken,
// CancelWaitlistEntry, CheckInToken, CompleteToken, MarkNoShow — and FindPatient, with bad ids,
// unknown ids, bad reasons and actions the token's state does not allow.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  badRequiredId,
  notAPhone,
  RUNS,
  tooLong,
  withControlCharacter,
} from '../support/arbitraries.js';
import { AllocationDatabase } from '../support/database-state.js';
import { addDoctor, allocated, rid, session, waitlisted, walkIn } from '../support/hospital.js';
import {
  expectBadField,
  expectNothingWritten,
  expectRefusedWith,
  type AuditedRefusal,
} from '../support/refusals.js';
import { startStack, type AllocationClient, type Stack } from '../support/stack.js';

let stack: Stack;
let db: AllocationDatabase;
let counter: AllocationClient;
let doctorId: string;

beforeAll(async () => {
  stack = await startStack();
  db = new AllocationDatabase(stack.databaseUrls.allocation);
  counter = stack.client('counter');
  // One slot of one: the second patient waits.
  doctorId = await addDoctor(stack.client('admin'), [session('09:00', '09:30', 30, 1)]);
});
afterAll(async () => {
  await db.close();
  await stack.stop();
});

/** An action on a token or entry by id, with an idempotency key and optional extra fields. */
interface Action {
  readonly method: string;
  readonly field: 'token_id' | 'waitlist_entry_id';
  readonly reason: string;
  call(id: string, extra?: { requestId?: string; reason?: string }): Promise<unknown>;
}

const ACTIONS: readonly Action[] = [
  {
    method: 'CancelToken',
    field: 'token_id',
    reason: 'TOKEN_NOT_FOUND',
    call: (tokenId, extra) =>
      counter.cancelToken({ requestId: rid(), tokenId, reason: '', ...extra }),
  },
  {
    method: 'CancelWaitlistEntry',
    field: 'waitlist_entry_id',
    reason: 'WAITLIST_ENTRY_NOT_FOUND',
    call: (waitlistEntryId, extra) =>
      counter.cancelWaitlistEntry({ requestId: rid(), waitlistEntryId, reason: '', ...extra }),
  },
  {
    method: 'CheckInToken',
    field: 'token_id',
    reason: 'TOKEN_NOT_FOUND',
    call: (tokenId, extra) => counter.checkInToken({ requestId: rid(), tokenId, ...extra }),
  },
  {
    method: 'CompleteToken',
    field: 'token_id',
    reason: 'TOKEN_NOT_FOUND',
    call: (tokenId, extra) => counter.completeToken({ requestId: rid(), tokenId, ...extra }),
  },
  {
    method: 'MarkNoShow',
    field: 'token_id',
    reason: 'TOKEN_NOT_FOUND',
    call: (tokenId, extra) => counter.markNoShow({ requestId: rid(), tokenId, ...extra }),
  },
];

const byMethod = ACTIONS.map((a) => [a.method, a] as const);
const uuid = () => crypto.randomUUID();

describe.each(byMethod)('%s', (method, action) => {
  it(`is refused without an idempotency key, naming request_id, and changes nothing`, async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(action.call(uuid(), { requestId: '' }), 'request_id');
      await expectBadField(action.call(uuid(), { requestId: 'k'.repeat(129) }), 'request_id');
    });
  });

  it(`is refused for any missing or malformed ${action.field}, naming it`, async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(badRequiredId, async (id) => {
          await expectBadField(action.call(id), action.field);
        }),
        RUNS,
      );
    });
  });

  it(`answers NOT_FOUND ${action.reason} for unknown ids and audits each refusal`, async () => {
    const unknown = fc.sample(fc.uuid(), 10);
    await expectNothingWritten(
      db,
      async () => {
        for (const id of unknown) {
          await expectRefusedWith(action.call(id), 'NOT_FOUND', action.reason, {
            [action.field]: id,
          });
        }
      },
      unknown.map((): AuditedRefusal => ({ action: method, code: 'NOT_FOUND' })),
    );
  });
});

describe('a cancellation reason', () => {
  it.each([
    ['CancelToken', 0],
    ['CancelWaitlistEntry', 1],
  ] as const)('given to %s is refused when over-long or with control characters', async (_m, i) => {
    const action = ACTIONS[i];
    if (!action) throw new Error('no such action');
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(tooLong(500), withControlCharacter, async (long, odd) => {
          await expectBadField(action.call(uuid(), { reason: long }), 'reason');
          await expectBadField(action.call(uuid(), { reason: odd }), 'reason');
        }),
        { numRuns: 25 },
      );
    });
  });
});

describe('an action the token or entry is not in a state for', () => {
  it('is refused with FAILED_PRECONDITION, audited, and changes nothing', async () => {
    const token = allocated(await counter.requestToken(walkIn(doctorId)));
    const entry = waitlisted(await counter.requestToken(walkIn(doctorId)));
    const cancelledEntry = waitlisted(await counter.requestToken(walkIn(doctorId)));
    await counter.cancelWaitlistEntry({
      requestId: rid(),
      waitlistEntryId: cancelledEntry.waitlistEntryId,
      reason: 'went home',
    });
    const refused: AuditedRefusal = { action: '', code: 'FAILED_PRECONDITION' };
    await expectNothingWritten(db, async () => {
      // Not checked in yet: the consultation cannot be over.
      await expectRefusedWith(
        counter.completeToken({ requestId: rid(), tokenId: token.tokenId }),
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      );
      // 07:00, before the 09:00 slot: far too early for a no-show.
      await expectRefusedWith(
        counter.markNoShow({ requestId: rid(), tokenId: token.tokenId }),
        'FAILED_PRECONDITION',
        'GRACE_PERIOD_NOT_OVER',
      );
      await expectRefusedWith(
        counter.cancelWaitlistEntry({
          requestId: rid(),
          waitlistEntryId: cancelledEntry.waitlistEntryId,
          reason: '',
        }),
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      );
    }, [
      { ...refused, action: 'CompleteToken' },
      { ...refused, action: 'MarkNoShow' },
      { ...refused, action: 'CancelWaitlistEntry' },
    ]);
    await counter.cancelToken({ requestId: rid(), tokenId: token.tokenId, reason: 'unwell' });
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.cancelToken({ requestId: rid(), tokenId: token.tokenId, reason: '' }),
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      );
      await expectRefusedWith(
        counter.checkInToken({ requestId: rid(), tokenId: token.tokenId }),
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      );
      // The cancellation promoted the waiting patient: their entry can no longer be withdrawn.
      await expectRefusedWith(
        counter.cancelWaitlistEntry({
          requestId: rid(),
          waitlistEntryId: entry.waitlistEntryId,
          reason: '',
        }),
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      );
    }, [
      { ...refused, action: 'CancelToken' },
      { ...refused, action: 'CheckInToken' },
      { ...refused, action: 'CancelWaitlistEntry' },
    ]);
  });
});

describe('GetToken', () => {
  it('is refused for any missing or malformed token_id, naming it', async () => {
    await expectNothingWritten(db, async () => {
      await fc.assert(
        fc.asyncProperty(badRequiredId, async (tokenId) => {
          await expectBadField(counter.getToken({ tokenId }), 'token_id');
        }),
        RUNS,
      );
    });
  });

  it('answers NOT_FOUND for an unknown token', async () => {
    const tokenId = uuid();
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(counter.getToken({ tokenId }), 'NOT_FOUND', 'TOKEN_NOT_FOUND', {
        token_id: tokenId,
      });
    });
  });
});

describe('FindPatient', () => {
  it('is refused for anything that is not a phone number, naming phone', async () => {
    await expectNothingWritten(db, async () => {
      await expectBadField(counter.findPatient({ phone: '' }), 'phone');
      await fc.assert(
        fc.asyncProperty(notAPhone, async (phone) => {
          await expectBadField(counter.findPatient({ phone }), 'phone');
        }),
        RUNS,
      );
    });
  });

  it('answers NOT_FOUND for a number nobody registered, and audits the lookup', async () => {
    await expectNothingWritten(db, async () => {
      await expectRefusedWith(
        counter.findPatient({ phone: '+91 70000 00001' }),
        'NOT_FOUND',
        'PATIENT_NOT_FOUND',
      );
    }, [{ action: 'FindPatient', code: 'NOT_FOUND' }]);
  });
});
