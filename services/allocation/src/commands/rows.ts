import type { Slot, Token, WaitlistEntry } from '@opd/engine';
import type {
  Slot as SlotRow,
  Token as TokenRow,
  WaitlistEntry as EntryRow,
} from '../db/entities/index.js';

// Rows ↔ the engine's plain data. Instants are Dates in rows and epoch milliseconds in the engine.

const ms = (d: Date | null | undefined): number | undefined => (d ? d.getTime() : undefined);
const date = (n: number | undefined): Date | null => (n === undefined ? null : new Date(n));

/** Copies the optional fields that are set, so the engine's objects stay free of `undefined`. */
function defined<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function slotFromRow(row: SlotRow): Slot {
  return {
    id: row.id,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    localStart: row.localStart,
    localEnd: row.localEnd,
    capacity: row.capacity,
  };
}

export function tokenFromRow(row: TokenRow): Token {
  return {
    id: row.id,
    number: row.number,
    patientId: row.patientId,
    slotId: row.slotId,
    source: row.source,
    priority: row.priority,
    requestedAt: row.requestedAt.getTime(),
    allocatedAt: row.allocatedAt.getTime(),
    status: row.status,
    protected: row.protected,
    ...defined({
      promotedFromEntryId: row.promotedFromEntryId ?? undefined,
      preemptedByTokenId: row.preemptedByTokenId ?? undefined,
      preemptionReason: row.preemptionReason ?? undefined,
      checkedInAt: ms(row.checkedInAt),
      completedAt: ms(row.completedAt),
      cancelledAt: ms(row.cancelledAt),
      noShowAt: ms(row.noShowAt),
      preemptedAt: ms(row.preemptedAt),
    }),
  };
}

export function entryFromRow(row: EntryRow): WaitlistEntry {
  return {
    id: row.id,
    entryNumber: row.entryNumber,
    patientId: row.patientId,
    source: row.source,
    priority: row.priority,
    requestedAt: row.requestedAt.getTime(),
    createdAt: row.createdAt.getTime(),
    status: row.status,
    ...defined({
      displacedTokenId: row.displacedTokenId ?? undefined,
      promotedTokenId: row.promotedTokenId ?? undefined,
      closedAt: ms(row.closedAt),
    }),
  };
}

/** The columns of a token row that the engine decides (everything but ids and notes). */
export function tokenRowFields(token: Token, cancelReason: string | undefined) {
  return {
    number: token.number,
    patientId: token.patientId,
    slotId: token.slotId,
    source: token.source,
    priority: token.priority,
    status: token.status,
    protected: token.protected,
    requestedAt: new Date(token.requestedAt),
    allocatedAt: new Date(token.allocatedAt),
    checkedInAt: date(token.checkedInAt),
    completedAt: date(token.completedAt),
    cancelledAt: date(token.cancelledAt),
    noShowAt: date(token.noShowAt),
    preemptedAt: date(token.preemptedAt),
    preemptedByTokenId: token.preemptedByTokenId ?? null,
    preemptionReason: token.preemptionReason ?? null,
    promotedFromEntryId: token.promotedFromEntryId ?? null,
    ...(cancelReason === undefined ? {} : { cancelReason }),
  };
}

export function entryRowFields(entry: WaitlistEntry, cancelReason: string | undefined) {
  return {
    entryNumber: entry.entryNumber,
    patientId: entry.patientId,
    source: entry.source,
    priority: entry.priority,
    status: entry.status,
    requestedAt: new Date(entry.requestedAt),
    createdAt: new Date(entry.createdAt),
    closedAt: date(entry.closedAt),
    displacedTokenId: entry.displacedTokenId ?? null,
    promotedTokenId: entry.promotedTokenId ?? null,
    ...(cancelReason === undefined ? {} : { cancelReason }),
  };
}
