// One browser suite's world: the real services in a midday zone, an admin harness to set the
// day up, headless Chromium, and counter pages opened by keyboard-ready state.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, openCounter, type Browser, type CounterPage } from './browser.js';
import { handlerHarness, type HandlerHarness } from './handler-harness.js';
import { TIME_ZONE } from './fixtures.js';
import { todayIn } from './midday.js';
import { sharedRendererBuild } from './renderer-build.js';
import { KEYS, startStack, type Stack } from './stack.js';
import { serveStatic, type StaticServer } from './static-server.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

export interface OpenOptions {
  readonly apiKey?: string;
  readonly language?: string;
  readonly languagesDir?: string | null;
  /** Point the counter somewhere else (e.g. where nothing listens: the services are down). */
  readonly allocationAddress?: string;
  readonly roomApiKey?: string;
  readonly room?: Parameters<typeof openCounter>[1]['room'];
  readonly only?: Parameters<typeof openCounter>[1]['only'];
  readonly route?: string;
  readonly ready?: string;
  readonly onPrint?: Parameters<typeof openCounter>[1]['onPrint'];
  readonly beforeLoad?: Parameters<typeof openCounter>[1]['beforeLoad'];
}

export interface CounterSession {
  readonly stack: Stack;
  readonly admin: HandlerHarness;
  readonly zone: string;
  /** Today in the hospital's zone. */
  readonly today: string;
  open(options?: OpenOptions): Promise<CounterPage>;
  close(): Promise<void>;
}

export async function startCounterSession(
  options: { reporting?: boolean } = {},
): Promise<CounterSession> {
  const zone = TIME_ZONE;
  const [stack, build] = await Promise.all([
    startStack({ reporting: options.reporting ?? false, timeZone: zone }),
    sharedRendererBuild(),
  ]);
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  const pages: CounterPage[] = [];
  const admin = handlerHarness({
    allocationAddress: stack.allocationAddress,
    reportingAddress: null,
    apiKey: KEYS.admin,
    timeZone: zone,
  });
  [server, browser] = await Promise.all([
    serveStatic(build.appDir),
    launchBrowser({ timeZone: zone }),
  ]);
  const ready = { server, browser };
  return {
    stack,
    admin,
    zone,
    today: todayIn(zone),
    async open(open = {}) {
      const page = await openCounter(ready.browser, {
        url: ready.server.url,
        bridgeFile: build.bridgeFile,
        allocationAddress: open.allocationAddress ?? stack.allocationAddress,
        reportingAddress: stack.reportingAddress,
        apiKey: open.apiKey ?? KEYS.counter,
        reportingApiKey: KEYS.reporting,
        timeZone: zone,
        language: open.language ?? 'en',
        languagesDir: open.languagesDir ?? null,
        ...(open.roomApiKey ? { roomApiKey: open.roomApiKey } : {}),
        ...(open.room ? { room: open.room } : {}),
        ...(open.only ? { only: open.only } : {}),
        ...(open.route ? { route: open.route } : {}),
        ...(open.ready ? { ready: open.ready } : {}),
        ...(open.onPrint ? { onPrint: open.onPrint } : {}),
        ...(open.beforeLoad ? { beforeLoad: open.beforeLoad } : {}),
      });
      pages.push(page);
      return page;
    },
    async close() {
      await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
      admin.close();
      await ready.browser.close();
      await ready.server.close();
      await stack.stop();
      build.release();
    },
  };
}

/** A full-page screenshot under test-output/screenshots/<language>/<name>.png. */
export async function screenshot(page: Page, language: string, name: string): Promise<void> {
  const dir = path.join(SCREENSHOTS, language);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** One element's screenshot (e.g. the slip as printed) under test-output/screenshots/<language>/. */
export async function elementScreenshot(
  locator: Locator,
  language: string,
  name: string,
): Promise<void> {
  const dir = path.join(SCREENSHOTS, language);
  mkdirSync(dir, { recursive: true });
  await locator.screenshot({ path: path.join(dir, `${name}.png`) });
}
