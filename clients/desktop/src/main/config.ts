// The desktop's settings: defaults, then a JSON file, then environment variables, checked at
// start-up. A bad setting stops the app with a message naming the variable or key to fix.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseServiceAddress } from '@opd/api';
import { LANGUAGE_CODE, languageFile } from './handlers/language-pack.js';
import { readRoomConfig, ROOM_NAMES, type RoomConfig } from './room-config.js';

/** Languages the renderer carries itself; others come from files in languagesDir. */
const BUNDLED_LANGUAGES: readonly string[] = ['en', 'hi'];

export interface TlsFiles {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

export interface DesktopConfig extends RoomConfig {
  /** One instance (host:port), several (IP:port,IP:port) or a DNS name (dns:host:port). */
  readonly allocationAddress: string;
  /** Null: no reporting service; the reports screen says so. */
  readonly reportingAddress: string | null;
  readonly apiKey: string;
  /** The key for the reporting service (role reporting or admin); defaults to apiKey. */
  readonly reportingApiKey: string;
  /** Null: plaintext (a local stack); else TLS, with a client certificate for mutual TLS. */
  readonly tls: TlsFiles | null;
  readonly timeZone: string;
  readonly noShowGraceMinutes: number;
  readonly callTimeoutMs: number;
  readonly exportTimeoutMs: number;
  /** The counter's language: 'en', 'hi', or one a file in languagesDir adds (e.g. 'ta'). */
  readonly language: string;
  /** The hospital's language files (`<code>.json`); null when there is no such folder. */
  readonly languagesDir: string | null;
  /** Text size in per cent of normal (the window's zoom); Ctrl+= / Ctrl+- change it. */
  readonly textSize: number;
  /** Where the settings came from, for the start-up log line. */
  readonly configFile: string | null;
}

export class DesktopConfigError extends Error {
  override readonly name = 'DesktopConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `the desktop's configuration has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Setting → [environment variable, JSON key]. */
const NAMES = {
  allocationAddress: ['OPD_ALLOCATION_ADDRESS', 'allocationAddress'],
  reportingAddress: ['OPD_REPORTING_ADDRESS', 'reportingAddress'],
  apiKey: ['OPD_API_KEY', 'apiKey'],
  reportingApiKey: ['OPD_REPORTING_API_KEY', 'reportingApiKey'],
  caFile: ['OPD_CLIENT_TLS_CA_FILE', 'tls.caFile'],
  certFile: ['OPD_CLIENT_TLS_CERT_FILE', 'tls.certFile'],
  keyFile: ['OPD_CLIENT_TLS_KEY_FILE', 'tls.keyFile'],
  timeZone: ['OPD_TIME_ZONE', 'timeZone'],
  noShowGraceMinutes: ['OPD_NO_SHOW_GRACE_MINUTES', 'noShowGraceMinutes'],
  callTimeoutMs: ['OPD_CALL_TIMEOUT_MS', 'callTimeoutMs'],
  exportTimeoutMs: ['OPD_EXPORT_TIMEOUT_MS', 'exportTimeoutMs'],
  language: ['OPD_LANGUAGE', 'language'],
  languagesDir: ['OPD_LANGUAGES_DIR', 'languagesDir'],
  textSize: ['OPD_TEXT_SIZE', 'textSize'],
} as const;
type Setting = keyof typeof NAMES;

const FILE_KEYS = new Set(
  [...Object.values(NAMES), ...Object.values(ROOM_NAMES)].map(
    ([, key]) => key.split('.')[0] ?? key,
  ),
);

export interface LoadOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a config file is looked for when OPD_DESKTOP_CONFIG is not set (Electron's userData). */
  readonly defaultConfigFile: string | null;
}

function readConfigFile(file: string, problems: string[]): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${file}: must hold a JSON object`);
      return {};
    }
    const record = parsed as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!FILE_KEYS.has(key)) problems.push(`${file}: unknown key "${key}"`);
    }
    return record;
  } catch (error) {
    problems.push(`${file}: cannot be read as JSON (${(error as Error).message})`);
    return {};
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function loadDesktopConfig(options: LoadOptions): DesktopConfig {
  const { env } = options;
  const problems: string[] = [];
  const explicitFile = env['OPD_DESKTOP_CONFIG'];
  let configFile: string | null = null;
  if (explicitFile) {
    if (existsSync(explicitFile)) configFile = path.resolve(explicitFile);
    else problems.push(`OPD_DESKTOP_CONFIG: no file at ${explicitFile}`);
  } else if (options.defaultConfigFile && existsSync(options.defaultConfigFile)) {
    configFile = options.defaultConfigFile;
  }
  const file = configFile ? readConfigFile(configFile, problems) : {};
  const tlsInFile = (
    typeof file['tls'] === 'object' && file['tls'] !== null ? file['tls'] : {}
  ) as Record<string, unknown>;

  /** The setting's text and where it came from, env first. */
  const read = (setting: Setting): { value: string | undefined; from: string } => {
    const [variable, key] = NAMES[setting];
    const fromEnv = env[variable];
    if (fromEnv !== undefined) return { value: fromEnv.trim(), from: variable };
    const raw = key.startsWith('tls.') ? tlsInFile[key.slice(4)] : file[key];
    const from = `${key} in ${configFile ?? 'the config file'}`;
    if (raw === undefined || raw === null) return { value: undefined, from };
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      problems.push(`${from}: must be text or a number`);
      return { value: undefined, from };
    }
    return { value: String(raw).trim(), from };
  };

  const address = (setting: Setting, fallback: string): string => {
    const { value, from } = read(setting);
    const address = value ?? fallback;
    // One instance, several (their calls spread over them), or a DNS name for all of them.
    const parsed = parseServiceAddress(address);
    if (!parsed.ok) {
      problems.push(
        `${from}: expected host:port, e.g. 127.0.0.1:50051; several instances as 10.0.0.5:50051,10.0.0.6:50051 or dns:opd.hospital.local:50051 (${parsed.problem})`,
      );
    }
    return address;
  };
  const whole = (setting: Setting, fallback: number, min: number, max: number): number => {
    const { value, from } = read(setting);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      problems.push(`${from}: expected a whole number from ${min} to ${max}`);
    }
    return n;
  };
  const tlsFile = (setting: Setting): string | undefined => {
    const { value, from } = read(setting);
    if (value === undefined || value === '') return undefined;
    // Paths in the file are relative to the file, so a config folder can be copied whole.
    const resolved =
      from.endsWith(`in ${configFile}`) && configFile
        ? path.resolve(path.dirname(configFile), value)
        : path.resolve(value);
    if (!existsSync(resolved)) problems.push(`${from}: no file at ${resolved}`);
    return resolved;
  };

  const allocationAddress = address('allocationAddress', '127.0.0.1:50051');
  const reportingRaw = read('reportingAddress').value;
  const reportingAddress =
    reportingRaw === '' || reportingRaw === 'off'
      ? null
      : address('reportingAddress', '127.0.0.1:50052');
  const apiKey = read('apiKey');
  if (!apiKey.value) {
    problems.push(
      `${NAMES.apiKey[0]} (or apiKey in the config file): required — the API key IT issued for this counter`,
    );
  }
  const reportingApiKey = read('reportingApiKey').value || apiKey.value || '';
  const caFile = tlsFile('caFile');
  const certFile = tlsFile('certFile');
  const keyFile = tlsFile('keyFile');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    problems.push(`${NAMES.certFile[0]} and ${NAMES.keyFile[0]}: a client certificate needs both`);
  }
  const language = read('language');
  const languagesDir = (() => {
    const { value, from } = read('languagesDir');
    if (value) {
      const dir =
        from.endsWith(`in ${configFile}`) && configFile
          ? path.resolve(path.dirname(configFile), value)
          : path.resolve(value);
      if (!existsSync(dir)) problems.push(`${from}: no folder at ${dir}`);
      return dir;
    }
    // By default, a "languages" folder beside the config file.
    const beside = configFile ?? options.defaultConfigFile;
    return beside ? path.join(path.dirname(beside), 'languages') : null;
  })();
  const languageCode = language.value || 'en';
  if (!LANGUAGE_CODE.test(languageCode)) {
    problems.push(`${language.from}: expected a language code such as en, hi or ta`);
  } else if (
    !BUNDLED_LANGUAGES.includes(languageCode) &&
    (languagesDir === null || !existsSync(languageFile(languagesDir, languageCode)))
  ) {
    problems.push(
      `${language.from}: no language file ${languageCode}.json in ${languagesDir ?? 'a languages folder'} (bundled: ${BUNDLED_LANGUAGES.join(', ')})`,
    );
  }
  const room = readRoomConfig((setting) => {
    const [variable, key] = ROOM_NAMES[setting];
    const fromEnv = env[variable];
    if (fromEnv !== undefined) return { value: fromEnv.trim(), from: variable };
    return { value: file[key] ?? undefined, from: `${key} in ${configFile ?? 'the config file'}` };
  }, problems);
  const timeZone = read('timeZone');
  if (timeZone.value !== undefined && !isTimeZone(timeZone.value)) {
    problems.push(`${timeZone.from}: expected an IANA time zone such as Asia/Kolkata`);
  }
  const config: DesktopConfig = {
    allocationAddress,
    reportingAddress,
    apiKey: apiKey.value ?? '',
    reportingApiKey,
    tls:
      caFile || certFile || keyFile
        ? {
            ...(caFile ? { caFile } : {}),
            ...(certFile ? { certFile } : {}),
            ...(keyFile ? { keyFile } : {}),
          }
        : null,
    timeZone: timeZone.value ?? 'Asia/Kolkata',
    noShowGraceMinutes: whole('noShowGraceMinutes', 15, 0, 240),
    callTimeoutMs: whole('callTimeoutMs', 10_000, 500, 120_000),
    exportTimeoutMs: whole('exportTimeoutMs', 600_000, 10_000, 3_600_000),
    language: languageCode,
    languagesDir,
    textSize: whole('textSize', 100, 50, 300),
    ...room,
    configFile,
  };
  if (problems.length > 0) throw new DesktopConfigError(problems);
  return config;
}
