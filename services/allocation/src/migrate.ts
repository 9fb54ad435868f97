// Applies the allocation database's migrations and exits: `npm run migrate -w @opd/allocation`.
import { loadAllocationConfig } from './config.js';
import { migrate, openDatabase } from './db/orm.js';

const config = loadAllocationConfig();
const orm = await openDatabase({ url: config.DATABASE_URL });
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await orm.close();
}
