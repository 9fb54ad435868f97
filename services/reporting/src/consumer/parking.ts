import type { EventEnvelope } from '@opd/api';
import type pg from 'pg';
import type { ParkReason } from '../db/entities/parked-event.entity.js';
import { inPgTransaction } from '../db/pg-transaction.js';
import { lockPosition } from './apply-event.js';
import { eventTypeOf } from './event-message.js';

/** A message set aside, with what is known of it. */
export interface ParkRequest {
  readonly streamName: string;
  readonly streamSequence: number;
  readonly subject: string;
  readonly deliveries: number;
  readonly payload: Uint8Array;
  /** The decoded envelope, if the body could be read. */
  readonly event: EventEnvelope | undefined;
  /** From the message headers, for bodies that could not be read. */
  readonly headers: {
    readonly doctorDayId?: string;
    readonly sequence?: number;
    readonly eventType?: string;
  };
  readonly reason: ParkReason;
  readonly error: string;
  /**
   * Let the doctor-day go on without this event when it is the next one due, so one bad event
   * does not freeze the day's reports; it stays counted as parked until an operator acts.
   */
  readonly passOver: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Records a poison event in parked_event (once per stream message, however often it is parked)
 * and, when asked and possible, moves its doctor-day's position past it, in one transaction.
 * Returns whether the day was moved on.
 */
export async function parkEvent(
  pool: pg.Pool,
  request: ParkRequest,
  parkedAt: Date,
): Promise<{ passedOver: boolean }> {
  const doctorDayId = request.event?.doctorDayId || request.headers.doctorDayId || null;
  const sequence = request.event?.sequence || request.headers.sequence || null;
  const eventType = request.event?.payload
    ? eventTypeOf(request.event)
    : (request.headers.eventType ?? null);
  return inPgTransaction(pool, async (client) => {
    await client.query(
      `insert into parked_event (stream_name, stream_sequence, subject, event_id, doctor_day_id,
                                 sequence, event_type, reason, error, deliveries, payload, parked_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (stream_name, stream_sequence) do update
         set reason = excluded.reason, error = excluded.error, deliveries = excluded.deliveries,
             parked_at = excluded.parked_at`,
      [
        request.streamName,
        request.streamSequence,
        request.subject,
        request.event?.eventId || null,
        doctorDayId,
        sequence,
        eventType,
        request.reason,
        request.error.slice(0, 2_000),
        request.deliveries,
        Buffer.from(request.payload),
        parkedAt,
      ],
    );
    if (!request.passOver || doctorDayId === null || sequence === null || !UUID.test(doctorDayId)) {
      return { passedOver: false };
    }
    const position = await lockPosition(client, doctorDayId);
    if (position.appliedSequence !== sequence - 1) return { passedOver: false };
    await client.query(
      `update event_position set applied_sequence = $2, skipped_count = skipped_count + 1
        where doctor_day_id = $1`,
      [doctorDayId, sequence],
    );
    return { passedOver: true };
  });
}
