// Who may call what: every RPC of both services, called by every role, by a caller without a key
// and by one with a wrong key, against the table of docs/adr/0008-roles.md. A refused call
// changes nothing.
import { readFileSync } from 'node:fs';
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '@opd/service-runtime';
import { refusal } from '@opd/service-runtime/testing';
import {
  AllocationDatabase,
  Database,
  REPORTING_TABLES,
  settled,
} from '../support/database-state.js';
import { addDoctor } from '../support/hospital.js';
import { CALLABLE_RPCS, callRpc, DECLARED_RPCS, type Rpc } from '../support/rpcs.js';
import { KEYS, startStack, type Stack } from '../support/stack.js';

// The decision, as docs/adr/0008-roles.md writes it (✓ = may call).
const ADR_0008 = `
| RPC | counter | doctor | admin | integration | reporting |
|---|---|---|---|---|---|
| CreateDoctor, UpdateDoctor, Set/DeleteScheduleOverride | | | ✓ | | |
| GetDoctor, ListDoctors, ListScheduleOverrides | ✓ | ✓ | ✓ | ✓ | ✓ |
| RequestToken, CancelToken, CancelWaitlistEntry | ✓ | | ✓ | ✓ | |
| CheckInToken, CompleteToken, MarkNoShow | ✓ | ✓ | ✓ | | |
| CallNext, RecallToken, SkipToken | | ✓ | ✓ | | |
| TransferToken | ✓ | | ✓ | | |
| UndoTokenTransition | ✓ | ✓ | ✓ | | |
| GetToken, GetDoctorDayBoard, ListDoctorDays, WatchDoctorDay | ✓ | ✓ | ✓ | ✓ | |
| FindPatient | ✓ | | ✓ | ✓ | |
| ListAuditEntries | | | ✓ | | |
| ReportingService (all) | | | ✓ | | ✓ |
`;

const REPORTING_RPCS = DECLARED_RPCS.filter((r) => r.service === 'reporting').map((r) => r.name);

/** The markdown table as (RPC → roles that may call it), with its shorthands spelled out. */
function parseTable(markdown: string): Map<string, Role[]> {
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| RPC'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const table = new Map<string, Role[]>();
  for (const [rpcs = '', ...marks] of rows) {
    const roles = ROLES.filter((_role, i) => marks[i] === '✓');
    for (const rpc of rpcs.split(',').map((name) => name.trim())) {
      const [, verb, other, noun] = /^(\w+?)\/(\w+?)([A-Z]\w+)$/.exec(rpc) ?? [];
      const names =
        rpc === 'ReportingService (all)'
          ? REPORTING_RPCS
          : verb && other && noun
            ? [`${verb}${noun}`, `${other}${noun}`]
            : [rpc];
      for (const name of names) table.set(name, roles);
    }
  }
  return table;
}

const MAY_CALL = parseTable(ADR_0008);

/** Every caller a service meets: the five roles, someone without a key, someone with a wrong one. */
const CALLERS = [...ROLES, 'no key', 'a wrong key'] as const;
type Caller = (typeof CALLERS)[number];
const keyOf = (caller: Caller): string | undefined =>
  caller === 'no key' ? undefined : caller === 'a wrong key' ? 'a-key-nobody-issued' : KEYS[caller];

/** What a caller should hear: answered (perhaps with a validation or not-found error) or refused. */
function expected(rpc: Rpc, caller: Caller): string {
  if (caller === 'no key') return 'UNAUTHENTICATED API_KEY_MISSING';
  if (caller === 'a wrong key') return 'UNAUTHENTICATED API_KEY_INVALID';
  return MAY_CALL.get(rpc.name)?.includes(caller)
    ? 'answered'
    : 'PERMISSION_DENIED ROLE_NOT_ALLOWED';
}

let stack: Stack;
let allocationDb: AllocationDatabase;
let readModel: Database;
let doctorId: string;

beforeAll(async () => {
  stack = await startStack();
  allocationDb = new AllocationDatabase(stack.databaseUrls.allocation);
  readModel = new Database(stack.databaseUrls.reporting);
  doctorId = await addDoctor(stack.client('admin'));
});
afterAll(async () => {
  await Promise.all([allocationDb.close(), readModel.close()]);
  await stack.stop();
});

/** How one call ended, as the matrix reads it. */
async function outcome(rpc: Rpc, caller: Caller): Promise<string> {
  const key = keyOf(caller);
  const clients = {
    allocation: stack.allocationAs({ key }),
    reporting: stack.reportingAs({ key }),
  };
  const call = callRpc(rpc, clients, { doctorId });
  const refused = await refusal(call).catch(() => undefined);
  if (refused === undefined) return 'answered';
  const code = status[refused.code];
  return code === 'PERMISSION_DENIED' || code === 'UNAUTHENTICATED'
    ? `${code} ${refused.reason ?? ''}`
    : 'answered';
}

describe('the role table', () => {
  it('is the one docs/adr/0008-roles.md decides', () => {
    const adr = readFileSync(
      new URL('../../../../docs/adr/0008-roles.md', import.meta.url),
      'utf8',
    );
    expect(Object.fromEntries(parseTable(adr))).toEqual(Object.fromEntries(MAY_CALL));
  });

  it('names every RPC of both services, and this test can call each one', () => {
    const names = (rpcs: readonly Rpc[]) => rpcs.map((r) => r.name).sort();
    expect([...MAY_CALL.keys()].sort()).toEqual(names(DECLARED_RPCS));
    expect(names(CALLABLE_RPCS)).toEqual(names(DECLARED_RPCS));
  });
});

describe.each(DECLARED_RPCS.map((rpc) => [rpc.name, rpc] as const))('%s', (_name, rpc) => {
  const allowed = () => MAY_CALL.get(rpc.name) ?? [];

  it(`answers only the roles the ADR lists, refuses the rest and anyone without a valid key, and a refusal changes nothing`, async () => {
    const refusedCallers = CALLERS.filter((c) => expected(rpc, c) !== 'answered');
    await settled(allocationDb, readModel);
    const before = await allocationDb.state();
    const readModelBefore = await readModel.tables(REPORTING_TABLES);
    const seen: Record<string, string> = {};
    for (const caller of refusedCallers) seen[caller] = await outcome(rpc, caller);
    expect(await allocationDb.state()).toEqual(before);
    expect(await readModel.tables(REPORTING_TABLES)).toEqual(readModelBefore);
    for (const caller of allowed()) seen[caller] = await outcome(rpc, caller);
    expect(seen).toEqual(Object.fromEntries(CALLERS.map((c) => [c, expected(rpc, c)])));
  });
});
