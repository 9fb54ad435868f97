import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Fills the read model straight with SQL, for export tests and benchmarks: `days` dates from
 * `firstDate`, `doctors` new doctors a day, `tokensPerDay` tokens each (100,000 rows in a few
 * seconds), with a mix of sources and statuses.
 */
export async function insertBulkTokens(
  orm: MikroORM,
  shape: { firstDate: string; days: number; doctors: number; tokensPerDay: number },
): Promise<void> {
  await orm.em.fork().execute(
    `with day as (
       insert into doctor_day (doctor_day_id, doctor_id, date, doctor_display_name, department,
                               time_zone, slot_count, capacity, opened_at)
       select gen_random_uuid(), doctor.id, ?::date + d, 'Dr. Bulk ' || doctor.n,
              'General Medicine', 'Asia/Kolkata', 16, ?, ?::date + d + time '08:00'
         from generate_series(0, ? - 1) d,
              (select n, gen_random_uuid() as id from generate_series(1, ?) n) doctor
       returning doctor_day_id, doctor_id, date, doctor_display_name, department, opened_at)
     insert into token_record (token_id, doctor_day_id, doctor_id, date, token_number,
       doctor_display_name, department, patient_id, slot_id, slot_start_time, source, priority,
       status, request_time, allocate_time, check_in_time, complete_time)
     select gen_random_uuid(), day.doctor_day_id, day.doctor_id, day.date, n,
            day.doctor_display_name, day.department, gen_random_uuid(), day.doctor_day_id,
            day.opened_at + interval '1 hour',
            (array['EMERGENCY','PAID','FOLLOW_UP','WALK_IN','ONLINE'])[1 + n % 5], 100 * (1 + n % 5),
            case when n % 3 = 0 then 'COMPLETED' else 'ALLOCATED' end,
            day.opened_at, day.opened_at,
            case when n % 3 = 0 then day.opened_at + interval '1 hour' end,
            case when n % 3 = 0 then day.opened_at + interval '80 minutes' end
       from day, generate_series(1, ?) n`,
    [
      shape.firstDate,
      shape.tokensPerDay,
      shape.firstDate,
      shape.days,
      shape.doctors,
      shape.tokensPerDay,
    ],
  );
}
