// The audit trail answers "who did what to which token, and when": a morning of actions by a
// booking portal, two counter clerks and a doctor's screen, including refused ones, read back
// through ListAuditEntries by token, by patient and in full.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, Source, type AuditEntry, type ListAuditEntriesRequest } from '@opd/api';
import { refusal } from '@opd/service-runtime/testing';
import { addDays, addDoctor, allocated, rid, walkIn } from '../support/hospital.js';
import { ist, startStack, TODAY, type AllocationClient, type Stack } from '../support/stack.js';

const KEYS = [
  { name: 'booking-portal', role: 'integration', key: 'portal-secret-1' },
  { name: 'front-desk-1', role: 'counter', key: 'desk-secret-1' },
  { name: 'front-desk-2', role: 'counter', key: 'desk-secret-2' },
  { name: 'dr-rao-screen', role: 'doctor', key: 'doctor-screen-secret' },
] as const;
type KeyName = (typeof KEYS)[number]['name'];

let stack: Stack;
let as: Record<KeyName, AllocationClient>;
let admin: AllocationClient;
let doctorId: string;

beforeAll(async () => {
  stack = await startStack({ extraKeys: KEYS });
  as = Object.fromEntries(
    KEYS.map(({ name, key }) => [name, stack.allocationAs({ key })]),
  ) as Record<KeyName, AllocationClient>;
  admin = stack.client('admin');
  doctorId = await addDoctor(admin);
});
afterAll(async () => {
  await stack.stop();
});

/** Moves the hospital's clock to `hhmm` today, so every action has its own time. */
const at = (hhmm: string) => stack.clock.set(ist(hhmm));

async function trail(filter: Partial<ListAuditEntriesRequest>): Promise<AuditEntry[]> {
  const { auditEntries } = await admin.listAuditEntries({
    tokenId: '',
    doctorId: '',
    patientId: '',
    startDate: '',
    endDate: '',
    pageSize: 500,
    pageToken: '',
    ...filter,
  });
  // Read in the order things happened, whichever way the service lists them.
  return [...auditEntries].sort(
    (a, b) => (a.occurredAt?.getTime() ?? 0) - (b.occurredAt?.getTime() ?? 0),
  );
}

/** An entry as a hospital's IT team reads it. */
const line = (e: AuditEntry) => ({
  when: e.occurredAt?.toISOString(),
  who: e.actor?.keyName,
  role: e.actor?.role,
  did: e.action,
  outcome: status[e.outcome?.code ?? -1],
  reason: e.outcome?.reason,
});

