// Applies the reporting database's migrations and exits: `npm run migrate -w @opd/reporting`.
import { loadReportingConfig } from './config.js';
import { migrate, openDatabase } from './db/orm.js';

const config = loadReportingConfig();
const orm = await openDatabase({ url: config.REPORTING_DATABASE_URL });
try {
  const applied = await migrate(orm);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await orm.close();
}
