import type { MikroORM } from '@mikro-orm/postgresql';
import type { PageTokens } from '@opd/service-runtime';
import type pg from 'pg';
import type { ExportSlots } from './queries/export-slots.js';

/** What the queries need: the read model, page tokens, exports' limits and connections, the backlog. */
export interface ReportingEnv {
  readonly orm: MikroORM;
  readonly pageTokens: PageTokens;
  readonly exports: ExportSlots;
  /** Connections for exports, one per export slot. */
  readonly exportPool: pg.Pool;
  /** An export whose client takes nothing for this long is ended. */
  readonly exportStallMs: number;
  /** Events JetStream holds that the read model has not applied; undefined if unknown. */
  readonly pending: () => Promise<number | undefined>;
}
