import { Migration } from '@mikro-orm/migrations';

/**
 * The reporting read model, built only from events:
 * - doctor_day and token_record are the projections (token_record is listed and exported by
 *   date, doctor, token number, so that order is a unique index);
 * - event_position gates each doctor-day's events by sequence and applied_event remembers each
 *   event id, both written in the event's own transaction, so a copy never applies twice;
 * - parked_event keeps poison events with their error for an operator.
 */
export class Migration20261128000000_read_model extends Migration {
  override up(): void {
    this.addSql(`
      create table doctor_day (
        doctor_day_id uuid primary key,
        doctor_id uuid not null,
        date date not null,
        doctor_display_name text not null,
        department text not null,
        time_zone text not null,
        slot_count int not null check (slot_count >= 0),
        capacity int not null check (capacity >= 0),
        waitlist_added_count int not null default 0 check (waitlist_added_count >= 0),
        waitlist_promoted_count int not null default 0 check (waitlist_promoted_count >= 0),
        waitlist_cancelled_count int not null default 0 check (waitlist_cancelled_count >= 0),
        waitlist_expired_count int not null default 0 check (waitlist_expired_count >= 0),
        opened_at timestamptz not null,
        constraint doctor_day_date_doctor_key unique (date, doctor_id)
      );
      create index doctor_day_doctor_idx on doctor_day (doctor_id, date);

      create table token_record (
        token_id uuid primary key,
        doctor_day_id uuid not null references doctor_day (doctor_day_id),
        doctor_id uuid not null,
        date date not null,
        token_number int not null check (token_number >= 1),
        doctor_display_name text not null,
        department text not null,
        patient_id uuid not null,
        slot_id uuid not null,
        slot_start_time timestamptz,
        source text not null
          check (source in ('EMERGENCY', 'PAID', 'FOLLOW_UP', 'WALK_IN', 'ONLINE')),
        priority int not null,
        status text not null check (status in
          ('ALLOCATED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW', 'PREEMPTED')),
        request_time timestamptz not null,
        allocate_time timestamptz not null,
        check_in_time timestamptz,
        complete_time timestamptz,
        cancel_time timestamptz,
        no_show_time timestamptz,
        preempt_time timestamptz,
        preempted boolean not null default false,
        promoted boolean not null default false,
        constraint token_record_order_key unique (date, doctor_id, token_number)
      );
      create index token_record_doctor_idx on token_record (doctor_id, date, token_number);
      create index token_record_doctor_day_idx on token_record (doctor_day_id);

      create table event_position (
        doctor_day_id uuid primary key,
        applied_sequence bigint not null default 0 check (applied_sequence >= 0),
        applied_count bigint not null default 0 check (applied_count >= 0),
        skipped_count int not null default 0 check (skipped_count >= 0),
        last_event_id uuid,
        last_event_occurred_at timestamptz,
        last_applied_at timestamptz
      );
      create index event_position_recent_idx on event_position (last_applied_at desc)
        where last_applied_at is not null;

      create table applied_event (
        event_id uuid primary key,
        doctor_day_id uuid not null,
        sequence bigint not null check (sequence >= 1),
        event_type text not null,
        occurred_at timestamptz not null,
        applied_at timestamptz not null,
        stream_sequence bigint not null,
        constraint applied_event_sequence_key unique (doctor_day_id, sequence)
      );

      create table parked_event (
        id bigserial primary key,
        stream_name text not null,
        stream_sequence bigint not null,
        subject text not null,
        event_id text,
        doctor_day_id text,
        sequence bigint,
        event_type text,
        reason text not null
          check (reason in ('UNDECODABLE', 'INVALID_EVENT', 'APPLY_FAILED', 'SEQUENCE_GAP')),
        error text not null,
        deliveries int not null,
        payload bytea not null,
        parked_at timestamptz not null,
        constraint parked_event_message_key unique (stream_name, stream_sequence)
      );
    `);
  }

  override down(): void {
    this.addSql(
      'drop table parked_event, applied_event, event_position, token_record, doctor_day;',
    );
  }
}
