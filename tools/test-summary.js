// Prints one plain line with the totals of every jest project's run, so a CI run that executed
// nothing is visible at a glance. Exits non-zero when no test ran at all.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(import.meta.dirname, '..', '.test-results');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${files.length} projects)`,
);
process.exit(passed === 0 || failed > 0 || skipped > 0 ? 1 : 0);
