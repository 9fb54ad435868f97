import { describe, expect, it } from '@jest/globals';
import { RequestTokenResponse, Source, TokenStatus } from '@opd/api';
import { checkFinalRetries, checkIndefinite } from '../src/checks/indefinite.js';
import { checkRequests } from '../src/checks/requests.js';
import type { Attempt, OperationRecord } from '../src/journal.js';
import { allocated, DAY, opened, outboxRow, slot, snapshot, token } from './support/fixtures.js';

const REQUEST = 'request-1';
const PHONE = '+919812345678';

const answer = RequestTokenResponse.encode(
  RequestTokenResponse.fromPartial({
    outcome: {
      $case: 'allocated',
      value: {
        token: {
          tokenId: 't1',
          doctorDayId: DAY,
          tokenNumber: 1,
          patientId: 'patient-1',
          source: Source.SOURCE_WALK_IN,
          status: TokenStatus.TOKEN_STATUS_ALLOCATED,
        },
      },
    },
  }),
).finish();

function record(attempts: Attempt[]): OperationRecord {
  return {
    seq: 0,
    requestId: REQUEST,
    caller: 'counter',
    operation: {
      kind: 'RequestToken',
      day: 0,
      request: {
        requestId: REQUEST,
        patientId: '',
        patientPhone: PHONE,
        patientName: 'Patient 1',
        doctorId: 'doctor',
        date: '2026-11-30',
        source: Source.SOURCE_WALK_IN,
        preferredSlotId: '',
        notes: '',
      },
    },
    attempts,
  };
}

const attempt = (
  outcome: Attempt['outcome'],
  code: number,
  extra: Partial<Attempt> = {},
): Attempt => ({
  phase: 'load',
  startedAt: 0,
  endedAt: 1,
  deadlineMs: 1_000,
  outcome,
  code,
  ...extra,
});

/** The allocation of token 1 under REQUEST: its row, its stored answer, its event. */
function committed() {
  const t1 = token('t1', 1);
  const state = snapshot({
    slots: [slot(2)],
    tokens: [t1],
    outbox: [outboxRow(1, opened(2)), outboxRow(2, allocated(t1), REQUEST)],
  });
  return {
    ...state,
    phones: new Map([['patient-1', PHONE]]),
    idempotency: [
      {
        caller: 'counter',
        request_id: REQUEST,
        method: 'RequestToken',
        response: Buffer.from(answer),
      },
    ],
  };
}

const named = (results: readonly { name: string; violations: readonly string[] }[]) =>
  Object.fromEntries(results.map((r) => [r.name.split(' ').slice(0, 2).join(' '), r.violations]));

describe('the request checks of the torture run', () => {
  it('accept an acknowledged request that is there once, as answered', () => {
    const results = checkRequests([record([attempt('ok', 0, { answer })])], committed(), [DAY]);
    expect(results.flatMap((r) => r.violations)).toEqual([]);
  });

  it('see an acknowledged request whose answer and events are gone', () => {
    const state = { ...committed(), idempotency: [], outbox: committed().outbox.slice(0, 1) };
    const results = named(checkRequests([record([attempt('ok', 0, { answer })])], state, [DAY]));
    expect(results['every acknowledged']?.join()).toMatch(
      /no stored answer .*0 primary events instead of exactly one/,
    );
  });

  it('see a refused request that left its event behind', () => {
    const results = named(checkRequests([record([attempt('refused', 6)])], committed(), [DAY]));
    expect(results['every refused']?.join()).toMatch(
      /refused \(ALREADY_EXISTS\) yet its answer is stored and 1 events/,
    );
  });

  it('see an unanswered request that is there only in part', () => {
    const state = { ...committed(), outbox: committed().outbox.slice(0, 1) };
    const { result, presence } = checkIndefinite([record([attempt('indefinite', 14)])], state);
    expect(result.violations.join()).toMatch(/stored, but 0 primary events instead of exactly one/);
    expect(presence.get(`counter/${REQUEST}`)?.presence).toBe('there');
  });

  it('see an acknowledged request answered two ways, or on another patient', () => {
    const other = RequestTokenResponse.encode(RequestTokenResponse.fromPartial({})).finish();
    const twoWays = named(
      checkRequests(
        [record([attempt('ok', 0, { answer }), attempt('ok', 0, { answer: other })])],
        committed(),
        [DAY],
      ),
    );
    expect(twoWays['every acknowledged']?.join()).toMatch(/2 answers that differ/);
    const elsewhere = { ...committed(), phones: new Map([['patient-1', '+919800000000']]) };
    const wrongPatient = named(
      checkRequests([record([attempt('ok', 0, { answer })])], elsewhere, [DAY]),
    );
    expect(wrongPatient['every acknowledged']?.join()).toMatch(/not to the caller's phone/);
  });

  it("see refusals that are not the domain's own, and answers nobody asked for", () => {
    const results = named(
      checkRequests(
        [
          record([
            attempt('refused', 5),
            attempt('refused', 9, { reason: 'IDEMPOTENCY_KEY_REUSED' }),
          ]),
        ],
        { ...committed(), idempotency: [], outbox: committed().outbox.slice(0, 1) },
        [DAY],
      ),
    );
    expect(results['refusals are']?.join('\n')).toMatch(/NOT_FOUND/);
    expect(results['refusals are']?.join('\n')).toMatch(
      /FAILED_PRECONDITION IDEMPOTENCY_KEY_REUSED/,
    );
    const strangers = named(checkRequests([], committed(), [DAY]));
    expect(strangers['nothing is']?.join('\n')).toMatch(
      /a RequestToken answer is stored for counter\/request-1/,
    );
    expect(strangers['nothing is']?.join('\n')).toMatch(
      /1 events carry request counter\/request-1/,
    );
  });

  it('see an unanswered request that left events but no answer', () => {
    const state = { ...committed(), idempotency: [] };
    const { result } = checkIndefinite([record([attempt('indefinite', 4)])], state);
    expect(result.violations.join()).toMatch(/no stored answer, yet 1 events/);
  });

  it('see a final retry that answers otherwise than stored, or never answers', () => {
    const unanswered = record([attempt('indefinite', 14)]);
    const { presence } = checkIndefinite([unanswered], committed());
    const other = RequestTokenResponse.encode(RequestTokenResponse.fromPartial({})).finish();
    const retriedOtherwise = record([
      attempt('indefinite', 14),
      attempt('ok', 0, { phase: 'final', answer: other }),
    ]);
    expect(checkFinalRetries([retriedOtherwise], presence).violations.join()).toMatch(
      /was stored, but the retry got another answer/,
    );
    const neverAnswered = record([
      attempt('indefinite', 14),
      attempt('indefinite', 14, { phase: 'final' }),
    ]);
    expect(checkFinalRetries([neverAnswered], presence).violations.join()).toMatch(
      /still no definite answer after the final retries/,
    );
    const retriedAsStored = record([
      attempt('indefinite', 14),
      attempt('ok', 0, { phase: 'final', answer }),
    ]);
    expect(checkFinalRetries([retriedAsStored], presence).violations).toEqual([]);
  });
});
