// The read model's projection tables as plain rows, in the same shape and order as
// InMemoryReadModel.snapshot(), so the two can be compared with toEqual.
import type { MikroORM } from '@mikro-orm/postgresql';
import { DAY_COLUMNS, dayRowFromSql, type DaySqlRow } from '../db/doctor-day-rows.js';
import { TOKEN_COLUMNS, tokenRowFromSql, type TokenSqlRow } from '../db/token-rows.js';
import type { DoctorDayRow, TokenRow } from '../projections/rows.js';
import { byKey } from './in-memory-read-model.js';

export interface ReadModelSnapshot {
  readonly days: DoctorDayRow[];
  readonly tokens: TokenRow[];
}

/** The rows of the given doctor-days (all when omitted). */
export async function readModelSnapshot(
  orm: MikroORM,
  doctorDayIds?: readonly string[],
): Promise<ReadModelSnapshot> {
  if (doctorDayIds?.length === 0) return { days: [], tokens: [] };
  const em = orm.em.fork();
  const only = doctorDayIds ? 'where doctor_day_id in (?)' : '';
  const params = doctorDayIds ? [[...doctorDayIds]] : [];
  const days = await em.execute<DaySqlRow[]>(
    `select ${DAY_COLUMNS} from doctor_day d ${only}`,
    params,
  );
  const tokens = await em.execute<TokenSqlRow[]>(
    `select ${TOKEN_COLUMNS} from token_record t ${only}`,
    params,
  );
  return {
    days: days.map(dayRowFromSql).sort(byKey((d) => d.doctorDayId)),
    tokens: tokens.map(tokenRowFromSql).sort(byKey((t) => t.tokenId)),
  };
}

/** How many events the read model has applied, over all doctor-days. */
export async function eventsApplied(orm: MikroORM): Promise<number> {
  const [row] = await orm.em
    .fork()
    .execute<{ n: string }[]>('select coalesce(sum(applied_count), 0) as n from event_position');
  return Number(row?.n ?? 0);
}
