import type { Random } from './random.js';

const FIRST_NAMES = [
  'Aarav',
  'Vivaan',
  'Aditya',
  'Arjun',
  'Sai',
  'Reyansh',
  'Krishna',
  'Ishaan',
  'Rohan',
  'Kabir',
  'Ananya',
  'Diya',
  'Aadhya',
  'Saanvi',
  'Ira',
  'Meera',
  'Priya',
  'Lakshmi',
  'Fatima',
  'Zoya',
  'Gurpreet',
  'Harjeet',
  'Suresh',
  'Ramesh',
  'Lalitha',
  'Kavya',
  'Nandini',
  'Imran',
  'Joseph',
  'Mary',
  'Sneha',
  'Pooja',
  'Rahul',
  'Vikram',
  'Deepa',
  'Mohan',
  'Geeta',
  'Tanvi',
  'Nikhil',
  'Farah',
] as const;

const SURNAMES = [
  'Sharma',
  'Verma',
  'Iyer',
  'Nair',
  'Reddy',
  'Rao',
  'Patel',
  'Shah',
  'Mehta',
  'Gupta',
  'Singh',
  'Kaur',
  'Khan',
  'Qureshi',
  'Banerjee',
  'Chatterjee',
  'Das',
  'Mukherjee',
  'Pillai',
  'Menon',
  'Kulkarni',
  'Deshpande',
  'Joshi',
  'Agarwal',
  'Bhat',
  'Hegde',
  'Naidu',
  'Thomas',
  "D'Souza",
  'Fernandes',
] as const;

/** A made-up patient: a plausible Indian name and a unique, valid-looking mobile number. */
export interface SimulatedPatient {
  readonly name: string;
  readonly phone: string;
}

/** Draws patients from the seeded random source, never the same phone number twice. */
export class Population {
  private readonly phones = new Set<string>();

  constructor(private readonly random: Random) {}

  next(): SimulatedPatient {
    const name = `${this.random.pick(FIRST_NAMES)} ${this.random.pick(SURNAMES)}`;
    let phone: string;
    do {
      // Indian mobile numbers are ten digits starting with 6-9; all 9xxxxxxxxx are valid.
      phone = `9${String(this.random.index(1_000_000_000)).padStart(9, '0')}`;
    } while (this.phones.has(phone));
    this.phones.add(phone);
    return { name, phone };
  }
}