describe('the audit trail of a morning', () => {
  let online: string;
  let walkInToken: string;
  let walkInPatient: string;
  let portalRequest: ReturnType<typeof walkIn>;

  beforeAll(async () => {
    at('07:05');
    portalRequest = walkIn(doctorId, { source: Source.SOURCE_ONLINE });
    online = allocated(await as['booking-portal'].requestToken(portalRequest)).tokenId;
    at('07:10');
    const walker = allocated(await as['front-desk-1'].requestToken(walkIn(doctorId)));
    walkInToken = walker.tokenId;
    walkInPatient = walker.patientId;
    at('07:15');
    // The portal's connection dropped; it retries with the same request id.
    await as['booking-portal'].requestToken(portalRequest);
    at('07:20');
    // Too early for a no-show: refused, and the refusal is recorded.
    await refusal(as['front-desk-1'].markNoShow({ requestId: rid(), tokenId: online }));
    at('07:25');
    await as['front-desk-2'].checkInToken({ requestId: rid(), tokenId: walkInToken });
    at('07:30');
    // A doctor's screen may not cancel: refused before the service looks at the token.
    await refusal(
      as['dr-rao-screen'].cancelToken({ requestId: rid(), tokenId: online, reason: '' }),
    );
    at('07:35');
    await as['booking-portal'].cancelToken({ requestId: rid(), tokenId: online, reason: 'app' });
    at('07:40');
    await refusal(
      as['front-desk-2'].cancelToken({ requestId: rid(), tokenId: online, reason: '' }),
    );
    at('07:45');
    await as['dr-rao-screen'].completeToken({ requestId: rid(), tokenId: walkInToken });
    at('07:50');
    await as['front-desk-2'].findPatient({ phone: portalRequest.patientPhone });
  });

  it("shows everything that happened to the online patient's token, refusals and retries included", async () => {
    expect((await trail({ tokenId: online })).map(line)).toEqual([
      expectedLine('07:05', 'booking-portal', Role.ROLE_INTEGRATION, 'RequestToken', 'OK'),
      expectedLine('07:15', 'booking-portal', Role.ROLE_INTEGRATION, 'RequestToken', 'OK'),
      expectedLine(
        '07:20',
        'front-desk-1',
        Role.ROLE_COUNTER,
        'MarkNoShow',
        'FAILED_PRECONDITION',
        'GRACE_PERIOD_NOT_OVER',
      ),
      expectedLine('07:35', 'booking-portal', Role.ROLE_INTEGRATION, 'CancelToken', 'OK'),
      expectedLine(
        '07:40',
        'front-desk-2',
        Role.ROLE_COUNTER,
        'CancelToken',
        'FAILED_PRECONDITION',
        'INVALID_TRANSITION',
      ),
    ]);
  });

  it('shows who checked the walk-in in and who saw them', async () => {
    const entries = await trail({ tokenId: walkInToken });
    expect(entries.map(line)).toEqual([
      expectedLine('07:10', 'front-desk-1', Role.ROLE_COUNTER, 'RequestToken', 'OK'),
      expectedLine('07:25', 'front-desk-2', Role.ROLE_COUNTER, 'CheckInToken', 'OK'),
      expectedLine('07:45', 'dr-rao-screen', Role.ROLE_DOCTOR, 'CompleteToken', 'OK'),
    ]);
    expect(entries.every((e) => e.tokenId === walkInToken && e.doctorId === doctorId)).toBe(true);
    expect(entries.every((e) => e.patientId === walkInPatient && e.date === TODAY)).toBe(true);
    // Which connection and client software did it, for tracing a workstation.
    expect(entries.every((e) => e.actor?.client?.peer !== '')).toBe(true);
    expect(entries.every((e) => e.actor?.client?.userAgent.includes('grpc-node-js'))).toBe(true);
  });

  it('marks a retried request as replayed, by the same key, with the same request id', async () => {
    const replays = (await trail({})).filter((e) => e.outcome?.replayed);
    expect(replays.map((e) => ({ ...line(e), requestId: e.requestId }))).toEqual([
      {
        ...expectedLine('07:15', 'booking-portal', Role.ROLE_INTEGRATION, 'RequestToken', 'OK'),
        requestId: portalRequest.requestId,
      },
    ]);
  });

  it('records who looked a patient up by phone, and whom they found', async () => {
    const [lookup] = (await trail({})).filter((e) => e.action === 'FindPatient');
    expect(lookup && line(lookup)).toEqual(
      expectedLine('07:50', 'front-desk-2', Role.ROLE_COUNTER, 'FindPatient', 'OK'),
    );
    const [booked] = await trail({ tokenId: online });
    expect(lookup?.patientId).toBe(booked?.patientId);
  });

  it('lists newest first, a page at a time, by the local day things happened', async () => {
    const all = { tokenId: '', doctorId: '', patientId: '', startDate: '', endDate: '' };
    const { auditEntries } = await admin.listAuditEntries({ ...all, pageSize: 500, pageToken: '' });
    const times = auditEntries.map((e) => e.occurredAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(auditEntries.length).toBeGreaterThan(8);

    const paged: string[] = [];
    let pageToken = '';
    do {
      const page = await admin.listAuditEntries({ ...all, pageSize: 3, pageToken });
      expect(page.auditEntries.length).toBeLessThanOrEqual(3);
      paged.push(...page.auditEntries.map((e) => e.auditEntryId));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    expect(paged).toEqual(auditEntries.map((e) => e.auditEntryId));

    const onDays = async (startDate: string, endDate: string) =>
      (await admin.listAuditEntries({ ...all, startDate, endDate, pageSize: 500, pageToken: '' }))
        .auditEntries.length;
    expect(await onDays(TODAY, TODAY)).toBe(auditEntries.length);
    expect(await onDays(addDays(TODAY, -1), addDays(TODAY, -1))).toBe(0);
    expect(await onDays(addDays(TODAY, 1), '')).toBe(0);
  });

  it('is for admins only: the counter may not read it', async () => {
    const refused = await refusal(
      as['front-desk-1'].listAuditEntries({
        tokenId: online,
        doctorId: '',
        patientId: '',
        startDate: '',
        endDate: '',
        pageSize: 0,
        pageToken: '',
      }),
    );
    expect(refused).toMatchObject({
      code: status.PERMISSION_DENIED,
      reason: 'ROLE_NOT_ALLOWED',
    });
  });
});

/** The line an entry should read as. */
function expectedLine(
  hhmm: string,
  who: KeyName,
  role: Role,
  did: string,
  outcome: keyof typeof status,
  reason = '',
) {
  return { when: ist(hhmm).toISOString(), who, role, did, outcome, reason };
}
