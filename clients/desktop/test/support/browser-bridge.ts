// The browser tests' stand-in for the preload: the SAME createOpdApi as src/preload, over a
// transport of functions the test exposes with page.exposeFunction instead of ipcRenderer.
// Bundled into one script and installed with page.addInitScript before the app loads.
import { createOpdApi } from '../../src/preload/opd-api.js';

type Listener = (payload: unknown) => void;

interface BridgePage {
  /** Exposed by the test: runs the main process's handler for a channel. */
  __opdInvoke(channel: string, payload: unknown): Promise<unknown>;
  /** Called by the test (page.evaluate) to push an event, like webContents.send. */
  __opdEmit?: (channel: string, payload: unknown) => void;
  opd?: unknown;
}

const page = globalThis as unknown as BridgePage;
const listeners = new Map<string, Set<Listener>>();

page.__opdEmit = (channel, payload) => listeners.get(channel)?.forEach((l) => l(payload));
page.opd = createOpdApi({
  invoke: (channel, payload) => page.__opdInvoke(channel, payload),
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});
