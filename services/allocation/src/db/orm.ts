import type { MikroORM } from '@mikro-orm/postgresql';
import { openServiceDatabase, type DatabaseOptions } from '@opd/service-runtime/database';
import * as entities from './entities/index.js';
import { migrations } from './migrations/index.js';

export { migrate, type DatabaseOptions } from '@opd/service-runtime/database';

/** The ORM for the allocation database. Schema changes only ever come from migrations. */
export function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  return openServiceDatabase(options, { entities: Object.values(entities), migrations });
}
