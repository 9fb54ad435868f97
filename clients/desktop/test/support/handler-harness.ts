// The desktop's handlers exactly as the main process builds them, on real gRPC clients, with
// the events they push recorded (instead of sent to a window) and exports saved to a temp dir.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AllocationServiceService, ReportingServiceService, promiseClient } from '@opd/api';
import type { EventMap, EventName } from '../../src/shared/ipc-contract.js';
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
}): HandlerHarness {
  const clients: ServiceClients = {
    allocation: promiseClient(AllocationServiceService, options.allocationAddress, {
      apiKey: options.apiKey,
      defaultTimeoutMs: 10_000,
    }),
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
  const emit: Emit = (event, payload) => {
    events.push({ event, payload });
    waiters.forEach((wake) => wake());
    options.forward?.(event, payload);
  };
  const set = createHandlers({
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
    },
    emit,
    chooseExportFile: async () => harness.nextExportFile,
    newId: randomUUID,
  });
  const harness: HandlerHarness = {
    ...set,
    clients,
    events,
    exportDir,
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
      clients.reporting?.close();
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
  return harness;
}
