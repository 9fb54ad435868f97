// kill -9 of the allocation service while doctor-day batches are decided but not committed: the
// run holds the audit table for a moment (every batch writes audit rows, refusals too; not every
// batch writes events), so every batch that reaches its write waits there
// with its doctor-day locked and its answers built; then the process dies. Each of those
// requests must end up wholly absent, and its retry decided afresh (docs/adr/0014-doctor-day-batches.md).
import { newPostgresClient } from '@opd/service-runtime';
import { portAnswers } from '../ports.js';
import { ALLOCATION_DB, type SingleStack } from '../stack.js';
import { sleep, waitFor } from '../time.js';
import { Evidence, type FaultRecord } from './fault.js';

export async function killAllocationMidBatch(stack: SingleStack): Promise<FaultRecord> {
  const { allocation, driver, profile, postgres } = stack;
  const evidence = new Evidence();
  const holder = newPostgresClient(postgres.url(ALLOCATION_DB));
  await holder.connect();
  try {
    await waitFor(() => driver.inFlight >= Math.min(4, profile.workers), 5_000, 5);
    const waiting = async () => {
      const rows = await holder.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'
            and query like '%opd_apply_batch%'`,
      );
      return rows.rows[0]?.n ?? 0;
    };
    // On a machine busy with other work a batch can take seconds to be decided; if none reaches
    // its write while the table is held, let go and hold it again (at most three times).
    let held = 0;
    for (let attempt = 1; attempt <= 3 && held === 0; attempt++) {
      await holder.query('begin');
      await holder.query('lock table audit_entry in exclusive mode');
      await waitFor(async () => (await waiting()) >= 2, 8_000, 5);
      held = await waiting();
      if (held === 0 && attempt < 3) {
        await holder.query('rollback');
        await sleep(500);
      }
    }
    // Without a waiting batch the fault proves nothing: say what the sessions were doing.
    const sessions =
      held > 0
        ? ''
        : ` (sessions: ${(
            await holder.query<{ s: string }>(
              `select coalesce(state, '') || '/' || coalesce(wait_event, '') || '/' ||
                      left(query, 40) as s
                 from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid()`,
            )
          ).rows
            .map((r) => r.s)
            .join('; ')})`;
    const inFlight = driver.inFlight;
    const pid = allocation.pid;
    const startedAt = Date.now();
    const exit = await allocation.kill('SIGKILL');
    await holder.query('rollback');
    evidence.require(
      exit?.signal === 'SIGKILL',
      `pid ${pid} ended by ${exit?.signal ?? 'nothing'}`,
    );
    evidence.require(held >= 1, `${held} decided batches waiting to write at the kill${sessions}`);
    evidence.require(inFlight > 0, `${inFlight} calls in flight at the kill`);
    evidence.require(
      !(await portAnswers(allocation.definition.ports.grpc)),
      'its gRPC port refused connections',
    );
    await sleep(profile.allocationDownMs);
    await allocation.start();
    evidence.require(allocation.pid !== pid, `restarted as pid ${allocation.pid}, healthy`);
    return evidence.record('kill -9 allocation mid-batch', startedAt);
  } finally {
    await holder.end().catch(() => undefined);
  }
}
