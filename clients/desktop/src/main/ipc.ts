// Registers every invoke channel of the contract with ipcMain.handle. Each call is checked:
// it must come from our window's top frame showing our renderer, or it is dropped; its payload
// is validated by the handler set before any handler runs.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS, type InvokeName, type IpcResult } from '../shared/ipc-contract.js';
import type { HandlerSet } from './handlers/index.js';

const REFUSED: IpcResult<never> = {
  ok: false,
  error: {
    code: 'PERMISSION_DENIED',
    reason: 'UNTRUSTED_SENDER',
    message: 'This page may not use the counter desktop.',
    metadata: {},
    service: null,
    fieldViolations: [],
  },
};

export function registerIpc(
  set: HandlerSet,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  log: (line: string) => void,
): () => void {
  const names = Object.keys(INVOKE_CHANNELS) as InvokeName[];
  for (const name of names) {
    ipcMain.handle(INVOKE_CHANNELS[name], (event, payload: unknown) => {
      if (!isTrusted(event)) {
        log(`dropped ${name} from an unknown sender (${event.senderFrame?.url ?? 'no frame'})`);
        return REFUSED;
      }
      return set.dispatch(name, payload);
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(INVOKE_CHANNELS[name]));
}
