import type { MikroORM } from '@mikro-orm/postgresql';
import type { PageTokens } from '@opd/service-runtime';
import type { ExportSlots } from './queries/export-slots.js';

/** What the queries need: the read model, page tokens, export slots and the consumer's backlog. */
export interface ReportingEnv {
  readonly orm: MikroORM;
  readonly pageTokens: PageTokens;
  readonly exports: ExportSlots;
  /** Events JetStream holds that the read model has not applied; undefined if unknown. */
  readonly pending: () => Promise<number | undefined>;
}
