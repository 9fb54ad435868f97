import { Migration } from '@mikro-orm/migrations';

/**
 * The write path of a doctor-day batch (docs/adr/0014-doctor-day-batches.md) in two round trips
 * around the engine's decision, while the doctor-day's row lock is held as briefly as possible:
 *
 * - `open_doctor_day_batch` does, for a whole batch of requests, everything that comes before the
 *   decision: it queues concurrent retries of the same request_id on advisory locks, reads the
 *   stored answers of requests already made, registers new patients, reads the doctor, takes the
 *   doctor-day's row lock (FOR UPDATE) and reads the day — unless the caller already holds the
 *   day at that very event sequence — or, for a day nobody opened yet, inserts its row (the
 *   service plans its slots). A PL/pgSQL function reads each statement with a fresh snapshot, so
 *   the read after the lock sees every change committed before it.
 * - `apply_doctor_day_change` now also stores each caller's answer (idempotency record) and audit
 *   row with the change, writes audit rows alone when a batch changed no day, and removes what
 *   a batch that changed nothing created before deciding (an opened day, new patients).
 *
 * Patients: a phone may belong to several patients (a family shares one, DESIGN.md §3 step 1);
 * the patient is the one on that phone whose name matches, case, spacing and punctuation ignored
 * (`name_key`, computed by the service).
 */
