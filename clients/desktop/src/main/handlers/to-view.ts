// opd.v1 messages → the plain views that cross IPC. Every answer is built here.
import {
  Source,
  SlotStatus,
  TokenStatus,
  WaitlistEntryStatus,
  type DailySummary,
  type Doctor,
  type DoctorDayBoard,
  type Patient,
  type ScheduleOverride,
  type Session,
  type Slot,
  type Token,
  type TokenRecord,
  type WaitlistEntry,
  type WeeklySchedule,
} from '@opd/api';
import type {
  BoardView,
  DailySummaryView,
  DayScheduleView,
  DoctorView,
  PatientView,
  RoomDisplayView,
  ScheduleOverrideView,
  SessionView,
  SlotView,
  TokenRecordView,
  TokenView,
  WaitlistEntryView,
} from '../../shared/views.js';
import { fromSource, fromTokenStatus, fromUndoableMove, fromWeekday } from './enums.js';

/** How many waiting tokens the waiting-room display shows after the called one. */
export const DISPLAY_NEXT = 5;

const iso = (date: Date | undefined): string | null => (date ? date.toISOString() : null);
const isoOrEmpty = (date: Date | undefined): string => iso(date) ?? '';

/** A message field the contract says is always set; its absence is a broken answer. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the service answered without ${what}`);
  return value;
}

export function sessionView(session: Session): SessionView {
  return {
    startTime: session.startTime,
    endTime: session.endTime,
    slotMinutes: session.slotMinutes,
    capacityPerSlot: session.capacityPerSlot,
  };
}

export function weeklyScheduleView(schedule: WeeklySchedule | undefined): DayScheduleView[] {
  return (schedule?.days ?? []).map((day) => ({
    weekday: fromWeekday(day.weekday),
    sessions: day.sessions.map(sessionView),
  }));
}

export function doctorView(doctor: Doctor): DoctorView {
  return {
    doctorId: doctor.doctorId,
    displayName: doctor.displayName,
    department: doctor.department,
    room: doctor.room,
    weeklySchedule: weeklyScheduleView(doctor.weeklySchedule),
    active: doctor.active,
  };
}

export function slotView(slot: Slot): SlotView {
  return {
    slotId: slot.slotId,
    startTime: isoOrEmpty(slot.startTime),
    endTime: isoOrEmpty(slot.endTime),
    localStartTime: slot.localStartTime,
    localEndTime: slot.localEndTime,
    capacity: slot.capacity,
    occupancy: slot.occupancy,
    full: slot.status === SlotStatus.SLOT_STATUS_FULL,
  };
}

export function tokenView(token: Token): TokenView {
  return {
    tokenId: token.tokenId,
    doctorId: token.doctorId,
    date: token.date,
    tokenNumber: token.tokenNumber,
    patientId: token.patientId,
    patientName: token.patientName,
    slotId: token.slotId,
    slotStartTime: isoOrEmpty(token.slotStartTime),
    slotEndTime: isoOrEmpty(token.slotEndTime),
    slotLocalStartTime: token.slotLocalStartTime,
    slotLocalEndTime: token.slotLocalEndTime,
    source: fromSource(token.source),
    priority: token.priority,
    status: fromTokenStatus(token.status),
    requestTime: isoOrEmpty(token.requestTime),
    allocateTime: isoOrEmpty(token.allocateTime),
    checkInTime: iso(token.checkInTime),
    completeTime: iso(token.completeTime),
    protected: token.protected,
    promoted: token.promotedFromWaitlistEntryId !== '',
    preemptedByTokenId: token.preemptedByTokenId,
    preemptionReason: token.preemptionReason,
    cancelReason: token.cancelReason,
    notes: token.notes,
    callTime: iso(token.callTime),
    skipCount: token.skipCount,
    skipTime: iso(token.skipTime),
    recallCount: token.recallCount,
    transferTime: iso(token.transferTime),
    transferReason: token.transferReason,
    transferredToTokenId: token.transferredToTokenId,
    transferredFromTokenId: token.transferredFromTokenId,
    queuePlace: token.queuePlace,
    expectedCallTime: iso(token.expectedCallTime),
    undoableMove: fromUndoableMove(token.undoableMove),
    undoableUntil: iso(token.undoableUntil),
  };
}

export function waitlistEntryView(entry: WaitlistEntry): WaitlistEntryView {
  return {
    waitlistEntryId: entry.waitlistEntryId,
    doctorId: entry.doctorId,
    date: entry.date,
    patientId: entry.patientId,
    patientName: entry.patientName,
    source: fromSource(entry.source),
    priority: entry.priority,
    position: entry.position,
    requestTime: isoOrEmpty(entry.requestTime),
    displaced: entry.displacedTokenId !== '',
  };
}

/** The room queue's tokens in the order the service gave (1 = next), CHECKED_IN only. */
function roomQueueOf(board: DoctorDayBoard): Token[] {
  const byId = new Map(board.tokens.map((t) => [t.tokenId, t]));
  return board.roomQueueTokenIds.flatMap((id) => {
    const token = byId.get(id);
    return token && token.status === TokenStatus.TOKEN_STATUS_CHECKED_IN ? [token] : [];
  });
}

