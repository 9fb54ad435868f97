import type { GetProjectionStatusResponse } from '@opd/api';
import { ApiError } from '@opd/service-runtime';
import { instantOf } from '../db/instants.js';
import { durationOf } from '../grpc/messages.js';
import type { ReportingEnv } from '../reporting-env.js';

interface Totals {
  readonly applied: string | number;
  readonly parked: string | number;
}
interface Last {
  readonly last_event_id: string;
  readonly last_event_occurred_at: string;
  readonly last_applied_at: string;
}

/** How far the read model trails the stream: the last event applied, counts, and the backlog. */
export async function projectionStatus(env: ReportingEnv): Promise<GetProjectionStatusResponse> {
  const em = env.orm.em.fork();
  const [totals] = await em.execute<Totals[]>(
    `select (select coalesce(sum(applied_count), 0) from event_position) as applied,
            (select count(*) from parked_event) as parked`,
  );
  const [last] = await em.execute<Last[]>(
    `select last_event_id, last_event_occurred_at, last_applied_at from event_position
      where last_applied_at is not null order by last_applied_at desc limit 1`,
  );
  const pending = await env.pending();
  if (pending === undefined) {
    throw new ApiError('UNAVAILABLE', 'the event stream cannot be reached to count pending events');
  }
  const occurredAt = last ? instantOf(last.last_event_occurred_at) : undefined;
  const appliedAt = last ? instantOf(last.last_applied_at) : undefined;
  return {
    lastEventId: last?.last_event_id ?? '',
    lastEventOccurredAt: occurredAt,
    lastAppliedAt: appliedAt,
    lastEventDelay:
      occurredAt && appliedAt ? durationOf(appliedAt.getTime() - occurredAt.getTime()) : undefined,
    eventsApplied: Number(totals?.applied ?? 0),
    pendingEventCount: pending,
    parkedEventCount: Number(totals?.parked ?? 0),
  };
}
