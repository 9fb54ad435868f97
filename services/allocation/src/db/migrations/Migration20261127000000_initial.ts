import { Migration } from '@mikro-orm/migrations';

/**
 * The allocation schema. The database guards the hard invariants on its own (DESIGN.md §3), so no
 * bug in the service can overbook a slot, give a patient two places, or repeat a token number:
 * - slot.occupancy is kept by a trigger from the tokens and checked against capacity;
 * - partial unique indexes allow one held token and one WAITING entry per patient and doctor-day,
 *   and the deferred primary key of active_booking allows only one of the two at commit;
 * - token numbers are unique per doctor-day; idempotency keys are unique per caller.
 */
export class Migration20261127000000_initial extends Migration {
  override up(): void {
    this.addSql(`
      create table hospital_settings (
        id smallint primary key default 1 check (id = 1),
        time_zone text not null,
        default_country text not null,
        source_priority jsonb not null,
        no_show_grace_minutes int not null check (no_show_grace_minutes between 0 and 240),
        updated_at timestamptz not null default now()
      );

      create table doctor (
        id uuid primary key,
        display_name text not null check (length(display_name) between 1 and 200),
        department text not null check (length(department) between 1 and 200),
        weekly_schedule jsonb not null,
        active boolean not null default true,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      create index doctor_department_idx on doctor (department, display_name, id);

      create table schedule_override (
        doctor_id uuid not null references doctor (id),
        date date not null,
        kind text not null check (kind in ('LEAVE', 'SESSIONS')),
        sessions jsonb not null default '[]',
        reason text not null default '',
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (doctor_id, date)
      );

      create table doctor_day (
        id uuid primary key,
        doctor_id uuid not null references doctor (id),
        date date not null,
        time_zone text not null,
        day_starts_at timestamptz not null,
        next_token_number int not null default 1 check (next_token_number >= 1),
        next_entry_number int not null default 1 check (next_entry_number >= 1),
        event_sequence bigint not null default 0 check (event_sequence >= 0),
        created_at timestamptz not null default now(),
        unique (doctor_id, date)
      );
      create index doctor_day_date_idx on doctor_day (date, doctor_id);

      create table slot (
        id uuid primary key,
        doctor_day_id uuid not null references doctor_day (id),
        starts_at timestamptz not null,
        ends_at timestamptz not null check (ends_at > starts_at),
        local_start text not null,
        local_end text not null,
        capacity int not null check (capacity >= 0),
        occupancy int not null default 0 check (occupancy >= 0),
        constraint slot_occupancy_within_capacity check (occupancy <= capacity),
        unique (doctor_day_id, starts_at, ends_at)
      );

      create table patient (
        id uuid primary key,
        phone text not null unique check (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        name text not null check (length(name) between 1 and 200),
        created_at timestamptz not null
      );

      create table token (
        id uuid primary key,
        doctor_day_id uuid not null references doctor_day (id),
        number int not null check (number >= 1),
        patient_id uuid not null references patient (id),
        slot_id uuid not null references slot (id),
        source text not null check (source in ('EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE')),
        priority int not null,
        status text not null check (status in ('ALLOCATED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'PREEMPTED')),
        protected boolean not null default false,
        requested_at timestamptz not null,
        allocated_at timestamptz not null,
        checked_in_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        no_show_at timestamptz,
        preempted_at timestamptz,
        preempted_by_token_id uuid,
        preemption_reason text,
        promoted_from_entry_id uuid,
        cancel_reason text,
        notes text not null default '',
        constraint token_number_unique_per_doctor_day unique (doctor_day_id, number)
      );
      create unique index token_one_held_per_patient_idx on token (doctor_day_id, patient_id)
        where status in ('ALLOCATED', 'CHECKED_IN', 'COMPLETED');
      create index token_patient_idx on token (patient_id);
      create index token_slot_idx on token (slot_id);

      create table waitlist_entry (
        id uuid primary key,
        doctor_day_id uuid not null references doctor_day (id),
        entry_number int not null check (entry_number >= 1),
        patient_id uuid not null references patient (id),
        source text not null check (source in ('EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE')),
        priority int not null,
        status text not null check (status in ('WAITING', 'PROMOTED', 'CANCELLED', 'EXPIRED')),
        requested_at timestamptz not null,
        created_at timestamptz not null,
        closed_at timestamptz,
        displaced_token_id uuid references token (id) deferrable initially deferred,
        promoted_token_id uuid references token (id) deferrable initially deferred,
        cancel_reason text,
        notes text not null default '',
        unique (doctor_day_id, entry_number)
      );
      create unique index waitlist_one_waiting_per_patient_idx on waitlist_entry (doctor_day_id, patient_id)
        where status = 'WAITING';
      create index waitlist_patient_idx on waitlist_entry (patient_id);

      -- One row per patient holding a place (held token or WAITING entry) on a doctor-day. The
      -- primary key is checked at commit, so a promotion may close the entry and open the token
      -- in either order within its transaction.
      create table active_booking (
        doctor_day_id uuid not null,
        patient_id uuid not null,
        constraint active_booking_one_per_patient primary key (doctor_day_id, patient_id)
          deferrable initially deferred
      );

      create function token_keeps_books() returns trigger language plpgsql as $$
      declare
        was_held boolean := tg_op = 'UPDATE' and old.status in ('ALLOCATED', 'CHECKED_IN', 'COMPLETED');
        is_held boolean := new.status in ('ALLOCATED', 'CHECKED_IN', 'COMPLETED');
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
      create trigger token_keeps_books after insert or update of status, slot_id on token
        for each row execute function token_keeps_books();

      create function waitlist_keeps_books() returns trigger language plpgsql as $$
      declare
        was_waiting boolean := tg_op = 'UPDATE' and old.status = 'WAITING';
        is_waiting boolean := new.status = 'WAITING';
      begin
        if is_waiting and not was_waiting then
          insert into active_booking (doctor_day_id, patient_id) values (new.doctor_day_id, new.patient_id);
        elsif was_waiting and not is_waiting then
          delete from active_booking where doctor_day_id = new.doctor_day_id and patient_id = new.patient_id;
        end if;
        return new;
      end $$;
      create trigger waitlist_keeps_books after insert or update of status on waitlist_entry
        for each row execute function waitlist_keeps_books();

      create table idempotency_record (
        caller text not null,
        request_id text not null,
        method text not null,
        request_hash text not null,
        response bytea not null,
        created_at timestamptz not null,
        primary key (caller, request_id)
      );
      create index idempotency_record_created_idx on idempotency_record (created_at);

      create table outbox_event (
        id uuid primary key,
        doctor_day_id uuid not null,
        sequence bigint not null,
        event_type text not null,
        payload bytea not null,
        occurred_at timestamptz not null,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        constraint outbox_event_sequence_unique unique (doctor_day_id, sequence)
      );
      create index outbox_event_unpublished_idx on outbox_event (doctor_day_id, sequence)
        where published_at is null;
      create index outbox_event_published_idx on outbox_event (published_at)
        where published_at is not null;

      create table audit_entry (
        id uuid primary key,
        -- Insertion order: the trail reads in the order things happened, even within a millisecond.
        seq bigint generated always as identity unique,
        occurred_at timestamptz not null,
        key_name text not null,
        role text not null,
        peer text not null default '',
        user_agent text not null default '',
        action text not null,
        request_id text not null default '',
        outcome_code int not null,
        outcome_reason text not null default '',
        replayed boolean not null default false,
        doctor_id uuid,
        doctor_day_id uuid,
        date date,
        token_id uuid,
        waitlist_entry_id uuid,
        patient_id uuid
      );
      create index audit_entry_time_idx on audit_entry (occurred_at);
      create index audit_entry_token_idx on audit_entry (token_id, seq) where token_id is not null;
      create index audit_entry_doctor_idx on audit_entry (doctor_id, seq) where doctor_id is not null;
      create index audit_entry_patient_idx on audit_entry (patient_id, seq) where patient_id is not null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop table if exists audit_entry, outbox_event, idempotency_record, active_booking,
        waitlist_entry, token, patient, slot, doctor_day, schedule_override, doctor, hospital_settings cascade;
      drop function if exists token_keeps_books, waitlist_keeps_books;
    `);
  }
}
