// The settings of the doctor's room, the slip and the waiting-room display, read from the
// environment (which wins) or the config file and checked like every other setting: a bad one
// stops the app with a message naming the variable or key to fix.
import { LANGUAGE_CODE } from './handlers/language-pack.js';

export type StartScreen = 'issue' | 'board' | 'room';

export interface RoomConfig {
  /** The room's key (role doctor) for call, recall, skip, complete; null: the desktop's key. */
  readonly roomApiKey: string | null;
  readonly startScreen: StartScreen;
  /** On the slip; '' uses the words of the language file (slip.hospital). */
  readonly hospitalName: string;
  readonly printSlipOnIssue: boolean;
  /** Slips print to this printer without a dialog; null asks with the print dialog. */
  readonly slipPrinter: string | null;
  /** Token number prefixes by doctor id or department, e.g. { ENT: 'ENT' } → "ENT-44". */
  readonly tokenPrefixes: Readonly<Record<string, string>>;
  /** Languages each call is spoken in on the display, in order. */
  readonly announceLanguages: readonly string[];
}

/** Setting → [environment variable, JSON key]. */
export const ROOM_NAMES = {
  roomApiKey: ['OPD_ROOM_API_KEY', 'roomApiKey'],
  startScreen: ['OPD_START_SCREEN', 'startScreen'],
  hospitalName: ['OPD_HOSPITAL_NAME', 'hospitalName'],
  printSlipOnIssue: ['OPD_PRINT_SLIP_ON_ISSUE', 'printSlipOnIssue'],
  slipPrinter: ['OPD_SLIP_PRINTER', 'slipPrinter'],
  tokenPrefixes: ['OPD_TOKEN_PREFIXES', 'tokenPrefixes'],
  announceLanguages: ['OPD_ANNOUNCE_LANGUAGES', 'announceLanguages'],
} as const;
type RoomSetting = keyof typeof ROOM_NAMES;

/** A setting as found: environment text, or whatever JSON the file held; and where from. */
export interface Found {
  readonly value: unknown;
  readonly from: string;
}

const SCREENS: readonly StartScreen[] = ['issue', 'board', 'room'];
/** Short enough for a slip and a TV: letters or digits, in any script. */
const PREFIX = /^[\p{L}\p{N}]{1,6}$/u;

/** "ENT=ENT, Cardiology=CAR" (environment) or { "ENT": "ENT" } (file) → a checked map. */
function prefixes(found: Found, problems: string[]): Record<string, string> {
  const { value, from } = found;
  let pairs: [string, unknown][] = [];
  if (typeof value === 'string') {
    pairs = value
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => {
        const at = part.lastIndexOf('=');
        return at < 0 ? [part.trim(), ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
      });
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    pairs = Object.entries(value);
  } else if (value !== undefined) {
    problems.push(`${from}: expected doctor or department = prefix pairs, e.g. ENT=ENT`);
  }
  const map: Record<string, string> = {};
  for (const [key, prefix] of pairs) {
    if (key === '' || typeof prefix !== 'string' || !PREFIX.test(prefix)) {
      problems.push(
        `${from}: "${key}" needs a prefix of 1 to 6 letters or digits, e.g. ${key || 'ENT'}=ENT`,
      );
    } else map[key] = prefix;
  }
  return map;
}

/** "en,hi" or ["en", "hi"] → language codes. */
function languages(found: Found, problems: string[]): string[] {
  const { value, from } = found;
  if (value === undefined) return ['en', 'hi'];
  const list =
    typeof value === 'string'
      ? value.split(',').map((code) => code.trim())
      : Array.isArray(value)
        ? value.map((code) => (typeof code === 'string' ? code.trim() : ''))
        : null;
  if (list === null || list.length === 0 || list.some((code) => !LANGUAGE_CODE.test(code))) {
    problems.push(`${from}: expected language codes separated by commas, e.g. en,hi`);
    return ['en', 'hi'];
  }
  return [...new Set(list)];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).trim()
    : undefined;

/** Reads and checks the room's settings with the caller's `find` (environment, then file). */
export function readRoomConfig(
  find: (setting: RoomSetting) => Found,
  problems: string[],
): RoomConfig {
  const plain = (setting: RoomSetting): { value: string | undefined; from: string } => {
    const found = find(setting);
    const value = text(found.value);
    if (found.value !== undefined && value === undefined) {
      problems.push(`${found.from}: must be text`);
    }
    return { value, from: found.from };
  };
  const screen = plain('startScreen');
  if (screen.value !== undefined && !SCREENS.includes(screen.value as StartScreen)) {
    problems.push(`${screen.from}: expected one of ${SCREENS.join(', ')}`);
  }
  const print = plain('printSlipOnIssue');
  if (print.value !== undefined && !['true', 'false'].includes(print.value)) {
    problems.push(`${print.from}: expected true or false`);
  }
  const hospital = plain('hospitalName');
  if ((hospital.value ?? '').length > 80) {
    problems.push(`${hospital.from}: at most 80 characters (it is printed on every slip)`);
  }
  return {
    roomApiKey: plain('roomApiKey').value || null,
    startScreen: SCREENS.includes(screen.value as StartScreen)
      ? (screen.value as StartScreen)
      : 'issue',
    hospitalName: hospital.value ?? '',
    printSlipOnIssue: print.value === 'true',
    slipPrinter: plain('slipPrinter').value || null,
    tokenPrefixes: prefixes(find('tokenPrefixes'), problems),
    announceLanguages: languages(find('announceLanguages'), problems),
  };
}
