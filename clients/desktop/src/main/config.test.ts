import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DesktopConfigError, loadDesktopConfig } from './config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'opd-desktop-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const at = path.join(dir, name);
  writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
  return at;
};
const load = (env: Record<string, string>, defaultConfigFile: string | null = null) =>
  loadDesktopConfig({ env, defaultConfigFile });
const problems = (env: Record<string, string>, defaultConfigFile: string | null = null) => {
  try {
    load(env, defaultConfigFile);
  } catch (error) {
    if (error instanceof DesktopConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("the desktop's configuration", () => {
  it('needs only an API key for a local stack', () => {
    expect(load({ OPD_API_KEY: 'dev-counter-key' })).toEqual({
      allocationAddress: '127.0.0.1:50051',
      reportingAddress: '127.0.0.1:50052',
      apiKey: 'dev-counter-key',
      reportingApiKey: 'dev-counter-key',
      tls: null,
      timeZone: 'Asia/Kolkata',
      noShowGraceMinutes: 15,
      callTimeoutMs: 10_000,
      exportTimeoutMs: 600_000,
      language: 'en',
      languagesDir: null,
      textSize: 100,
      roomApiKey: null,
      startScreen: 'issue',
      hospitalName: '',
      printSlipOnIssue: false,
      slipPrinter: null,
      tokenPrefixes: {},
      announceLanguages: ['en', 'hi'],
      configFile: null,
    });
  });

  it("takes the room's key, the slip's printer and the display's languages from the file", () => {
    const config = file('room.json', {
      apiKey: 'counter-key',
      roomApiKey: 'doctor-key',
      startScreen: 'room',
      hospitalName: 'District Hospital, Mysuru',
      printSlipOnIssue: true,
      slipPrinter: 'TVS RP3160 Gold',
      tokenPrefixes: { ENT: 'ENT', Cardiology: 'CAR' },
      announceLanguages: ['hi', 'en'],
    });
    expect(load({ OPD_DESKTOP_CONFIG: config })).toMatchObject({
      apiKey: 'counter-key',
      roomApiKey: 'doctor-key',
      startScreen: 'room',
      hospitalName: 'District Hospital, Mysuru',
      printSlipOnIssue: true,
      slipPrinter: 'TVS RP3160 Gold',
      tokenPrefixes: { ENT: 'ENT', Cardiology: 'CAR' },
      announceLanguages: ['hi', 'en'],
    });
  });

  it('reads the print setting and the prefixes from the environment too', () => {
    expect(
      load({
        OPD_API_KEY: 'k',
        OPD_PRINT_SLIP_ON_ISSUE: 'true',
        OPD_SLIP_PRINTER: 'Counter 2 thermal',
        OPD_TOKEN_PREFIXES: 'ENT=ENT, General Medicine=GM',
        OPD_ANNOUNCE_LANGUAGES: 'en, hi, kn',
      }),
    ).toMatchObject({
      printSlipOnIssue: true,
      slipPrinter: 'Counter 2 thermal',
      tokenPrefixes: { ENT: 'ENT', 'General Medicine': 'GM' },
      announceLanguages: ['en', 'hi', 'kn'],
    });
    expect(load({ OPD_API_KEY: 'k', OPD_PRINT_SLIP_ON_ISSUE: 'false' }).printSlipOnIssue).toBe(
      false,
    );
  });

  it('refuses a print setting, prefix, language list or screen it cannot use, naming it', () => {
    expect(
      problems({
        OPD_API_KEY: 'k',
        OPD_PRINT_SLIP_ON_ISSUE: 'yes',
        OPD_TOKEN_PREFIXES: 'ENT=E-N-T',
        OPD_ANNOUNCE_LANGUAGES: 'english',
        OPD_START_SCREEN: 'tv',
      }),
    ).toEqual([
      'OPD_START_SCREEN: expected one of issue, board, room',
      'OPD_PRINT_SLIP_ON_ISSUE: expected true or false',
      'OPD_TOKEN_PREFIXES: "ENT" needs a prefix of 1 to 6 letters or digits, e.g. ENT=ENT',
      'OPD_ANNOUNCE_LANGUAGES: expected language codes separated by commas, e.g. en,hi',
    ]);
  });

  it("takes the counter's language, text size and the hospital's language folder", () => {
    const languages = path.join(dir, 'languages');
    mkdirSync(languages, { recursive: true });
    writeFileSync(path.join(languages, 'ta.json'), '{}');
    const config = file('counter-ta.json', { language: 'ta', textSize: 125 });
    expect(load({ OPD_API_KEY: 'k', OPD_DESKTOP_CONFIG: config })).toMatchObject({
      language: 'ta',
      languagesDir: languages,
      textSize: 125,
    });
    expect(load({ OPD_API_KEY: 'k', OPD_LANGUAGE: 'hi' }).language).toBe('hi');
  });

  it('refuses a language with no file, naming where it looked', () => {
    expect(problems({ OPD_API_KEY: 'k', OPD_LANGUAGE: 'ml', OPD_LANGUAGES_DIR: dir })).toEqual([
      `OPD_LANGUAGE: no language file ml.json in ${dir} (bundled: en, hi)`,
    ]);
    expect(problems({ OPD_API_KEY: 'k', OPD_TEXT_SIZE: '20' })).toEqual([
      'OPD_TEXT_SIZE: expected a whole number from 50 to 300',
    ]);
  });

  it('says which variable to set when the API key is missing', () => {
    expect(problems({})).toEqual([
      'OPD_API_KEY (or apiKey in the config file): required — the API key IT issued for this counter',
    ]);
  });

  it('reads a JSON file, and the environment wins over it', () => {
    const config = file('desk.json', {
      allocationAddress: 'opd.hospital.local:443',
      reportingAddress: 'reports.hospital.local:443',
      apiKey: 'from-file',
      reportingApiKey: 'reports-key',
      timeZone: 'Asia/Dubai',
    });
    expect(load({ OPD_DESKTOP_CONFIG: config, OPD_API_KEY: 'from-env' })).toMatchObject({
      allocationAddress: 'opd.hospital.local:443',
      reportingAddress: 'reports.hospital.local:443',
      apiKey: 'from-env',
      reportingApiKey: 'reports-key',
      timeZone: 'Asia/Dubai',
      configFile: config,
    });
  });

  it('finds the config file in the default place when none is named', () => {
    const config = file('config.json', { apiKey: 'k' });
    expect(load({}, config).configFile).toBe(config);
  });

  it('takes several instances of a service, or a DNS name for them', () => {
    const config = load({
      OPD_API_KEY: 'k',
      OPD_ALLOCATION_ADDRESS: '10.0.0.5:50051, 10.0.0.6:50051',
      OPD_REPORTING_ADDRESS: 'dns:reports.hospital.local:50052',
    });
    expect(config.allocationAddress).toBe('10.0.0.5:50051, 10.0.0.6:50051');
    expect(config.reportingAddress).toBe('dns:reports.hospital.local:50052');
    expect(problems({ OPD_API_KEY: 'k', OPD_ALLOCATION_ADDRESS: 'a:1,b:2' })).toEqual([
      expect.stringContaining('a list takes IP addresses'),
    ]);
  });

  it('turns reports off when the reporting address is "off"', () => {
    expect(load({ OPD_API_KEY: 'k', OPD_REPORTING_ADDRESS: 'off' }).reportingAddress).toBeNull();
  });

  it('lists every problem at once, each naming where to fix it', () => {
    const config = file('bad.json', {
      apiKey: 'k',
      allocationAdress: 'typo:1',
      tls: { caFile: 'nope.pem' },
    });
    expect(
      problems({
        OPD_DESKTOP_CONFIG: config,
        OPD_REPORTING_ADDRESS: 'no port',
        OPD_NO_SHOW_GRACE_MINUTES: 'ten',
        OPD_TIME_ZONE: 'Mars/Olympus',
      }),
    ).toEqual([
      `${config}: unknown key "allocationAdress"`,
      'OPD_REPORTING_ADDRESS: expected host:port, e.g. 127.0.0.1:50051; several instances as 10.0.0.5:50051,10.0.0.6:50051 or dns:opd.hospital.local:50051 ("no port" is not host:port)',
      `tls.caFile in ${config}: no file at ${path.join(dir, 'nope.pem')}`,
      'OPD_TIME_ZONE: expected an IANA time zone such as Asia/Kolkata',
      'OPD_NO_SHOW_GRACE_MINUTES: expected a whole number from 0 to 240',
    ]);
  });

  it('resolves TLS files next to the config file and needs both halves of a client certificate', () => {
    file('ca.pem', 'ca');
    file('client.pem', 'cert');
    const config = file('tls.json', {
      apiKey: 'k',
      tls: { caFile: 'ca.pem', certFile: 'client.pem' },
    });
    expect(problems({ OPD_DESKTOP_CONFIG: config })).toEqual([
      'OPD_CLIENT_TLS_CERT_FILE and OPD_CLIENT_TLS_KEY_FILE: a client certificate needs both',
    ]);
    file('client.key', 'key');
    const ok = load({
      OPD_DESKTOP_CONFIG: config,
      OPD_CLIENT_TLS_KEY_FILE: path.join(dir, 'client.key'),
    });
    expect(ok.tls).toEqual({
      caFile: path.join(dir, 'ca.pem'),
      certFile: path.join(dir, 'client.pem'),
      keyFile: path.join(dir, 'client.key'),
    });
  });

  it('refuses a config file that is not JSON, saying so', () => {
    const config = file('broken.json', '{ apiKey: ');
    expect(problems({ OPD_DESKTOP_CONFIG: config, OPD_API_KEY: 'k' })[0]).toMatch(
      /broken\.json: cannot be read as JSON/,
    );
  });
});
