// Headless Chromium (Debian's) with the counter app loaded and `window.opd` wired to the
// desktop's real handler modules: invokes go through page.exposeFunction into the same
// dispatch ipcMain.handle calls, and pushed events come back through page.evaluate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type EventMap,
  type EventName,
  type InvokeName,
} from '../../src/shared/ipc-contract.js';
import { TIME_ZONE } from './fixtures.js';
import { handlerHarness, type HandlerHarness } from './handler-harness.js';

type HarnessOptions = Parameters<typeof handlerHarness>[0];

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The waiting-room display chimes with nobody clicking, as its Electron window is set up to.
  '--autoplay-policy=no-user-gesture-required',
];

const BY_CHANNEL = new Map(
  (Object.keys(INVOKE_CHANNELS) as InvokeName[]).map((name) => [INVOKE_CHANNELS[name], name]),
);

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium in the hospital's zone (default the fixtures' zone). */
export async function launchBrowser(options: { timeZone?: string } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'opd-desktop-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    timezoneId: options.timeZone ?? TIME_ZONE,
    locale: 'en-IN',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface CounterPage {
  readonly page: Page;
  readonly harness: HandlerHarness;
  /** Console errors and page errors (a CSP violation shows up here). */
  readonly problems: string[];
  close(): Promise<void>;
}

export async function openCounter(
  browser: Browser,
  options: {
    url: string;
    bridgeFile: string;
    allocationAddress: string;
    reportingAddress: string | null;
    apiKey: string;
    reportingApiKey?: string;
    timeZone?: string;
    language?: string;
    languagesDir?: string | null;
    roomApiKey?: string;
    room?: HarnessOptions['room'];
    only?: HarnessOptions['only'];
    /** The renderer's route, e.g. '#/display?departments=ENT'; the counter by default. */
    route?: string;
    /** What marks the page ready (default: the counter's screen tabs). */
    ready?: string;
    /** Runs when the page asks for a slip to be printed, with the page (e.g. a screenshot). */
    onPrint?: (page: Page) => Promise<void>;
    /** Runs before the app loads (e.g. page.addInitScript to listen to what it says). */
    beforeLoad?: (page: Page) => Promise<void>;
  },
): Promise<CounterPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const forward = <K extends EventName>(event: K, payload: EventMap[K]) => {
    if (page.isClosed()) return;
    page
      .evaluate(
        ([channel, data]) =>
          (globalThis as unknown as { __opdEmit?: (c: string, p: unknown) => void }).__opdEmit?.(
            channel,
            data,
          ),
        [EVENT_CHANNELS[event], payload] as const,
      )
      .catch(() => undefined);
  };
  const { onPrint, beforeLoad, ...rest } = options;
  const harness = handlerHarness({
    ...rest,
    forward,
    ...(onPrint ? { onPrint: () => onPrint(page) } : {}),
  });
  await page.exposeFunction('__opdInvoke', (channel: string, payload: unknown) => {
    const name = BY_CHANNEL.get(channel);
    if (name === undefined)
      return {
        ok: false,
        error: {
          code: 'NOT_FOUND',
          reason: null,
          message: 'no such channel',
          metadata: {},
          service: null,
          fieldViolations: [],
        },
      };
    return harness.dispatch(name, payload);
  });
  await page.addInitScript({ path: options.bridgeFile });
  await beforeLoad?.(page);
  await page.goto(`${options.url}${options.route ?? ''}`);
  // Ready once the settings have come through window.opd and the screen is drawn.
  await page.locator(options.ready ?? 'header nav').waitFor();
  return {
    page,
    harness,
    problems,
    async close() {
      harness.close();
      await page.close();
    },
  };
}

/** Waits until the element matching `selector` has the keyboard focus. */
export async function waitForFocus(page: Page, selector: string): Promise<void> {
  // Runs in the page; typed by hand because this file is checked for Node, not the DOM.
  type PageDocument = { activeElement: { matches(selector: string): boolean } | null };
  await page.waitForFunction(
    (wanted) =>
      (globalThis as unknown as { document: PageDocument }).document.activeElement?.matches(
        wanted,
      ) ?? false,
    selector,
  );
}

/** How many lines the element's text takes on screen (one client rect per line box). */
export async function lineCount(locator: Locator): Promise<number> {
  // Runs in the page; typed by hand because this file is checked for Node, not the DOM.
  type PageRange = {
    selectNodeContents(node: unknown): void;
    getClientRects(): { length: number };
  };
  type PageDocument = { createRange(): PageRange };
  return locator.evaluate((element) => {
    const range = (globalThis as unknown as { document: PageDocument }).document.createRange();
    range.selectNodeContents(element);
    return range.getClientRects().length;
  });
}
