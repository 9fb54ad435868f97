// What every handler may use. Electron's main process and the browser test harness each build
// one of these; handlers see nothing else (no Electron, no window, no globals).
import type {
  EventMap,
  EventName,
  InvokeName,
  PrintOutcome,
  RequestOf,
  ResponseOf,
  Settings,
} from '../../shared/ipc-contract.js';
import type { ServiceClients } from './clients.js';

export interface HandlerSettings {
  readonly timeZone: string;
  readonly noShowGraceMinutes: number;
  readonly allocationAddress: string;
  readonly reportingAddress: string | null;
  /** The counter's language, and the folder of the hospital's own language files (or null). */
  readonly language: string;
  readonly languagesDir: string | null;
  /** Deadline of a whole CSV export stream. */
  readonly exportTimeoutMs: number;
  /** Deadline of one WatchDoctorDay stream; it is reopened when the deadline passes. */
  readonly watchRefreshMs: number;
  readonly startScreen: Settings['startScreen'];
  readonly hospitalName: string;
  readonly printSlipOnIssue: boolean;
  readonly slipPrinter: string | null;
  readonly tokenPrefixes: Readonly<Record<string, string>>;
  readonly announceLanguages: readonly string[];
}

/** Pushes an event to the renderer (webContents.send in Electron, page.evaluate in tests). */
export type Emit = <K extends EventName>(event: K, payload: EventMap[K]) => void;

export interface HandlerDeps {
  readonly clients: ServiceClients;
  readonly settings: HandlerSettings;
  readonly emit: Emit;
  /** Asks staff where to save an export (a save dialog in Electron); null when they cancel. */
  readonly chooseExportFile: (suggestedName: string) => Promise<string | null>;
  /**
   * Prints what the window shows under its print stylesheet (the slip): silently to the
   * configured printer in Electron, recorded by the browser tests.
   */
  readonly printSlip: () => Promise<PrintOutcome>;
  /** Ids for subscriptions and exports. */
  readonly newId: () => string;
  /** Where failures go for IT (the main process's log); never to the renderer. */
  readonly logError?: (channel: string, error: unknown) => void;
}

/** One async function per invoke channel, taking an already validated request. */
export type Handlers = {
  readonly [K in InvokeName]: (request: RequestOf<K>) => Promise<ResponseOf<K>>;
};
