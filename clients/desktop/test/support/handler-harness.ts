// The desktop's handlers exactly as the main process builds them, on real gRPC clients, with
// the events they push recorded (instead of sent to a window) and exports saved to a temp dir.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AllocationServiceService, ReportingServiceService, promiseClient } from '@opd/api';
import type {
  EventMap,
  EventName,
  InvokeName,
  PrintOutcome,
  Settings,
} from '../../src/shared/ipc-contract.js';
import { createHandlers, type HandlerSet } from '../../src/main/handlers/index.js';
import type { ServiceClients } from '../../src/main/handlers/clients.js';
import type { Emit } from '../../src/main/handlers/deps.js';
import { TIME_ZONE } from './fixtures.js';

export interface RecordedEvent {
  readonly event: EventName;
  readonly payload: EventMap[EventName];
}

export interface HandlerHarness extends HandlerSet {
  readonly clients: ServiceClients;
  readonly events: RecordedEvent[];
  readonly exportDir: string;
  /** Where the next export is saved; null answers like a cancelled save dialog. */
  nextExportFile: string | null;
  /** Every slip print asked for, in order (Electron would print; the test looks instead). */
  readonly prints: PrintOutcome[];
  waitFor<K extends EventName>(
    event: K,
    test: (payload: EventMap[K]) => boolean,
    timeoutMs?: number,
  ): Promise<EventMap[K]>;
  close(): void;
}

export function handlerHarness(options: {
  allocationAddress: string;
  reportingAddress: string | null;
  apiKey: string;
  reportingApiKey?: string;
  /** The hospital's zone (default the fixtures' zone). */
  timeZone?: string;
  /** The counter's language (default en) and where extra language files are. */
  language?: string;
  languagesDir?: string | null;
  /** Called for every pushed event too (the browser harness forwards them to the page). */
  forward?: Emit;
  /** The room's key (role doctor) for call, recall, skip, complete; default apiKey. */
  roomApiKey?: string | undefined;
  /** The room, slip and display settings (defaults as in the config). */
  room?:
    | Partial<
        Pick<
          Settings,
          | 'startScreen'
          | 'hospitalName'
          | 'printSlipOnIssue'
          | 'slipPrinter'
          | 'tokenPrefixes'
          | 'announceLanguages'
        >
      >
    | undefined;
  /** The only invokes allowed (the waiting-room display's); all when absent. */
  only?: readonly InvokeName[] | undefined;
  /** Called when the page asks for a slip to be printed, before answering. */
  onPrint?: (() => Promise<void>) | undefined;
}): HandlerHarness {
  const allocationWith = (apiKey: string) =>
    promiseClient(AllocationServiceService, options.allocationAddress, {
      apiKey,
      defaultTimeoutMs: 10_000,
    });
  const allocation = allocationWith(options.apiKey);
  const clients: ServiceClients = {
    allocation,
    room: options.roomApiKey ? allocationWith(options.roomApiKey) : allocation,
    reporting: options.reportingAddress
      ? promiseClient(ReportingServiceService, options.reportingAddress, {
          apiKey: options.reportingApiKey ?? options.apiKey,
          defaultTimeoutMs: 10_000,
        })
      : null,
  };
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  const exportDir = mkdtempSync(path.join(tmpdir(), 'opd-desktop-export-'));
  const prints: PrintOutcome[] = [];
  const room = options.room ?? {};
  const emit: Emit = (event, payload) => {
    events.push({ event, payload });
    waiters.forEach((wake) => wake());
    options.forward?.(event, payload);
  };
  const set = createHandlers(
    {
      clients,
      settings: {
        timeZone: options.timeZone ?? TIME_ZONE,
        noShowGraceMinutes: 15,
        language: options.language ?? 'en',
        languagesDir: options.languagesDir ?? null,
        allocationAddress: options.allocationAddress,
        reportingAddress: options.reportingAddress,
        exportTimeoutMs: 60_000,
        watchRefreshMs: 60_000,
        startScreen: room.startScreen ?? 'issue',
        hospitalName: room.hospitalName ?? '',
        printSlipOnIssue: room.printSlipOnIssue ?? false,
        slipPrinter: room.slipPrinter ?? null,
        tokenPrefixes: room.tokenPrefixes ?? {},
        announceLanguages: room.announceLanguages ?? ['en', 'hi'],
      },
      emit,
      chooseExportFile: async () => harness.nextExportFile,
      printSlip: async () => {
        await options.onPrint?.();
        const outcome = { printed: true, printer: room.slipPrinter ?? null };
        prints.push(outcome);
        return outcome;
      },
      newId: randomUUID,
    },
    options.only ? { only: options.only } : {},
  );
  const harness: HandlerHarness = {
    ...set,
    clients,
    events,
    exportDir,
    prints,
    nextExportFile: path.join(exportDir, 'tokens.csv'),
    waitFor(event, test, timeoutMs = 10_000) {
      type P = EventMap[typeof event];
      return new Promise<P>((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.event === event && test(e.payload as P));
          if (!hit) return false;
          cleanup();
          resolve(hit.payload as P);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${event} event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        if (!check()) waiters.add(wake);
      });
    },
    close() {
      set.dispose();
      clients.allocation.close();
      if (clients.room !== clients.allocation) clients.room.close();
      clients.reporting?.close();
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
  return harness;
}
