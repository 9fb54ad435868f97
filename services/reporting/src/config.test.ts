import { describe, expect, it } from '@jest/globals';
import type { ConfigError } from '@opd/service-runtime';
import { loadReportingConfig } from './config.js';

describe('the reporting configuration', () => {
  it('runs on its own database and ports next to the allocation service by default', () => {
    const config = loadReportingConfig({});

    expect(config).toMatchObject({
      REPORTING_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/opd_reporting',
      OPD_REPORTING_GRPC_PORT: 50052,
      OPD_REPORTING_METRICS_PORT: 9465,
      OPD_EVENT_STREAM: 'OPD_EVENTS',
      OPD_EVENT_SUBJECT_PREFIX: 'opd.v1.events',
      OPD_REPORTING_CONSUMER: 'opd-reporting',
      OPD_MIGRATE_ON_START: false,
    });
  });

  it('names every variable with a bad value', () => {
    let problems: readonly string[] = [];
    try {
      loadReportingConfig({ OPD_REPORTING_GRPC_PORT: 'abc', OPD_REPORTING_CONSUMER: 'a.b' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }

    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'OPD_REPORTING_GRPC_PORT',
      'OPD_REPORTING_CONSUMER',
    ]);
  });
});
