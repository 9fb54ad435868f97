import { Source } from '@opd/api';
import { demoChance } from './demo-ids.js';

const FIRST = [
  'Aarav',
  'Aditi',
  'Akash',
  'Amit',
  'Anjali',
  'Bhavna',
  'Deepak',
  'Divya',
  'Farhan',
  'Gauri',
  'Harish',
  'Ishita',
  'Jaya',
  'Karthik',
  'Lakshmi',
  'Manoj',
  'Neha',
  'Nikhil',
  'Pallavi',
  'Prakash',
  'Radha',
  'Rahul',
  'Sanjay',
  'Shabana',
  'Sneha',
  'Sunil',
  'Tanvi',
  'Usha',
  'Varun',
  'Yamini',
];
const LAST = [
  'Agarwal',
  'Bose',
  'Chopra',
  'Das',
  'Fernandes',
  'Ghosh',
  'Hegde',
  'Iyer',
  'Jain',
  'Kapoor',
  'Khan',
  'Kulkarni',
  'Menon',
  'Mishra',
  'Nair',
  'Patil',
  'Pillai',
  'Rao',
  'Reddy',
  'Saxena',
  'Sen',
  'Shetty',
  'Sinha',
  'Thakur',
  'Verma',
];

/** The demo's source mix: mostly walk-ins and online bookings, a few emergencies. */
const MIX: readonly (readonly [Source, number])[] = [
  [Source.SOURCE_EMERGENCY, 0.03],
  [Source.SOURCE_PAID, 0.12],
  [Source.SOURCE_FOLLOW_UP, 0.2],
  [Source.SOURCE_WALK_IN, 0.4],
  [Source.SOURCE_ONLINE, 0.25],
];

export interface DemoPatient {
  readonly name: string;
  readonly phone: string;
  readonly source: Source;
}

/** The n-th patient of a doctor-day: always the same name, phone and source for the same key. */
export function demoPatient(key: string, n: number): DemoPatient {
  const pick = <T>(list: readonly T[], salt: string): T =>
    list[Math.floor(demoChance(key, n, salt) * list.length)] ?? (list[0] as T);
  let roll = demoChance(key, n, 'source');
  let source = Source.SOURCE_WALK_IN;
  for (const [s, share] of MIX) {
    roll -= share;
    if (roll < 0) {
      source = s;
      break;
    }
  }
  const digits = String(Math.floor(demoChance(key, n, 'phone') * 1e8)).padStart(8, '0');
  // 70xxxxxxxx: a valid Indian mobile range, apart from the simulator's 9xxxxxxxxx.
  return { name: `${pick(FIRST, 'first')} ${pick(LAST, 'last')}`, phone: `70${digits}`, source };
}
