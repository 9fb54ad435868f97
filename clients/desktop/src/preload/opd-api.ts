// Builds `window.opd` from a transport: one function per invoke of the contract, one
// subscription per event. Requests are checked here before they leave the renderer, so a bad
// payload is answered at once with the same IpcError the main process would give; answers that
// are not IpcResults are refused. Environment: preload (no Node, only the contract).
import { violationError } from '../shared/error-text.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type EventName,
  type InvokeName,
  type IpcResult,
  type OpdApi,
} from '../shared/ipc-contract.js';
import { REQUEST_CHECKS } from '../shared/request-checks.js';
import { run, type Check } from '../shared/validation.js';

/** How the preload reaches the main process: ipcRenderer in Electron, a stand-in in tests. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

const BROKEN: IpcResult<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    reason: null,
    message:
      'The counter desktop could not complete this. Restart it; if it happens again, call IT.',
    metadata: {},
    service: null,
    fieldViolations: [],
  },
};

function isResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : value.ok === false && 'error' in value;
}

export function createOpdApi(transport: Transport): OpdApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(INVOKE_CHANNELS) as InvokeName[]) {
    const check: Check<unknown> = REQUEST_CHECKS[name];
    api[name] = async (request: unknown): Promise<IpcResult<unknown>> => {
      const checked = run(check, request ?? null);
      if (!checked.ok) return { ok: false, error: violationError(checked.violations) };
      try {
        const answer = await transport.invoke(INVOKE_CHANNELS[name], checked.value);
        return isResult(answer) ? answer : BROKEN;
      } catch {
        return BROKEN;
      }
    };
  }
  for (const name of Object.keys(EVENT_CHANNELS) as EventName[]) {
    api[name] = (listener: unknown): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a function`);
      return transport.on(EVENT_CHANNELS[name], (payload) => listener(payload));
    };
  }
  return Object.freeze(api) as OpdApi;
}
