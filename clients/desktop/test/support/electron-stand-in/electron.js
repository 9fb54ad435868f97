// A stand-in for Electron's main-process API (the binary cannot be downloaded on these
// machines): it records what the desktop's built main process asks of Electron, so a test can
// check the wiring. It is not the services — those are real in every test.
const seen = {
  privilegedSchemes: [],
  sandboxEverywhere: false,
  permissionHandlers: [],
  windows: [],
  loaded: [],
  sent: [],
  errorBoxes: [],
  exitCode: null,
  switches: [],
  ipc: new Map(),
  protocols: new Map(),
  appEvents: new Map(),
};
globalThis.__electron = seen;

export const app = {
  isPackaged: true,
  getPath: (name) => `/nonexistent/${name}`,
  enableSandbox: () => (seen.sandboxEverywhere = true),
  requestSingleInstanceLock: () => true,
  on: (event, listener) => seen.appEvents.set(event, listener),
  quit: () => (seen.exitCode = 0),
  exit: (code) => (seen.exitCode = code),
  whenReady: () => Promise.resolve(),
  commandLine: { appendSwitch: (name, value) => seen.switches.push([name, value]) },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => seen.privilegedSchemes.push(...schemes),
  handle: (scheme, handler) => seen.protocols.set(scheme, handler),
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => seen.permissionHandlers.push(['request', h]),
    setPermissionCheckHandler: (h) => seen.permissionHandlers.push(['check', h]),
    setDevicePermissionHandler: (h) => seen.permissionHandlers.push(['device', h]),
    webRequest: { onHeadersReceived: () => undefined },
  },
};
export const ipcMain = {
  handle: (channel, handler) => seen.ipc.set(channel, handler),
  removeHandler: (channel) => seen.ipc.delete(channel),
};
export const dialog = {
  showErrorBox: (title, message) => seen.errorBoxes.push({ title, message }),
  showSaveDialog: async () => ({ canceled: true }),
};
export const Menu = { setApplicationMenu: () => undefined };
export const screen = {
  getPrimaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }),
  getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }],
};
export class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = {
      send: (channel, payload) => seen.sent.push({ channel, payload }),
      zoom: [],
      on: () => undefined,
      setZoomFactor: (factor) => this.webContents.zoom.push(factor),
    };
    seen.windows.push(this);
  }
  once() {}
  on() {}
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  async loadURL(url) {
    seen.loaded.push(url);
  }
}
