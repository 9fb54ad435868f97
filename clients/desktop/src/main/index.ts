// The Electron main process. Wiring only: config → clients → window → handlers → IPC.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { EVENT_CHANNELS } from '../shared/ipc-contract.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { DesktopConfigError, loadDesktopConfig, type DesktopConfig } from './config.js';
import { APP_ORIGIN, contentSecurityPolicy } from './content-security-policy.js';
import { closeServiceClients, createServiceClients } from './grpc-clients.js';
import { createHandlers } from './handlers/index.js';
import { registerIpc } from './ipc.js';
import { isTrustedFrame, originOf } from './ipc-sender.js';
import { saveDialogFor } from './save-dialog.js';
import { addCspHeader, hardenApp } from './security.js';
import { followTextSizeKeys } from './text-size.js';
import { windowOptions } from './window-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServer = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const log = (line: string) => console.log(`[opd-desktop] ${line}`);

registerAppScheme();
app.enableSandbox();

function loadConfig(): DesktopConfig | null {
  try {
    return loadDesktopConfig({
      env: process.env,
      defaultConfigFile: path.join(app.getPath('userData'), 'config.json'),
    });
  } catch (error) {
    const message = error instanceof DesktopConfigError ? error.message : String(error);
    console.error(message);
    dialog.showErrorBox('The OPD counter cannot start', message);
    return null;
  }
}

async function start(config: DesktopConfig): Promise<void> {
  const trusted = [devServer ? originOf(devServer) : APP_ORIGIN].filter(
    (origin): origin is string => origin !== null,
  );
  const csp = contentSecurityPolicy({ devServer });
  hardenApp(trusted);
  if (devServer) addCspHeader(csp);
  else serveRenderer(path.join(here, '../renderer'), csp);
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const clients = createServiceClients(config);
  const window = new BrowserWindow(
    windowOptions(path.join(here, '../preload/index.cjs'), { devTools: !app.isPackaged }),
  );
  const handlers = createHandlers({
    clients,
    settings: {
      timeZone: config.timeZone,
      noShowGraceMinutes: config.noShowGraceMinutes,
      allocationAddress: config.allocationAddress,
      reportingAddress: config.reportingAddress,
      language: config.language,
      languagesDir: config.languagesDir,
      exportTimeoutMs: config.exportTimeoutMs,
      watchRefreshMs: 30 * 60_000,
    },
    emit: (event, payload) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNELS[event], payload);
    },
    chooseExportFile: saveDialogFor(window),
    newId: randomUUID,
    logError: (channel, error) => log(`${channel} failed: ${String(error)}`),
  });
  const unregister = registerIpc(
    handlers,
    (event) => event.sender === window.webContents && isTrustedFrame(event.senderFrame, trusted),
    log,
  );
  followTextSizeKeys(window.webContents, config.textSize);
  window.once('ready-to-show', () => window.show());
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  window.on('closed', () => {
    unregister();
    handlers.dispose();
    closeServiceClients(clients);
  });
  log(
    `allocation ${config.allocationAddress}, reporting ${config.reportingAddress ?? 'not configured'}` +
      `${config.tls ? ' over TLS' : ''}; settings from ${config.configFile ?? 'the environment'}`,
  );
  await window.loadURL(devServer ?? `${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => app.quit());
  // Read before ready: Chromium takes its locale (date fields day first, e.g. en-IN) only then.
  const config = loadConfig();
  if (config) app.commandLine.appendSwitch('lang', `${config.language}-IN`);
  void app.whenReady().then(() => {
    if (config === null) {
      app.exit(1);
      return;
    }
    return start(config);
  });
}
