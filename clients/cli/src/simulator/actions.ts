import type { Patient } from './patients.js';

/** Something on the simulation's agenda, at a simulated minute. */
export type Action =
  | { readonly at: number; readonly kind: 'arrive' }
  | {
      readonly at: number;
      /** What the patient holding `tokenId` does next. */
      readonly kind: 'check-in' | 'complete' | 'cancel' | 'no-show';
      readonly patient: Patient;
      readonly tokenId: string;
    }
  | {
      readonly at: number;
      /** A waiting patient gives up. */
      readonly kind: 'withdraw';
      readonly patient: Patient;
      readonly entryId: string;
    };

/** An action on a token the patient holds. */
export type TokenAction = Extract<Action, { tokenId: string }>;
