-- The allocation transaction's shape, for pgbench: lock the doctor-day, read its slots, register
-- the patient and insert the token (the trigger keeps slot occupancy and the booking guard),
-- bump the doctor-day's counters, write the outbox row. Runs on the real, migrated schema.
\set n random(:first, :last)
BEGIN;
SELECT next_token_number, event_sequence FROM doctor_day WHERE bench_n = :n FOR UPDATE \gset dd_
SELECT s.id, s.capacity, s.occupancy FROM slot s JOIN doctor_day d ON d.id = s.doctor_day_id WHERE d.bench_n = :n ORDER BY s.starts_at;
WITH p AS (
  INSERT INTO patient (id, phone, name, name_key, created_at)
  VALUES (gen_random_uuid(), '+9197' || lpad(nextval('bench_phone')::text, 8, '0'), 'Bench', 'bench', now())
  RETURNING id
)
INSERT INTO token (id, doctor_day_id, number, patient_id, slot_id, source, priority, status, requested_at, allocated_at)
  SELECT gen_random_uuid(), d.id, :dd_next_token_number, p.id, s.id, 'WALK_IN', 20, 'ALLOCATED', now(), now()
    FROM doctor_day d, p,
         LATERAL (SELECT id FROM slot WHERE doctor_day_id = d.id AND occupancy < capacity ORDER BY starts_at LIMIT 1) s
   WHERE d.bench_n = :n;
UPDATE doctor_day SET next_token_number = next_token_number + 1, event_sequence = event_sequence + 1 WHERE bench_n = :n;
INSERT INTO outbox_event (id, doctor_day_id, sequence, event_type, payload, occurred_at)
  SELECT gen_random_uuid(), id, :dd_event_sequence + 1, 'token_allocated', '\x0a00'::bytea, now() FROM doctor_day WHERE bench_n = :n;
END;
