import { Migration } from '@mikro-orm/migrations';

/**
 * A patient's optional registration details (DESIGN.md §3 step 1, issue 15; ADR 0007): sex,
 * date of birth (an age in years is stored as an estimated date of birth), ABHA number and the
 * hospital's own patient number. New nullable columns: every existing patient is kept, with
 * its details empty.
 *
 * `open_doctor_day_batch` (migration 4) registers patients on the booking path: it now stores
 * the details a request gives on a new patient, and fills them in on an existing one where it
 * has them empty (new_patients by phone and name, fill_patients by id). Only the patient insert
 * changed; the rest of the function is migration 4's.
 */
export class Migration20261206000000_patient_details extends Migration {
  override up(): void {
    this.addSql(`
      alter table patient
        add column sex text check (sex in ('FEMALE', 'MALE', 'OTHER')),
        add column birth_date date check (birth_date >= date '1900-01-01'),
        add column birth_date_estimated boolean not null default false,
        add column abha_number text check (abha_number ~ '^[0-9]{14}$'),
        add column hospital_number text check (length(hospital_number) between 1 and 40);

      create or replace function open_doctor_day_batch(batch jsonb) returns jsonb language plpgsql as $$
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
          insert into patient (id, phone, name, name_key, created_at,
                               sex, birth_date, birth_date_estimated, abha_number, hospital_number)
            select id, phone, name, name_key, created_at,
                   sex, birth_date, coalesce(birth_date_estimated, false), abha_number, hospital_number
              from jsonb_populate_recordset(null::patient, batch->'new_patients')
            on conflict (phone, name_key) do nothing returning id)
        select result || jsonb_build_object('created_patients', coalesce(jsonb_agg(id), '[]'))
          into result from created;
        -- Details given for a patient who was registered already fill in what it has empty;
        -- what is recorded is never overwritten (ADR 0007).
        update patient p
           set sex = coalesce(p.sex, x.sex),
               birth_date = coalesce(p.birth_date, x.birth_date),
               birth_date_estimated = case when p.birth_date is null then coalesce(x.birth_date_estimated, false)
                                           else p.birth_date_estimated end,
               abha_number = coalesce(p.abha_number, x.abha_number),
               hospital_number = coalesce(p.hospital_number, x.hospital_number)
          from jsonb_populate_recordset(null::patient, batch->'new_patients') x
         where p.phone = x.phone and p.name_key = x.name_key
           and ((p.sex is null and x.sex is not null) or (p.birth_date is null and x.birth_date is not null)
                or (p.abha_number is null and x.abha_number is not null)
                or (p.hospital_number is null and x.hospital_number is not null));
        update patient p
           set sex = coalesce(p.sex, x.sex),
               birth_date = coalesce(p.birth_date, x.birth_date),
               birth_date_estimated = case when p.birth_date is null then coalesce(x.birth_date_estimated, false)
                                           else p.birth_date_estimated end,
               abha_number = coalesce(p.abha_number, x.abha_number),
               hospital_number = coalesce(p.hospital_number, x.hospital_number)
          from jsonb_populate_recordset(null::patient, coalesce(batch->'fill_patients', '[]')) x
         where p.id = x.id
           and ((p.sex is null and x.sex is not null) or (p.birth_date is null and x.birth_date is not null)
                or (p.abha_number is null and x.abha_number is not null)
                or (p.hospital_number is null and x.hospital_number is not null));
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
    `);
  }

  override down(): void {
    this.addSql(`
      create or replace function open_doctor_day_batch(batch jsonb) returns jsonb language plpgsql as $$
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

      alter table patient
        drop column sex,
        drop column birth_date,
        drop column birth_date_estimated,
        drop column abha_number,
        drop column hospital_number;
    `);
  }
}
