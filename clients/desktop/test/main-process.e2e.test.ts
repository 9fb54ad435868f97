// The BUILT main process and preload (electron-vite build), loaded against a stand-in for
// Electron's API because the Electron binary cannot be downloaded here, and against a real
// allocation service. Checks the wiring nothing else can: config at start, the app://
// protocol with its CSP, IPC registration and sender checks, and what the bundles need.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INVOKE_CHANNELS } from '../src/shared/ipc-contract.js';
import { KEYS, startStack, type Stack } from './support/stack.js';

const DESKTOP = path.resolve(import.meta.dirname, '..');
const STAND_IN = path.join(import.meta.dirname, 'support/electron-stand-in');
const out = mkdtempSync(path.join(tmpdir(), 'opd-desktop-build-'));
let stack: Stack;

function run(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd: DESKTOP, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the built main process with this environment and returns what the probe saw. */
async function probe(env: Record<string, string>): Promise<Record<string, unknown>> {
  const result = await run(
    process.execPath,
    [
      '--import',
      path.join(STAND_IN, 'register.js'),
      path.join(STAND_IN, 'probe.js'),
      path.join(out, 'main/index.js'),
    ],
    { OPD_DESKTOP_CONFIG: '', ...env },
  );
  const last = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Record<string, unknown>;
  } catch {
    throw new Error(`the probe printed no report:\n${result.stdout}\n${result.stderr}`);
  }
}

beforeAll(async () => {
  const electronVite = path.join(DESKTOP, 'node_modules/electron-vite/bin/electron-vite.js');
  const [build, started] = await Promise.all([
    run(process.execPath, [electronVite, 'build', '--logLevel', 'warn'], {
      OPD_DESKTOP_OUT_DIR: out,
    }),
    startStack({ reporting: false }),
  ]);
  stack = started;
  if (build.code !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(out, { recursive: true, force: true });
});

describe('the built main process', () => {
  let report: Record<string, unknown>;
  beforeAll(async () => {
    report = await probe({
      OPD_API_KEY: KEYS.counter,
      OPD_ALLOCATION_ADDRESS: stack.allocationAddress,
      OPD_REPORTING_ADDRESS: 'off',
      OPD_LANGUAGE: 'hi',
      OPD_TEXT_SIZE: '125',
    });
  });

  it('sandboxes every renderer and serves the app from app:// with the strict CSP', () => {
    expect(report['sandboxEverywhere']).toBe(true);
    expect(report['privilegedSchemes']).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(report['loaded']).toEqual(['app://opd/index.html']);
    expect(report['page']).toEqual({
      status: 200,
      csp: expect.stringMatching(/^default-src 'none'; script-src 'self'; style-src 'self';/),
      type: 'text/html; charset=utf-8',
    });
    expect(report['escape']).toBe(404);
  });

  it('opens the window isolated and sandboxed, with the bundled CommonJS preload', () => {
    expect(report['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(report['preload']).toBe(path.join(out, 'preload/index.cjs'));
  });

  it("opens at the counter's text size, with Chromium in its language", () => {
    expect(report['zoom']).toEqual([1.25]);
    expect(report['switches']).toEqual([['lang', 'hi-IN']]);
  });

  it('refuses every permission a page asks for', () => {
    expect(report['permissionHandlers']).toEqual([
      ['request', false],
      ['check', false],
      ['device', false],
    ]);
  });

  it('registers exactly the channels of the contract', () => {
    expect(report['channels']).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('answers its own page from the real service, and drops strangers and sub-frames', () => {
    expect(report['doctors']).toEqual({ ok: true, value: [] });
    expect(report['settings']).toMatchObject({
      ok: true,
      value: { allocationAddress: stack.allocationAddress, reportingAddress: null },
    });
    const refused = { ok: false, error: { code: 'PERMISSION_DENIED', reason: 'UNTRUSTED_SENDER' } };
    expect(report['stranger']).toMatchObject(refused);
    expect(report['subFrame']).toMatchObject(refused);
    expect(report['otherWindow']).toMatchObject(refused);
    expect(report['badPayload']).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('tells the renderer when the allocation service is connected', () => {
    expect(report['connection']).toContainEqual({
      allocation: 'connected',
      reporting: 'not-configured',
    });
  });
});

describe('the built bundles', () => {
  it('has a preload that is one CommonJS file needing nothing but electron', () => {
    const preload = readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(preload).not.toMatch(/^import /m);
    expect(preload).not.toContain('ipcRenderer.send(');
  });

  it('has a main process that needs no node_modules: only electron and Node built-ins', () => {
    const main = readFileSync(path.join(out, 'main/index.js'), 'utf8');
    const imported = [...main.matchAll(/^import .* from "([^"]+)"/gm)].map((m) => m[1] ?? '');
    expect(imported.filter((m) => m !== 'electron' && !m.startsWith('node:'))).toEqual([]);
  });
});

describe('a bad configuration', () => {
  it('stops the app with a message naming what to fix', async () => {
    const report = await probe({ OPD_API_KEY: '', OPD_ALLOCATION_ADDRESS: 'no-port' });
    expect(report['exitCode']).toBe(1);
    expect(report['errorBoxes']).toEqual([
      {
        title: 'The OPD counter cannot start',
        message: [
          "the desktop's configuration has problems:",
          '  - OPD_ALLOCATION_ADDRESS: expected host:port, e.g. 127.0.0.1:50051; several instances as 10.0.0.5:50051,10.0.0.6:50051 or dns:opd.hospital.local:50051 ("no-port" is not host:port)',
          '  - OPD_API_KEY (or apiKey in the config file): required — the API key IT issued for this counter',
        ].join('\n'),
      },
    ]);
  });
});
