// The client's journal against the database: every acknowledged request is there exactly once
// and says what the client was told; every refused one left nothing; nothing is there that the
// client never asked for.
import { status as grpcStatus } from '@grpc/grpc-js';
import type { AllocationSnapshot } from '../allocation-snapshot.js';
import { codeName, type OperationRecord } from '../journal.js';
import { reveal, type Operation } from '../operations.js';
import { Check, type CheckResult } from './check.js';
import { eventProblems, indexEffects, keyOf, type RequestEffects } from './request-effects.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** The phone in E.164, however the request wrote it (the run writes +91… or a spaced local form). */
const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+91${phone.replace(/\D/g, '')}`);

/** Where the operation's token or entry must stand now that the answer said it was done. */
function subjectProblem(
  operation: Operation,
  subject: { readonly tokenId?: string; readonly entryId?: string },
  state: AllocationSnapshot,
  dayId: string,
): string | undefined {
  const token = subject.tokenId ? state.tokenById.get(subject.tokenId) : undefined;
  const entry = subject.entryId ? state.entryById.get(subject.entryId) : undefined;
  if (subject.tokenId !== undefined && !token)
    return `token ${subject.tokenId} is not in the database`;
  if (subject.entryId !== undefined && !entry)
    return `entry ${subject.entryId} is not in the database`;
  const placed = token ?? entry;
  if (placed && placed.doctor_day_id !== dayId)
    return `it is on doctor-day ${placed.doctor_day_id}`;
  const status = token?.status ?? entry?.status;
  const allowed: Record<Operation['kind'], readonly string[] | undefined> = {
    RequestToken: undefined,
    CancelToken: ['CANCELLED'],
    CheckInToken: ['CHECKED_IN', 'COMPLETED', 'CANCELLED'],
    CompleteToken: ['COMPLETED'],
    MarkNoShow: ['NO_SHOW'],
    CancelWaitlistEntry: ['CANCELLED'],
  };
  const expected = allowed[operation.kind];
  if (expected && !expected.includes(status ?? ''))
    return `it is ${status}, not ${expected.join('/')}`;
  if (operation.kind === 'RequestToken' && placed) {
    const phone = state.phones.get(placed.patient_id);
    if (phone !== e164(operation.request.patientPhone))
      return `it belongs to patient ${placed.patient_id}, not to the caller's phone`;
  }
  return undefined;
}

function acknowledged(
  record: OperationRecord,
  state: AllocationSnapshot,
  effects: RequestEffects,
  dayId: string,
): string[] {
  const answers = record.attempts.flatMap((a) => (a.answer ? [a.answer] : []));
  const first = answers[0];
  if (!first) return [];
  const problems: string[] = [];
  const stored = effects.stored.get(keyOf(record));
  if (!stored) problems.push('no stored answer for its request_id');
  else if (stored.method !== record.operation.kind)
    problems.push(`its request_id is stored for ${stored.method}`);
  else if (!same(stored.response, first))
    problems.push('the stored answer differs from the one sent');
  if (answers.some((a) => !same(a, first))) problems.push(`${answers.length} answers that differ`);
  const subject = reveal(record.operation.kind, first).subject;
  const where = subjectProblem(record.operation, subject, state, dayId);
  if (where) problems.push(where);
  problems.push(
    ...eventProblems(
      record.operation.kind,
      effects.events.get(keyOf(record)) ?? [],
      subject.tokenId ?? subject.entryId,
    ),
  );
  return problems;
}

const UNEXPECTED_REFUSALS: ReadonlySet<number> = new Set([
  grpcStatus.INVALID_ARGUMENT,
  grpcStatus.NOT_FOUND,
  grpcStatus.PERMISSION_DENIED,
  grpcStatus.UNAUTHENTICATED,
  grpcStatus.UNIMPLEMENTED,
  grpcStatus.OUT_OF_RANGE,
]);

export function checkRequests(
  records: readonly OperationRecord[],
  state: AllocationSnapshot,
  dayIds: readonly string[],
): CheckResult[] {
  const effects = indexEffects(state);
  const ack = new Check('every acknowledged request is in the database exactly once, as answered');
  const refused = new Check('every refused request left nothing behind');
  const sensible = new Check(
    "refusals are the domain's own (no bad argument, unknown id or reused key)",
  );
  for (const record of records) {
    const label = `${record.operation.kind} ${record.requestId}`;
    const dayId = dayIds[record.operation.day] ?? '';
    if (record.attempts.some((a) => a.outcome === 'ok')) {
      const problems = acknowledged(record, state, effects, dayId);
      ack.look(problems.length > 0 && `${label}: ${problems.join('; ')}`);
    } else if (record.attempts.every((a) => a.outcome === 'refused')) {
      const events = effects.events.get(keyOf(record))?.length ?? 0;
      const stored = effects.stored.has(keyOf(record));
      refused.look(
        (stored || events > 0) &&
          `${label}: refused (${codeName(record.attempts[0]?.code ?? 0)}) yet ${stored ? 'its answer is stored' : 'no answer stored'} and ${events} events carry its request_id`,
      );
    }
    for (const a of record.attempts.filter((x) => x.outcome === 'refused')) {
      sensible.look(
        (UNEXPECTED_REFUSALS.has(a.code) || a.reason === 'IDEMPOTENCY_KEY_REUSED') &&
          `${label}: ${codeName(a.code)} ${a.reason ?? ''}`.trim(),
      );
    }
  }

  const sent = new Set(records.map(keyOf));
  const strangers = new Check('nothing is stored or published for a request the client never sent');
  for (const row of state.idempotency) {
    if (row.method === 'CreateDoctor') continue;
    const key = `${row.caller}/${row.request_id}`;
    strangers.look(!sent.has(key) && `a ${row.method} answer is stored for ${key}`);
  }
  for (const [key, events] of effects.events) {
    if (events.every((e) => e.envelope.payload?.$case === 'doctorDayOpened')) continue;
    strangers.look(!sent.has(key) && `${events.length} events carry request ${key}`);
  }
  return [ack.result(), refused.result(), sensible.result(), strangers.result()];
}
