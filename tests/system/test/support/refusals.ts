// Assertions about refused calls: the status a hospital's IT team would expect, a message and a
// BadRequest that name the offending field, and a database that is exactly as it was.
import { status } from '@grpc/grpc-js';
import { expect } from '@jest/globals';
import { refusal } from '@opd/service-runtime/testing';
import type { DecodedServiceError } from '@opd/service-runtime';
import type { AllocationDatabase, AuditRow, Database } from './database-state.js';
import { REPORTING_TABLES } from './database-state.js';

/**
 * INVALID_ARGUMENT naming exactly `field` (the request is otherwise valid), in the BadRequest
 * detail and in the message.
 */
export async function expectBadField(
  call: Promise<unknown>,
  field: string,
  reason = 'FIELD_VIOLATION',
): Promise<DecodedServiceError> {
  const refused = await refusal(call);
  expect({ code: status[refused.code], reason: refused.reason }).toEqual({
    code: 'INVALID_ARGUMENT',
    reason,
  });
  expect(refused.fieldViolations.map((v) => v.field)).toEqual([field]);
  expect(refused.message).toContain(field);
  return refused;
}

/** A refusal with this code and reason (and these ErrorInfo metadata entries, if given). */
export async function expectRefusedWith(
  call: Promise<unknown>,
  code: keyof typeof status,
  reason?: string,
  metadata: Record<string, string> = {},
): Promise<DecodedServiceError> {
  const refused = await refusal(call);
  expect({ code: status[refused.code], reason: refused.reason }).toEqual({
    code,
    reason: reason ?? refused.reason,
  });
  expect(refused.metadata).toMatchObject(metadata);
  return refused;
}

/** What a refused mutation adds to the audit trail: one row naming the action and the outcome. */
export interface AuditedRefusal {
  readonly action: string;
  readonly code: keyof typeof status;
}

const auditedAs = (rows: readonly AuditRow[]) =>
  rows.map((r) => ({ action: r.action, code: status[r.outcome_code] }));

/**
 * Runs `act` and asserts that no allocation table changed (rows and their contents), and that
 * the audit trail gained exactly `audited`: the refusals of mutations that got past validation
 * are recorded, everything else leaves no trace.
 */
export async function expectNothingWritten(
  db: AllocationDatabase,
  act: () => Promise<void>,
  audited: readonly AuditedRefusal[] = [],
): Promise<void> {
  const before = await db.state();
  await act();
  const after = await db.state();
  expect(after.tables).toEqual(before.tables);
  expect(auditedAs(await db.auditSince(before))).toEqual(audited);
}

/** Runs `act` and asserts that the reporting read model is exactly as it was. */
export async function expectReadModelUnchanged(
  db: Database,
  act: () => Promise<void>,
): Promise<void> {
  const before = await db.tables(REPORTING_TABLES);
  await act();
  expect(await db.tables(REPORTING_TABLES)).toEqual(before);
}
