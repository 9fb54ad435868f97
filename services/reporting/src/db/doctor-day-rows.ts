import type { DoctorDayRow } from '../projections/rows.js';
import { instantOf } from './instants.js';

/** The select list of a doctor-day row, for a query whose doctor_day alias is `d`. */
export const DAY_COLUMNS = `d.doctor_day_id, d.doctor_id, to_char(d.date, 'YYYY-MM-DD') as date,
  d.doctor_display_name, d.department, d.time_zone, d.slot_count, d.capacity,
  d.waitlist_added_count, d.waitlist_promoted_count, d.waitlist_cancelled_count,
  d.waitlist_expired_count, d.call_count, d.recall_count, d.skip_count, d.transferred_out_count,
  d.transferred_in_count, d.undo_count, (extract(epoch from d.opened_at) * 1000)::float8 as opened_at`;

/** A doctor-day row as PostgreSQL returns it for {@link DAY_COLUMNS}. */
export interface DaySqlRow {
  readonly doctor_day_id: string;
  readonly doctor_id: string;
  readonly date: string;
  readonly doctor_display_name: string;
  readonly department: string;
  readonly time_zone: string;
  readonly slot_count: number;
  readonly capacity: number;
  readonly waitlist_added_count: number;
  readonly waitlist_promoted_count: number;
  readonly waitlist_cancelled_count: number;
  readonly waitlist_expired_count: number;
  readonly call_count: number;
  readonly recall_count: number;
  readonly skip_count: number;
  readonly transferred_out_count: number;
  readonly transferred_in_count: number;
  readonly undo_count: number;
  readonly opened_at: number;
}

export function dayRowFromSql(r: DaySqlRow): DoctorDayRow {
  return {
    doctorDayId: r.doctor_day_id,
    doctorId: r.doctor_id,
    date: r.date,
    doctorDisplayName: r.doctor_display_name,
    department: r.department,
    timeZone: r.time_zone,
    slotCount: r.slot_count,
    capacity: r.capacity,
    waitlistAddedCount: r.waitlist_added_count,
    waitlistPromotedCount: r.waitlist_promoted_count,
    waitlistCancelledCount: r.waitlist_cancelled_count,
    waitlistExpiredCount: r.waitlist_expired_count,
    callCount: r.call_count,
    recallCount: r.recall_count,
    skipCount: r.skip_count,
    transferredOutCount: r.transferred_out_count,
    transferredInCount: r.transferred_in_count,
    undoCount: r.undo_count,
    openedAt: instantOf(r.opened_at),
  };
}

/** A doctor-day row as the columns it is written to. */
export function dayColumns(d: DoctorDayRow): [string, unknown][] {
  return [
    ['doctor_day_id', d.doctorDayId],
    ['doctor_id', d.doctorId],
    ['date', d.date],
    ['doctor_display_name', d.doctorDisplayName],
    ['department', d.department],
    ['time_zone', d.timeZone],
    ['slot_count', d.slotCount],
    ['capacity', d.capacity],
    ['waitlist_added_count', d.waitlistAddedCount],
    ['waitlist_promoted_count', d.waitlistPromotedCount],
    ['waitlist_cancelled_count', d.waitlistCancelledCount],
    ['waitlist_expired_count', d.waitlistExpiredCount],
    ['call_count', d.callCount],
    ['recall_count', d.recallCount],
    ['skip_count', d.skipCount],
    ['transferred_out_count', d.transferredOutCount],
    ['transferred_in_count', d.transferredInCount],
    ['undo_count', d.undoCount],
    ['opened_at', d.openedAt],
  ];
}
