import type { Source } from '@opd/api';
import type { SimulatedDoctor } from './simulation-day.js';

/** One simulated patient and what they hold right now. */
export interface Patient {
  readonly name: string;
  readonly phone: string;
  readonly source: Source;
  /** The doctor the patient is with: another one after a transfer. */
  doctor: SimulatedDoctor;
  state: 'holding' | 'checked-in' | 'called' | 'waiting' | 'done';
  tokenId?: string;
  entryId?: string;
}

/**
 * Who holds which token or waitlist entry, so that answers naming a token (a displacement)
 * or an entry (a promotion) can be traced back to the simulated patient.
 */
export class PatientRegistry {
  private readonly tokens = new Map<string, Patient>();
  private readonly entries = new Map<string, Patient>();

  byToken(tokenId: string): Patient | undefined {
    return this.tokens.get(tokenId);
  }

  byEntry(entryId: string): Patient | undefined {
    return this.entries.get(entryId);
  }

  /** The patient now holds this token (issued, or promoted from the waitlist). */
  hold(patient: Patient, tokenId: string): void {
    if (patient.entryId) this.entries.delete(patient.entryId);
    delete patient.entryId;
    patient.tokenId = tokenId;
    patient.state = 'holding';
    this.tokens.set(tokenId, patient);
  }

  /** The patient now waits on this entry (waitlisted, or displaced from their token). */
  wait(patient: Patient, entryId: string): void {
    if (patient.tokenId) this.tokens.delete(patient.tokenId);
    delete patient.tokenId;
    patient.entryId = entryId;
    patient.state = 'waiting';
    this.entries.set(entryId, patient);
  }

  /** The patient holds nothing any more (seen, cancelled, no-show, left). */
  leave(patient: Patient): void {
    if (patient.entryId) this.entries.delete(patient.entryId);
    patient.state = 'done';
  }
}
