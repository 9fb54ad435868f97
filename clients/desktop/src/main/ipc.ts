// Registers every invoke channel of the contract with ipcMain.handle. Each call is checked:
// it must come from one of our windows' top frame showing our renderer, or it is dropped; it
// then goes to that window's own handler set (the waiting-room display's allows fewer calls),
// which validates the payload before any handler runs.
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

/**
 * @param handlersFor the handler set of the window that sent the call, or null when the sender
 *   is not one of our windows' trusted top frames.
 */
export function registerIpc(
  handlersFor: (event: IpcMainInvokeEvent) => HandlerSet | null,
  log: (line: string) => void,
): () => void {
  const names = Object.keys(INVOKE_CHANNELS) as InvokeName[];
  for (const name of names) {
    ipcMain.handle(INVOKE_CHANNELS[name], (event, payload: unknown) => {
      const set = handlersFor(event);
      if (set === null) {
        log(`dropped ${name} from an unknown sender (${event.senderFrame?.url ?? 'no frame'})`);
        return REFUSED;
      }
      return set.dispatch(name, payload);
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(INVOKE_CHANNELS[name]));
}
