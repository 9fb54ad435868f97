// Loads the built main process against the Electron stand-in, then plays the renderer's part:
// IPC calls from our page and from a stranger, and app:// requests. Prints what happened as
// one JSON line. Usage: node --import ./register.js probe.js <dist/main/index.js>
const [mainFile] = process.argv.slice(2);
await import(mainFile);
const seen = globalThis.__electron;
// Let start-up finish (config, window, handlers, first connection state).
await new Promise((resolve) => setTimeout(resolve, 400));

const report = {
  privilegedSchemes: seen.privilegedSchemes,
  sandboxEverywhere: seen.sandboxEverywhere,
  permissionHandlers: seen.permissionHandlers.map(([kind, handler]) => {
    let granted = null;
    if (kind === 'request') handler(null, 'media', (answer) => (granted = answer));
    else granted = handler(null, 'media');
    return [kind, granted];
  }),
  errorBoxes: seen.errorBoxes,
  exitCode: seen.exitCode,
  channels: [...seen.ipc.keys()].sort(),
  loaded: seen.loaded,
  switches: seen.switches,
};
const window = seen.windows[0];
if (window) {
  report.webPreferences = { ...window.options.webPreferences, preload: undefined };
  report.preload = window.options.webPreferences.preload;
  report.zoom = window.webContents.zoom;
  const from = (url, parent = null) => ({
    sender: window.webContents,
    senderFrame: { url, parent },
  });
  const invoke = (channel, event, payload) => seen.ipc.get(channel)(event, payload);
  report.settings = await invoke('opd:settings:get', from('app://opd/index.html'), null);
  report.doctors = await invoke('opd:doctors:list', from('app://opd/index.html'), {
    includeInactive: false,
  });
  report.stranger = await invoke('opd:settings:get', from('https://evil.example/'), null);
  report.subFrame = await invoke('opd:settings:get', from('app://opd/index.html', {}), null);
  report.otherWindow = await seen.ipc.get('opd:settings:get')(
    { sender: {}, senderFrame: { url: 'app://opd/index.html', parent: null } },
    null,
  );
  report.badPayload = await invoke('opd:patients:find', from('app://opd/index.html'), { phone: 7 });
  const serve = seen.protocols.get('app');
  const page = await serve(new Request('app://opd/index.html'));
  report.page = {
    status: page.status,
    csp: page.headers.get('content-security-policy'),
    type: page.headers.get('content-type'),
  };
  report.escape = (await serve(new Request('app://opd/..%2f..%2fpackage.json'))).status;
  report.connection = seen.sent
    .filter((s) => s.channel === 'opd:connection:changed')
    .map((s) => s.payload);
}
console.log(JSON.stringify(report));
process.exit(0);
