// The Electron main process. Wiring only: config → clients → windows → handlers → IPC.
// The counter's window, or with `--display <rooms>` the waiting-room display full screen on
// the TV; a second start with `--display` opens the display in the running app.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, screen } from 'electron';
import { DISPLAY_INVOKES, EVENT_CHANNELS } from '../shared/ipc-contract.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { DesktopConfigError, loadDesktopConfig, type DesktopConfig } from './config.js';
import { APP_ORIGIN, contentSecurityPolicy } from './content-security-policy.js';
import { displayRoute, displayTargets, type DisplayTargets } from './display-args.js';
import { closeServiceClients, createServiceClients } from './grpc-clients.js';
import type { ServiceClients } from './handlers/clients.js';
import { createHandlers, type HandlerSet } from './handlers/index.js';
import { registerIpc } from './ipc.js';
import { isTrustedFrame, originOf } from './ipc-sender.js';
import { printSlip } from './print-slip.js';
import { saveDialogFor } from './save-dialog.js';
import { addCspHeader, hardenApp } from './security.js';
import { followTextSizeKeys } from './text-size.js';
import { displayWindowOptions, tvBounds, windowOptions } from './window-options.js';

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

interface OpenWindow {
  readonly window: BrowserWindow;
  readonly handlers: HandlerSet;
  readonly kind: 'counter' | 'display';
}

function start(config: DesktopConfig, firstDisplay: DisplayTargets | null): void {
  const trusted = [devServer ? originOf(devServer) : APP_ORIGIN].filter(
    (origin): origin is string => origin !== null,
  );
  const csp = contentSecurityPolicy({ devServer });
  hardenApp(trusted);
  if (devServer) addCspHeader(csp);
  else serveRenderer(path.join(here, '../renderer'), csp);
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const clients: ServiceClients = createServiceClients(config);
  const windows = new Set<OpenWindow>();
  const preload = path.join(here, '../preload/index.cjs');
  const devTools = !app.isPackaged;

  const open = (kind: OpenWindow['kind'], targets: DisplayTargets | null): OpenWindow => {
    const window = new BrowserWindow(
      kind === 'display'
        ? displayWindowOptions(preload, {
            devTools,
            bounds: tvBounds(screen.getAllDisplays(), screen.getPrimaryDisplay().id),
          })
        : windowOptions(preload, { devTools }),
    );
    const handlers = createHandlers(
      {
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
          startScreen: config.startScreen,
          hospitalName: config.hospitalName,
          printSlipOnIssue: config.printSlipOnIssue,
          slipPrinter: config.slipPrinter,
          tokenPrefixes: config.tokenPrefixes,
          announceLanguages: config.announceLanguages,
        },
        emit: (event, payload) => {
          if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNELS[event], payload);
        },
        chooseExportFile: saveDialogFor(window),
        printSlip: () => printSlip(window.webContents, config.slipPrinter),
        newId: randomUUID,
        logError: (channel, error) => log(`${channel} failed: ${String(error)}`),
      },
      // The display hangs in a public room: it gets numbers and rooms, never patients.
      kind === 'display' ? { only: DISPLAY_INVOKES } : {},
    );
    const entry: OpenWindow = { window, handlers, kind };
    windows.add(entry);
    if (kind === 'counter') followTextSizeKeys(window.webContents, config.textSize);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      windows.delete(entry);
      handlers.dispose();
    });
    const page = devServer ?? `${APP_ORIGIN}/index.html`;
    void window.loadURL(kind === 'display' && targets ? `${page}${displayRoute(targets)}` : page);
    return entry;
  };

  registerIpc((event) => {
    if (!isTrustedFrame(event.senderFrame, trusted)) return null;
    for (const entry of windows) {
      if (event.sender === entry.window.webContents) return entry.handlers;
    }
    return null;
  }, log);

  app.on('second-instance', (_event, argv) => {
    const targets = displayTargets(argv);
    if (targets) {
      open('display', targets);
      return;
    }
    const counter = [...windows].find((w) => w.kind === 'counter' && !w.window.isDestroyed());
    if (!counter) {
      open('counter', null);
      return;
    }
    if (counter.window.isMinimized()) counter.window.restore();
    counter.window.focus();
  });
  app.on('window-all-closed', () => {
    closeServiceClients(clients);
    app.quit();
  });
  log(
    `allocation ${config.allocationAddress}, reporting ${config.reportingAddress ?? 'not configured'}` +
      `${config.tls ? ' over TLS' : ''}${config.roomApiKey ? ', room key set' : ''}; settings from ${config.configFile ?? 'the environment'}`,
  );
  open(firstDisplay ? 'display' : 'counter', firstDisplay);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Read before ready: Chromium takes its locale (date fields day first, e.g. en-IN) only then.
  const config = loadConfig();
  if (config) app.commandLine.appendSwitch('lang', `${config.language}-IN`);
  void app.whenReady().then(() => {
    if (config === null) {
      app.exit(1);
      return;
    }
    start(config, displayTargets(process.argv));
  });
}