const calledOf = (board: DoctorDayBoard): Token | undefined =>
  board.calledTokenId === ''
    ? undefined
    : board.tokens.find(
        (t) => t.tokenId === board.calledTokenId && t.status === TokenStatus.TOKEN_STATUS_CALLED,
      );

export function boardView(board: DoctorDayBoard): BoardView {
  return {
    doctorDayId: board.doctorDayId,
    doctorId: board.doctorId,
    date: board.date,
    timeZone: board.timeZone,
    slots: board.slots.map(slotView),
    tokens: board.tokens.map(tokenView),
    // The contract promises WAITING entries only; the service also lists closed ones after
    // them, which the counter must not show as waiting.
    waitlist: board.waitlistEntries
      .filter((e) => e.status === WaitlistEntryStatus.WAITLIST_ENTRY_STATUS_WAITING)
      .map(waitlistEntryView),
    doctorDisplayName: board.doctorDisplayName,
    room: board.room,
    consultationMinutes: board.consultationMinutes,
    roomQueue: roomQueueOf(board).map((t) => t.tokenId),
    calledTokenId: calledOf(board)?.tokenId ?? null,
    sequence: board.sequence,
  };
}

/**
 * A board as the waiting-room display may see it: the called token and the next five, with
 * numbers and times only. Names, phones, notes and reasons never leave this function.
 */
export function roomDisplayView(board: DoctorDayBoard): RoomDisplayView {
  const called = calledOf(board);
  const queue = roomQueueOf(board);
  return {
    doctorId: board.doctorId,
    date: board.date,
    doctorDisplayName: board.doctorDisplayName,
    room: board.room,
    called: called
      ? {
          tokenId: called.tokenId,
          tokenNumber: called.tokenNumber,
          callTime: iso(called.callTime),
          recallCount: called.recallCount,
        }
      : null,
    next: queue.slice(0, DISPLAY_NEXT).map((t) => ({
      tokenId: t.tokenId,
      tokenNumber: t.tokenNumber,
      queuePlace: t.queuePlace,
      expectedCallTime: iso(t.expectedCallTime),
      emergency: t.source === Source.SOURCE_EMERGENCY,
    })),
    queueLength: queue.length,
    sequence: board.sequence,
  };
}

export function patientView(patient: Patient): PatientView {
  return { patientId: patient.patientId, phone: patient.phone, name: patient.name };
}

export function overrideView(override: ScheduleOverride): ScheduleOverrideView {
  const plan = override.dayPlan;
  return {
    doctorId: override.doctorId,
    date: override.date,
    plan:
      plan?.$case === 'sessions'
        ? { kind: 'sessions', sessions: plan.value.sessions.map(sessionView) }
        : { kind: 'leave' },
    reason: override.reason,
  };
}

export function tokenRecordView(record: TokenRecord): TokenRecordView {
  return {
    tokenId: record.tokenId,
    tokenNumber: record.tokenNumber,
    doctorId: record.doctorId,
    doctorDisplayName: record.doctorDisplayName,
    department: record.department,
    date: record.date,
    patientId: record.patientId,
    slotStartTime: iso(record.slotStartTime),
    source: fromSource(record.source),
    priority: record.priority,
    status: fromTokenStatus(record.status),
    requestTime: iso(record.requestTime),
    allocateTime: iso(record.allocateTime),
    checkInTime: iso(record.checkInTime),
    completeTime: iso(record.completeTime),
    cancelTime: iso(record.cancelTime),
    noShowTime: iso(record.noShowTime),
    preemptTime: iso(record.preemptTime),
    preempted: record.preempted,
    promoted: record.promoted,
  };
}

export function dailySummaryView(summary: DailySummary): DailySummaryView {
  return {
    doctorId: summary.doctorId,
    doctorDisplayName: summary.doctorDisplayName,
    department: summary.department,
    date: summary.date,
    tokenCount: summary.tokenCount,
    capacity: summary.capacity,
    occupancy: summary.occupancy,
    utilisation: summary.utilisation,
    noShowCount: summary.noShowCount,
    noShowRate: summary.noShowRate,
    preemptionCount: summary.preemptionCount,
    promotionCount: summary.promotionCount,
  };
}
