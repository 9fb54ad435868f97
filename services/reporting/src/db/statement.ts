/**
 * One SQL statement with `$n` placeholders, built from values in the order they are added, so
 * several writes can go to PostgreSQL in a single round trip.
 */
export class Statement {
  readonly values: unknown[] = [];

  /** The placeholder of a new value. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** `insert … on conflict (key) do update` that writes every given column. */
  upsert(table: string, key: string, row: readonly (readonly [string, unknown])[]): string {
    const columns = row.map(([column]) => column);
    const placeholders = row.map(([, value]) => this.param(value));
    const updates = columns
      .filter((column) => column !== key)
      .map((column) => `${column} = excluded.${column}`);
    return `insert into ${table} (${columns.join(', ')}) values (${placeholders.join(', ')})
      on conflict (${key}) do update set ${updates.join(', ')}`;
  }
}
