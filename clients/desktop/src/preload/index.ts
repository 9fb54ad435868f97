// The preload: exposes `window.opd` (see opd-api.ts) and nothing else — never ipcRenderer,
// never a generic send. Sandboxed, so it is bundled into one CommonJS file needing only
// 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { createOpdApi } from './opd-api.js';

contextBridge.exposeInMainWorld(
  'opd',
  createOpdApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on(channel, listener) {
      const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
