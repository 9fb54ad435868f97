// What a database holds, read directly with SQL, so a test can show that a refused request left
// nothing behind: every row of the allocation tables, counted and checksummed, and the audit rows
// a refusal legitimately adds.
import pg from 'pg';

/** The allocation service's state tables; a refused request must change none of them. */
export const ALLOCATION_TABLES = [
  'doctor',
  'schedule_override',
  'doctor_day',
  'slot',
  'patient',
  'token',
  'waitlist_entry',
  'active_booking',
  'outbox_event',
  'idempotency_record',
] as const;

/** The reporting read model's tables; reads never write them. */
export const REPORTING_TABLES = [
  'doctor_day',
  'token_record',
  'event_position',
  'applied_event',
  'parked_event',
] as const;

/**
 * Columns that change after a commit without any request: the relay stamps `published_at` when
 * it hands an event to JetStream. Everything else a request writes is part of the checksum.
 */
const BACKGROUND_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  outbox_event: ['published_at'],
};

/** Row count and an md5 over every row (in a fixed order) of each table. */
export type TableState = Readonly<Record<string, { readonly rows: number; readonly md5: string }>>;

/** One row of allocation's audit trail, as the tests read it. */
export interface AuditRow {
  readonly seq: number;
  readonly action: string;
  readonly key_name: string;
  readonly role: string;
  readonly outcome_code: number;
  readonly outcome_reason: string;
  readonly token_id: string | null;
}

export interface AllocationState {
  readonly tables: TableState;
  /** The last audit row's seq: rows after it were added since. */
  readonly auditSeq: number;
}

/** A connection to one test database, for reading state. */
export class Database {
  readonly #pool: pg.Pool;

  constructor(url: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  async query<Row extends pg.QueryResultRow>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<Row[]> {
    return (await this.#pool.query<Row>(sql, [...params])).rows;
  }

  async tables(names: readonly string[]): Promise<TableState> {
    const entries = await Promise.all(
      names.map(async (table) => {
        const skip = (BACKGROUND_COLUMNS[table] ?? []).map((c) => ` - '${c}'`).join('');
        const [row] = await this.query<{ rows: string; md5: string }>(
          `select count(*) as rows,
                  md5(coalesce(string_agg(r.j::text, E'\\n' order by r.j::text), '')) as md5
             from (select to_jsonb(t)${skip} as j from ${table} t) r`,
        );
        return [table, { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' }] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

/** The allocation database, with its audit trail read separately. */
export class AllocationDatabase extends Database {
  async state(): Promise<AllocationState> {
    const [tables, [last]] = await Promise.all([
      this.tables(ALLOCATION_TABLES),
      this.query<{ seq: string | null }>('select max(seq) as seq from audit_entry'),
    ]);
    return { tables, auditSeq: Number(last?.seq ?? 0) };
  }

  /** Audit rows written after `state` was taken, in order. */
  async auditSince(state: AllocationState): Promise<AuditRow[]> {
    const rows = await this.query<AuditRow & { seq: string }>(
      `select seq, action, key_name, role, outcome_code, outcome_reason, token_id
         from audit_entry where seq > $1 order by seq`,
      [state.auditSeq],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}

/**
 * Waits until every committed event has been published and applied to the read model, so that
 * a snapshot taken next is not moved by work already under way.
 */
export async function settled(
  allocation: AllocationDatabase,
  readModel: Database,
  timeoutMs = 20_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const [[committed], [applied]] = await Promise.all([
      allocation.query<{ unpublished: string; n: string }>(
        `select count(*) filter (where published_at is null) as unpublished, count(*) as n
           from outbox_event`,
      ),
      readModel.query<{ n: string }>('select count(*) as n from applied_event'),
    ]);
    if (Number(committed?.unpublished) === 0 && Number(committed?.n) === Number(applied?.n)) {
      return;
    }
    if (Date.now() - started > timeoutMs) throw new Error('events did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
