// npm start's database URLs: the reporting database beside the allocation one, on the same
// server, or on the same primary and standby when DATABASE_URL names both.
import { describe, expect, it } from '@jest/globals';
import { loadStackConfig, siblingDatabase } from '../stack-config.js';

describe("npm start's database URLs", () => {
  it('puts the reporting database on the same server by default', () => {
    expect(loadStackConfig({}).reportingDatabaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/opd_reporting',
    );
    expect(siblingDatabase('postgres://opd:secret@db:6432/opd', 'opd_reporting')).toBe(
      'postgres://opd:secret@db:6432/opd_reporting',
    );
  });

  it('keeps a primary and its standby, and their settings, for the reporting database', () => {
    const config = loadStackConfig({
      DATABASE_URL:
        'postgres://opd@db-a:5432,db-b:5432/opd?target_session_attrs=read-write&sslmode=require',
    });
    expect(config.reportingDatabaseUrl).toBe(
      'postgres://opd@db-a:5432,db-b:5432/opd_reporting?target_session_attrs=read-write&sslmode=require',
    );
  });
});
