import { Migration } from '@mikro-orm/migrations';

/**
 * The doctor's room in the read model (DESIGN §3b): the CALLED and TRANSFERRED statuses, the
 * moments and counts of calls, recalls, skips and transfers on each token, and the room's
 * counters on each doctor-day. Every new column has a constant default, so adding it keeps
 * every existing row as it was without rewriting the table (tokens of earlier days were never
 * called: no call time, no skips, not completed from a call).
 */
export class Migration20261205000000_room extends Migration {
  override up(): void {
    this.addSql(`
      alter table token_record
        drop constraint token_record_status_check,
        add constraint token_record_status_check check (status in
          ('ALLOCATED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'PREEMPTED', 'CALLED',
           'TRANSFERRED')),
        add column call_time timestamptz,
        add column skip_count int not null default 0 check (skip_count >= 0),
        add column recall_count int not null default 0 check (recall_count >= 0),
        add column transfer_time timestamptz,
        add column transferred_from_token_id uuid,
        add column transferred_to_token_id uuid,
        add column completed_from_call boolean not null default false;

      alter table doctor_day
        add column call_count int not null default 0 check (call_count >= 0),
        add column recall_count int not null default 0 check (recall_count >= 0),
        add column skip_count int not null default 0 check (skip_count >= 0),
        add column transferred_out_count int not null default 0
          check (transferred_out_count >= 0),
        add column transferred_in_count int not null default 0 check (transferred_in_count >= 0),
        add column undo_count int not null default 0 check (undo_count >= 0);
    `);
  }

  /** Back to the first read model; only possible while no token is CALLED or TRANSFERRED. */
  override down(): void {
    this.addSql(`
      alter table doctor_day
        drop column call_count, drop column recall_count, drop column skip_count,
        drop column transferred_out_count, drop column transferred_in_count,
        drop column undo_count;

      alter table token_record
        drop column call_time, drop column skip_count, drop column recall_count,
        drop column transfer_time, drop column transferred_from_token_id,
        drop column transferred_to_token_id, drop column completed_from_call,
        drop constraint token_record_status_check,
        add constraint token_record_status_check check (status in
          ('ALLOCATED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'PREEMPTED'));
    `);
  }
}
