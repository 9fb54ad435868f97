import { Migration } from '@mikro-orm/migrations';

/**
 * One round trip for everything a decision writes to a doctor-day, while its lock is held: the
 * lock is the bottleneck of a busy day, so the time spent holding it is kept to a minimum.
 * The function applies a change set (JSON, snake_case column names) in a fixed order: places are
 * freed (updates) before new tokens take them (inserts), as the occupancy check is immediate.
 */
export class Migration20261127120000_apply_doctor_day_change extends Migration {
  override up(): void {
    this.addSql(`
      create function apply_doctor_day_change(change jsonb) returns void language plpgsql as $$
      declare
        day_id uuid := (change->>'doctor_day_id')::uuid;
      begin
        update doctor_day set
            next_token_number = (change->>'next_token_number')::int,
            next_entry_number = (change->>'next_entry_number')::int,
            event_sequence = (change->>'event_sequence')::bigint
          where id = day_id;

        update slot s set capacity = x.capacity
          from jsonb_populate_recordset(null::slot, change->'slot_updates') x
          where s.id = x.id and s.doctor_day_id = day_id;
        insert into slot select * from jsonb_populate_recordset(null::slot, change->'slot_inserts');

        update token t set
            status = x.status, protected = x.protected, checked_in_at = x.checked_in_at,
            completed_at = x.completed_at, cancelled_at = x.cancelled_at, no_show_at = x.no_show_at,
            preempted_at = x.preempted_at, preempted_by_token_id = x.preempted_by_token_id,
            preemption_reason = x.preemption_reason, cancel_reason = coalesce(x.cancel_reason, t.cancel_reason)
          from jsonb_populate_recordset(null::token, change->'token_updates') x
          where t.id = x.id and t.doctor_day_id = day_id;
        update waitlist_entry w set
            status = x.status, closed_at = x.closed_at, promoted_token_id = x.promoted_token_id,
            cancel_reason = coalesce(x.cancel_reason, w.cancel_reason)
          from jsonb_populate_recordset(null::waitlist_entry, change->'entry_updates') x
          where w.id = x.id and w.doctor_day_id = day_id;

        delete from slot where doctor_day_id = day_id
          and id in (select (jsonb_array_elements_text(change->'slot_deletes'))::uuid);

        insert into token select * from jsonb_populate_recordset(null::token, change->'token_inserts');
        insert into waitlist_entry select * from jsonb_populate_recordset(null::waitlist_entry, change->'entry_inserts');
        insert into outbox_event select * from jsonb_populate_recordset(null::outbox_event, change->'outbox');

        if jsonb_array_length(change->'outbox') > 0 then
          perform pg_notify('opd_doctor_day_changed', day_id::text || ':' || (change->>'event_sequence'));
          perform pg_notify('opd_outbox', '');
        end if;
      end $$;
    `);
  }

  override down(): void {
    this.addSql('drop function if exists apply_doctor_day_change(jsonb);');
  }
}
