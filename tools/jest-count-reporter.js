// Writes each project's pass/fail counts to .test-results/ so .ci/run can print one total line.
import fs from 'node:fs';
import path from 'node:path';

export default class CountReporter {
  constructor(globalConfig, options) {
    this.name = options.name;
    this.dir = path.join(globalConfig.rootDir, '..', '..', '.test-results');
  }

  onRunComplete(_contexts, results) {
    fs.mkdirSync(this.dir, { recursive: true });
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(this.dir, `${this.name}.json`), JSON.stringify(counts));
  }
}
