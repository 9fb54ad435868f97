// How the services behaved while the faults lasted: they said so on /healthz, they came back,
// and no call failed with INTERNAL (a failure must say what it is: UNAVAILABLE while a
// dependency is down, ABORTED when busy, DEADLINE_EXCEEDED when out of time).
import { status as grpcStatus } from '@grpc/grpc-js';
import type { FaultRecord } from '../faults/fault.js';
import type { OperationRecord } from '../journal.js';
import type { InternalFailure } from '../service-log.js';
import { Check, countBy, type CheckResult } from './check.js';

const isInternal = (code: number) => code === grpcStatus.INTERNAL || code === grpcStatus.UNKNOWN;

export function checkServiceBehaviour(
  faults: readonly FaultRecord[],
  records: readonly OperationRecord[],
  logged: readonly InternalFailure[],
): CheckResult[] {
  const behaved = new Check('services report each outage on /healthz and recover from it');
  for (const fault of faults) {
    behaved.look();
    for (const unmet of fault.unmet) behaved.fail(`${fault.kind}: ${unmet}`);
  }

  const clear = new Check('no call fails with INTERNAL (every failure says what it is)');
  const during = (at: number) =>
    faults.find((f) => at >= f.startedAt && at <= f.endedAt)?.kind ?? 'no fault';
  // The service logs each INTERNAL with its cause; the client sees only the code.
  for (const failure of logged) {
    clear.fail(
      `${failure.service} ${failure.method} during ${during(failure.at)}: ${failure.cause}`,
    );
  }
  const seen = countBy(
    records.flatMap((r) =>
      r.attempts.filter((a) => isInternal(a.code)).map(() => r.operation.kind as string),
    ),
    (kind) => kind,
  );
  const explained = countBy(logged, (f) => f.method);
  for (const record of records) clear.examined += record.attempts.length;
  for (const [method, count] of seen) {
    const unlogged = count - (explained.get(method) ?? 0);
    if (unlogged > 0)
      clear.fail(`${unlogged} × INTERNAL on ${method} that no service log explains`);
  }
  return [behaved.result(), clear.result()];
}
