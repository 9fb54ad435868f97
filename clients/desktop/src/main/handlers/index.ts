// Every invoke handler, and the one entry both transports call: check the payload, run the
// handler, turn any failure into an IpcError. ipcMain.handle (Electron) and page.exposeFunction
// (browser tests) both end here.
import { violationError } from '../../shared/error-text.js';
import type {
  InvokeName,
  IpcError,
  IpcResult,
  RequestOf,
  ResponseOf,
} from '../../shared/ipc-contract.js';
import { REQUEST_CHECKS } from '../../shared/request-checks.js';
import { run } from '../../shared/validation.js';
import { boardHandlers } from './board.js';
import { BoardWatches } from './board-watches.js';
import { ConnectionMonitor } from './connection-monitor.js';
import type { HandlerDeps, Handlers } from './deps.js';
import { doctorHandlers } from './doctors.js';
import { DesktopError, toIpcError, type ServiceName } from './ipc-error.js';
import { readLanguagePack } from './language-pack.js';
import { reportHandlers } from './reports.js';
import { roomHandlers } from './room.js';
import { overrideHandlers } from './schedule-overrides.js';
import { TokenExports } from './token-export.js';
import { tokenHandlers } from './tokens.js';

const REPORTING: ReadonlySet<InvokeName> = new Set([
  'listTokenRecords',
  'listDailySummaries',
  'startExport',
  'cancelExport',
]);

const serviceOf = (name: InvokeName): ServiceName =>
  REPORTING.has(name) ? 'reporting' : 'allocation';

export interface HandlerSet {
  readonly handlers: Handlers;
  /** Validates `payload` (it came from an untrusted renderer), runs the handler, never throws. */
  dispatch<K extends InvokeName>(name: K, payload: unknown): Promise<IpcResult<ResponseOf<K>>>;
  /** Stops live boards, exports and the connection monitor. */
  dispose(): void;
}

/** Refused to a window that may not make the call (the waiting-room display, in public view). */
const notHere = (name: InvokeName): IpcError => ({
  code: 'PERMISSION_DENIED',
  reason: 'NOT_FOR_THIS_WINDOW',
  message: `This window may not use ${name}.`,
  metadata: {},
  service: null,
  fieldViolations: [],
});

export interface HandlerOptions {
  /** The only invokes this window may make (e.g. DISPLAY_INVOKES); all when absent. */
  readonly only?: readonly InvokeName[];
}

export function createHandlers(deps: HandlerDeps, options: HandlerOptions = {}): HandlerSet {
  const allowed = options.only ? new Set(options.only) : null;
  const watches = new BoardWatches(deps);
  const exports = new TokenExports(deps);
  const connection = new ConnectionMonitor(deps.clients, deps.emit);
  connection.start();
  const { settings } = deps;

  const handlers: Handlers = {
    getSettings: async () => ({
      timeZone: settings.timeZone,
      noShowGraceMinutes: settings.noShowGraceMinutes,
      allocationAddress: settings.allocationAddress,
      reportingAddress: settings.reportingAddress,
      language: settings.language,
      startScreen: settings.startScreen,
      hospitalName: settings.hospitalName,
      printSlipOnIssue: settings.printSlipOnIssue,
      slipPrinter: settings.slipPrinter,
      tokenPrefixes: settings.tokenPrefixes,
      announceLanguages: settings.announceLanguages,
    }),
    getConnection: async () => connection.current(),
    getLanguagePack: async () => {
      try {
        return await readLanguagePack(settings.languagesDir, settings.language);
      } catch (error) {
        // The counter still works in English; IT reads which file and key to fix.
        throw new DesktopError(
          'FAILED_PRECONDITION',
          `The language file cannot be used: ${(error as Error).message}`,
          'LANGUAGE_FILE_INVALID',
        );
      }
    },
    ...doctorHandlers(deps),
    ...overrideHandlers(deps),
    ...tokenHandlers(deps),
    ...roomHandlers(deps),
    printSlip: () => deps.printSlip(),
    ...boardHandlers(deps),
    watchBoard: async (request) => watches.watch(request, 'board'),
    watchRoom: async (request) => watches.watch(request, 'room'),
    unwatchBoard: async (request) => {
      watches.unwatch(request.watchId);
      return null;
    },
    ...reportHandlers(deps),
    startExport: (request) => exports.start(request),
    cancelExport: async (request) => {
      exports.cancel(request.exportId);
      return null;
    },
  };

  return {
    handlers,
    async dispatch<K extends InvokeName>(
      name: K,
      payload: unknown,
    ): Promise<IpcResult<ResponseOf<K>>> {
      if (allowed !== null && !allowed.has(name)) return { ok: false, error: notHere(name) };
      const checked = run(REQUEST_CHECKS[name], payload ?? null);
      if (!checked.ok) return { ok: false, error: violationError(checked.violations) };
      const handler = handlers[name] as (request: RequestOf<K>) => Promise<ResponseOf<K>>;
      try {
        return { ok: true, value: await handler(checked.value) };
      } catch (error) {
        deps.logError?.(name, error);
        const context = { service: serviceOf(name) };
        return { ok: false, error: toIpcError(error, context) };
      }
    },
    dispose() {
      watches.closeAll();
      exports.cancelAll();
      connection.stop();
    },
  };
}