export class Migration20261204000000_batched_writes extends Migration {
  override up(): void {
    this.addSql(`
      alter table patient add column name_key text;
      update patient set name_key = lower(regexp_replace(normalize(name, NFKC), '[[:space:][:punct:]]', '', 'g'));
      update patient set name_key = lower(name) where name_key = '';
      alter table patient alter column name_key set not null;
      alter table patient drop constraint patient_phone_key;
      alter table patient add constraint patient_phone_name_unique unique (phone, name_key);

      create function doctor_day_state(day_id uuid) returns jsonb language sql stable as $$
        select jsonb_build_object(
          'slots', (select coalesce(jsonb_agg(s order by s.starts_at, s.ends_at), '[]') from slot s where s.doctor_day_id = day_id),
          'tokens', (select coalesce(jsonb_agg(t order by t.number), '[]') from token t where t.doctor_day_id = day_id),
          'waitlist', (select coalesce(jsonb_agg(w order by w.entry_number), '[]') from waitlist_entry w where w.doctor_day_id = day_id),
          'names', (select coalesce(jsonb_object_agg(p.id, p.name), '{}') from patient p
                     where p.id in (select patient_id from token where doctor_day_id = day_id
                                    union select patient_id from waitlist_entry where doctor_day_id = day_id)))
      $$;

      create function open_doctor_day_batch(batch jsonb) returns jsonb language plpgsql as $$
      declare
        the_doctor doctor%rowtype;
        the_day doctor_day%rowtype;
        result jsonb;
      begin
        perform set_config('lock_timeout', batch->>'lock_timeout_ms', true);
        perform pg_advisory_xact_lock(hashtextextended(k.key, 0))
          from (select distinct (x->>'caller') || '/' || (x->>'request_id') as key
                  from jsonb_array_elements(batch->'requests') x order by 1) k;

        select jsonb_build_object('answered', coalesce(jsonb_agg(jsonb_build_object(
                 'caller', r.caller, 'request_id', r.request_id, 'method', r.method,
                 'request_hash', r.request_hash, 'response', encode(r.response, 'base64'),
                 'targets', (select to_jsonb(a) from (
                    select doctor_id, doctor_day_id, date, token_id, waitlist_entry_id, patient_id
                      from audit_entry a
                     where a.key_name = r.caller and a.request_id = r.request_id
                       and not a.replayed and a.outcome_code = 0 limit 1) a))), '[]'))
          into result
          from idempotency_record r
          join (select distinct x->>'caller' as caller, x->>'request_id' as request_id
                  from jsonb_array_elements(batch->'requests') x) k
            on r.caller = k.caller and r.request_id = k.request_id;

        with created as (
          insert into patient (id, phone, name, name_key, created_at)
            select id, phone, name, name_key, created_at
              from jsonb_populate_recordset(null::patient, batch->'new_patients')
            on conflict (phone, name_key) do nothing returning id)
        select result || jsonb_build_object('created_patients', coalesce(jsonb_agg(id), '[]'))
          into result from created;
        result := result || jsonb_build_object('patients', (
          select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'phone', p.phone, 'name_key', p.name_key)), '[]')
            from patient p
           where (p.phone, p.name_key) in (select x.phone, x.name_key from jsonb_populate_recordset(null::patient, batch->'new_patients') x)
              or p.id in (select (jsonb_array_elements_text(batch->'patient_ids'))::uuid)));

        select * into the_doctor from doctor where id = (batch->>'doctor_id')::uuid;
        if not found then
          return result || jsonb_build_object('doctor', null, 'day', null);
        end if;
        result := result || jsonb_build_object('doctor', jsonb_build_object(
          'id', the_doctor.id, 'display_name', the_doctor.display_name,
          'department', the_doctor.department, 'active', the_doctor.active));

        select * into the_day from doctor_day
         where doctor_id = the_doctor.id and date = (batch->>'date')::date for update;
        if not found and batch->'open_as' is not null and the_doctor.active then
          -- A new request opens the day. The doctor's share lock orders the opening against a
          -- schedule change (which locks the doctor, then re-plans the days that exist); the
          -- insert makes other openers wait for this transaction, then find its day.
          select * into the_doctor from doctor where id = the_doctor.id for share;
          insert into doctor_day (id, doctor_id, date, time_zone, day_starts_at, event_sequence, created_at)
            values ((batch->'open_as'->>'id')::uuid, the_doctor.id, (batch->>'date')::date,
                    batch->'open_as'->>'time_zone', (batch->'open_as'->>'day_starts_at')::timestamptz,
                    0, (batch->'open_as'->>'created_at')::timestamptz)
            on conflict (doctor_id, date) do nothing
            returning * into the_day;
          if found then
            return result || jsonb_build_object(
              'day', jsonb_build_object(
                'id', the_day.id, 'time_zone', the_day.time_zone, 'day_starts_at', the_day.day_starts_at,
                'next_token_number', 1, 'next_entry_number', 1, 'event_sequence', 0,
                'opened_now', true),
              'schedule', the_doctor.weekly_schedule,
              'override', (select jsonb_build_object('kind', o.kind, 'sessions', o.sessions)
                             from schedule_override o
                            where o.doctor_id = the_doctor.id and o.date = (batch->>'date')::date));
          end if;
          select * into the_day from doctor_day
           where doctor_id = the_doctor.id and date = (batch->>'date')::date for update;
        end if;
        if not found then
          return result || jsonb_build_object('day', null);
        end if;
        result := result || jsonb_build_object('day', jsonb_build_object(
          'id', the_day.id, 'time_zone', the_day.time_zone, 'day_starts_at', the_day.day_starts_at,
          'next_token_number', the_day.next_token_number, 'next_entry_number', the_day.next_entry_number,
          'event_sequence', the_day.event_sequence, 'opened_now', false));
        if the_day.id::text is distinct from batch->>'known_day_id'
           or the_day.event_sequence is distinct from (batch->>'known_sequence')::bigint then
          result := result || jsonb_build_object('state', doctor_day_state(the_day.id));
        end if;
        return result;
      end $$;

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

        -- What a batch that changed nothing created before its decisions: a day it opened, and
        -- patients only refused requests named. A refused request leaves nothing behind.
        delete from doctor_day where id = (change->>'discard_day_id')::uuid and event_sequence = 0;
        delete from patient where id in (select (jsonb_array_elements_text(coalesce(change->'discard_patients', '[]')))::uuid);

        if day_id is not null and jsonb_array_length(change->'outbox') > 0 then
          perform pg_notify('opd_doctor_day_changed', day_id::text || ':' || (change->>'event_sequence'));
          perform pg_notify('opd_outbox', '');
        end if;
      end $$;
    `);
  }

  override down(): void {
    this.addSql(`
      drop function if exists open_doctor_day_batch(jsonb);
      drop function if exists doctor_day_state(uuid);
      alter table patient drop constraint patient_phone_name_unique;
      alter table patient add constraint patient_phone_key unique (phone);
      alter table patient drop column name_key;
    `);
  }
}
