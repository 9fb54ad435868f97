import { Migration } from '@mikro-orm/migrations';

/**
 * The doctor's room (DESIGN.md §3b): tokens are CALLED and TRANSFERRED, remember their skips,
 * recalls, transfer and last transition, and a doctor has a room label.
 *
 * The database keeps the new invariant itself, like the others: at most one CALLED token per
 * doctor-day. It is an exclusion constraint rather than a unique index because one batch may skip
 * the called token and call the next in a single UPDATE, and only a constraint can wait for the
 * commit to be checked. CALLED holds a place like CHECKED_IN: the occupancy trigger and the
 * one-held-token index count it.
 *
 * `apply_doctor_day_change` no longer sends NOTIFY: every NOTIFY queues all committing
 * transactions on one server-wide lock, which halved the booking path's throughput. The process
 * that commits tells its relay and its live boards itself; other instances read the sequences of
 * the days they watch, and their relays poll (ADR 0019).
 *
 * `doctor_day_state` also returns what the room screens need beside the rows: the doctor's name
 * and room, and the doctor's last 20 consultation times (called → completed, any day, oldest
 * first) from which the engine learns the expected times.
 */
export class Migration20261205000000_room extends Migration {
  override up(): void {
    this.addSql(`
      alter table doctor add column room text not null default '' check (length(room) <= 40);

      alter table token drop constraint token_status_check;
      alter table token add constraint token_status_check check (status in
        ('ALLOCATED', 'CHECKED_IN', 'CALLED', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'PREEMPTED', 'TRANSFERRED'));
      alter table token
        add column called_at timestamptz,
        add column skips int not null default 0 check (skips >= 0),
        add column last_skipped_at timestamptz,
        add column recalls int not null default 0 check (recalls >= 0),
        add column transferred_at timestamptz,
        add column transfer_reason text,
        add column transferred_to_doctor_day_id uuid,
        add column transferred_to_token_id uuid,
        add column transferred_from_doctor_day_id uuid,
        add column transferred_from_token_id uuid,
        add column grace_from timestamptz,
        add column last_transition jsonb,
        add constraint token_one_called_per_doctor_day exclude using btree (doctor_day_id with =)
          where (status = 'CALLED') deferrable initially deferred;

      drop index token_one_held_per_patient_idx;
      create unique index token_one_held_per_patient_idx on token (doctor_day_id, patient_id)
        where status in ('ALLOCATED', 'CHECKED_IN', 'CALLED', 'COMPLETED');
      -- The learned consultation time reads a doctor's latest consultations across days.
      create index token_consultations_idx on token (doctor_day_id, completed_at desc)
        where status = 'COMPLETED' and called_at is not null;

      create or replace function token_keeps_books() returns trigger language plpgsql as $$
      declare
        was_held boolean := tg_op = 'UPDATE' and old.status in ('ALLOCATED', 'CHECKED_IN', 'CALLED', 'COMPLETED');
        is_held boolean := new.status in ('ALLOCATED', 'CHECKED_IN', 'CALLED', 'COMPLETED');
      begin
        if tg_op = 'UPDATE' and old.slot_id <> new.slot_id then
          raise exception 'a token never changes slot' using errcode = 'check_violation';
        end if;
        if is_held and not was_held then
          update slot set occupancy = occupancy + 1 where id = new.slot_id;
          insert into active_booking (doctor_day_id, patient_id) values (new.doctor_day_id, new.patient_id);
        elsif was_held and not is_held then
          update slot set occupancy = occupancy - 1 where id = new.slot_id;
          delete from active_booking where doctor_day_id = new.doctor_day_id and patient_id = new.patient_id;
        end if;
        return new;
      end $$;

      create function doctor_consultations(of_doctor uuid, until date) returns jsonb language sql stable as $$
        select coalesce(jsonb_agg(c.minutes order by c.date, c.completed_at), '[]') from (
          select extract(epoch from t.completed_at - t.called_at) / 60 as minutes, dd.date, t.completed_at
            from doctor_day dd
            join token t on t.doctor_day_id = dd.id and t.status = 'COMPLETED' and t.called_at is not null
           where dd.doctor_id = of_doctor and dd.date <= until
           order by dd.date desc, t.completed_at desc limit 20) c
      $$;

      create or replace function doctor_day_state(day_id uuid) returns jsonb language sql stable as $$
        select jsonb_build_object(
          'slots', (select coalesce(jsonb_agg(s order by s.starts_at, s.ends_at), '[]') from slot s where s.doctor_day_id = day_id),
          'tokens', (select coalesce(jsonb_agg(t order by t.number), '[]') from token t where t.doctor_day_id = day_id),
          'waitlist', (select coalesce(jsonb_agg(w order by w.entry_number), '[]') from waitlist_entry w where w.doctor_day_id = day_id),
          'names', (select coalesce(jsonb_object_agg(p.id, p.name), '{}') from patient p
                     where p.id in (select patient_id from token where doctor_day_id = day_id
                                    union select patient_id from waitlist_entry where doctor_day_id = day_id)),
          'doctor', (select jsonb_build_object('display_name', d.display_name, 'room', d.room)
                       from doctor d join doctor_day dd on dd.doctor_id = d.id where dd.id = day_id),
          'consultations', (select doctor_consultations(dd.doctor_id, dd.date) from doctor_day dd where dd.id = day_id))
      $$;

      create or replace function apply_doctor_day_change(change jsonb) returns void language plpgsql as $$
      declare
        day_id uuid := (change->>'doctor_day_id')::uuid;
      begin
        if day_id is not null then
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
              preemption_reason = x.preemption_reason, cancel_reason = coalesce(x.cancel_reason, t.cancel_reason),
              called_at = x.called_at, skips = x.skips, last_skipped_at = x.last_skipped_at,
              recalls = x.recalls, transferred_at = x.transferred_at,
              transfer_reason = coalesce(x.transfer_reason, t.transfer_reason),
              transferred_to_doctor_day_id = x.transferred_to_doctor_day_id,
              transferred_to_token_id = x.transferred_to_token_id, grace_from = x.grace_from,
              last_transition = x.last_transition
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
        end if;

        insert into idempotency_record (caller, request_id, method, request_hash, response, created_at)
          select caller, request_id, method, request_hash, response, created_at
            from jsonb_populate_recordset(null::idempotency_record, coalesce(change->'answers', '[]'));
        insert into audit_entry (id, occurred_at, key_name, role, peer, user_agent, action, request_id,
            outcome_code, outcome_reason, replayed, doctor_id, doctor_day_id, date, token_id,
            waitlist_entry_id, patient_id)
          select id, occurred_at, key_name, role, peer, user_agent, action, request_id,
            outcome_code, outcome_reason, replayed, doctor_id, doctor_day_id, date, token_id,
            waitlist_entry_id, patient_id
            from jsonb_populate_recordset(null::audit_entry, coalesce(change->'audit', '[]'));

        delete from doctor_day where id = (change->>'discard_day_id')::uuid and event_sequence = 0;
        delete from patient where id in (select (jsonb_array_elements_text(coalesce(change->'discard_patients', '[]')))::uuid);

      end $$;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index if exists token_consultations_idx;
      drop function if exists doctor_consultations(uuid, date);
      alter table token drop constraint token_one_called_per_doctor_day;
      alter table token drop column called_at, drop column skips, drop column last_skipped_at,
        drop column recalls, drop column transferred_at, drop column transfer_reason,
        drop column transferred_to_doctor_day_id, drop column transferred_to_token_id,
        drop column transferred_from_doctor_day_id, drop column transferred_from_token_id,
        drop column grace_from, drop column last_transition;
      alter table doctor drop column room;
    `);
  }
}
