// The preload's `window.opd`, built by the same createOpdApi the preload uses, over a transport
// that hands requests to the real handlers (and so to a real allocation service) the way
// ipcRenderer.invoke hands them to ipcMain.handle.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOpdApi, type Transport } from '../src/preload/opd-api.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type InvokeName,
  type OpdApi,
} from '../src/shared/ipc-contract.js';
import { handlerHarness, type HandlerHarness } from './support/handler-harness.js';
import { KEYS, startStack, type Stack } from './support/stack.js';

const BY_CHANNEL = new Map(
  (Object.keys(INVOKE_CHANNELS) as InvokeName[]).map((name) => [INVOKE_CHANNELS[name], name]),
);

let stack: Stack;
let main: HandlerHarness;
/** What actually crossed to the main process. */
const crossed: { channel: string; payload: unknown }[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let opd: OpdApi;

const ipc: Transport = {
  async invoke(channel, payload) {
    crossed.push({ channel, payload });
    const name = BY_CHANNEL.get(channel);
    if (!name) throw new Error(`no handler for ${channel}`);
    // Like Electron, the payload is copied on the way (structured clone).
    return main.dispatch(name, structuredClone(payload));
  },
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
};

beforeAll(async () => {
  stack = await startStack({ reporting: false });
  main = handlerHarness({
    allocationAddress: stack.allocationAddress,
    reportingAddress: null,
    apiKey: KEYS.counter,
  });
  opd = createOpdApi(ipc);
});

afterAll(async () => {
  main?.close();
  await stack?.stop();
});

describe('window.opd', () => {
  it('has one function per action and per event of the contract, and nothing else', () => {
    expect(Object.keys(opd).sort()).toEqual(
      [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort(),
    );
    expect(Object.isFrozen(opd)).toBe(true);
    expect(Object.values(opd).every((f) => typeof f === 'function')).toBe(true);
  });

  it('answers a bad request at once, and nothing crosses to the main process', async () => {
    crossed.length = 0;
    const answer = await opd.findPatient({ phone: 'not a phone' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        reason: 'FIELD_VIOLATION',
        message: 'Please check the form: Phone number must be a phone number, e.g. 98450 12345.',
        metadata: {},
        service: null,
        fieldViolations: [
          { field: 'phone', description: 'must be a phone number, e.g. 98450 12345' },
        ],
      },
    });
    expect(crossed).toEqual([]);
  });

  it('sends only the fields the contract names', async () => {
    crossed.length = 0;
    const sneaky = { includeInactive: false, role: 'admin' } as unknown as {
      includeInactive: boolean;
    };
    const answer = await opd.listDoctors(sneaky);
    expect(answer).toEqual({ ok: true, value: [] });
    expect(crossed).toEqual([{ channel: 'opd:doctors:list', payload: { includeInactive: false } }]);
  });

  it("returns the real service's answer as an error value, never a thrown exception", async () => {
    const answer = await opd.getBoard({
      doctorId: '0b7e3d9a-5c41-4f0e-8a2b-1d3c5e7f9a11',
      date: '2026-11-30',
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        reason: 'DOCTOR_NOT_FOUND',
        service: 'allocation',
      },
    });
  });

  it('refuses an answer from the main process that is not a result', async () => {
    const broken = createOpdApi({ ...ipc, invoke: async () => ({ stack: 'Error at main.js:1' }) });
    const answer = await broken.getSettings(null);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain('main.js');
    const failing = createOpdApi({ ...ipc, invoke: () => Promise.reject(new Error('no handler')) });
    expect(await failing.getSettings(null)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('delivers pushed events to a subscriber until it unsubscribes', () => {
    const seen: unknown[] = [];
    const stop = opd.onConnectionChange((status) => seen.push(status));
    const push = (payload: unknown) =>
      listeners.get(EVENT_CHANNELS.onConnectionChange)?.forEach((l) => l(payload));
    push({ allocation: 'connected', reporting: 'not-configured' });
    stop();
    push({ allocation: 'offline', reporting: 'not-configured' });
    expect(seen).toEqual([{ allocation: 'connected', reporting: 'not-configured' }]);
    expect(() => opd.onBoardUpdate('not a function' as unknown as () => void)).toThrow(TypeError);
  });
});
