import type {
  Doctor as DoctorMessage,
  DoctorDayBoard,
  ScheduleOverride as OverrideMessage,
  Slot as SlotMessage,
  Token as TokenMessage,
  WaitlistEntry as EntryMessage,
  WeeklySchedule as ScheduleMessage,
  Session as SessionMessage,
  Patient as PatientMessage,
  Promotion as PromotionMessage,
} from '@opd/api';
import {
  calledToken,
  consultationMinutes,
  expectedCallTimes,
  occupancies,
  roomQueue,
  undoableMove,
  waitlistPositions,
  type ExpectedCall,
  type Session,
  type Slot,
  type Token,
  type WaitlistEntry,
  type WeeklySchedule,
} from '@opd/engine';
import { Role as ProtoRole, SlotStatus, type AuditEntry as AuditEntryMessage } from '@opd/api';
import type { AuditEntry, Doctor, ScheduleOverride } from '../db/entities/index.js';
import { isRole, toProtoRole } from '@opd/service-runtime';
import type { DayView, Moment } from '../commands/day-view.js';
import type { Promotion } from '../commands/replan-doctor-day.js';
import type { PatientRecord } from '../queries/tokens.js';
import {
  toProtoSource,
  toProtoTokenMove,
  toProtoTokenStatus,
  toProtoWaitlistStatus,
  toProtoWeekday,
} from '../contract/enums.js';

// Domain → opd.v1 messages. Answers are built here and nowhere else.

const at = (ms: number | undefined): Date | undefined =>
  ms === undefined ? undefined : new Date(ms);

export function slotMessage(
  view: DayView,
  slot: Slot,
  held: ReadonlyMap<string, number> = occupancies(view.day),
): SlotMessage {
  const occupancy = held.get(slot.id) ?? 0;
  return {
    slotId: slot.id,
    startTime: new Date(slot.startsAt),
    endTime: new Date(slot.endsAt),
    localStartTime: slot.localStart,
    localEndTime: slot.localEnd,
    capacity: slot.capacity,
    occupancy,
    status: occupancy < slot.capacity ? SlotStatus.SLOT_STATUS_OPEN : SlotStatus.SLOT_STATUS_FULL,
  };
}

/** Where the room stands at a moment: the learned consultation time and every expected call. */
export interface RoomTiming {
  readonly moment: Moment;
  readonly consultationMinutes: number;
  readonly expected: ReadonlyMap<string, ExpectedCall>;
}

export function roomTiming(view: DayView, moment: Moment): RoomTiming {
  const minutes = consultationMinutes(view.consultations, view.day, moment.now);
  return {
    moment,
    consultationMinutes: minutes,
    expected: expectedCallTimes(view.day, moment.now, minutes),
  };
}

export function tokenMessage(
  view: DayView,
  token: Token,
  timing: RoomTiming,
  slotsById?: ReadonlyMap<string, Slot>,
): TokenMessage {
  const slot = slotsById
    ? slotsById.get(token.slotId)
    : view.day.slots.find((s) => s.id === token.slotId);
  const expected = timing.expected.get(token.id);
  const undoable = undoableMove(token, timing.moment.now, timing.moment.policy);
  return {
    tokenId: token.id,
    doctorDayId: view.day.id,
    doctorId: view.day.doctorId,
    date: view.day.date,
    tokenNumber: token.number,
    patientId: token.patientId,
    patientName: view.patientNames.get(token.patientId) ?? '',
    slotId: token.slotId,
    slotStartTime: at(slot?.startsAt),
    slotEndTime: at(slot?.endsAt),
    slotLocalStartTime: slot?.localStart ?? '',
    slotLocalEndTime: slot?.localEnd ?? '',
    source: toProtoSource(token.source),
    priority: token.priority,
    status: toProtoTokenStatus(token.status),
    requestTime: new Date(token.requestedAt),
    allocateTime: new Date(token.allocatedAt),
    checkInTime: at(token.checkedInAt),
    completeTime: at(token.completedAt),
    cancelTime: at(token.cancelledAt),
    noShowTime: at(token.noShowAt),
    preemptTime: at(token.preemptedAt),
    protected: token.protected,
    preemptedByTokenId: token.preemptedByTokenId ?? '',
    preemptionReason: token.preemptionReason ?? '',
    promotedFromWaitlistEntryId: token.promotedFromEntryId ?? '',
    cancelReason: view.cancelReasons.get(token.id) ?? '',
    notes: view.notes.get(token.id) ?? '',
    callTime: at(token.calledAt),
    skipCount: token.skips,
    recallCount: token.recalls,
    transferTime: at(token.transferredAt),
    transferReason: token.transferReason ?? '',
    transferredToTokenId: token.transferredTo?.tokenId ?? '',
    transferredToDoctorDayId: token.transferredTo?.doctorDayId ?? '',
    transferredFromTokenId: token.transferredFrom?.tokenId ?? '',
    transferredFromDoctorDayId: token.transferredFrom?.doctorDayId ?? '',
    queuePlace: expected?.queuePlace ?? 0,
    expectedCallTime: at(expected?.expectedCallAt),
    undoableMove: undoable ? toProtoTokenMove(undoable.move) : 0,
    undoableUntil: at(undoable?.deadline),
    skipTime: at(token.lastSkippedAt),
  };
}

export function entryMessage(
  view: DayView,
  entry: WaitlistEntry,
  positions: ReadonlyMap<string, number> = waitlistPositions(view.day),
): EntryMessage {
  const closed = at(entry.closedAt);
  return {
    waitlistEntryId: entry.id,
    doctorDayId: view.day.id,
    doctorId: view.day.doctorId,
    date: view.day.date,
    patientId: entry.patientId,
    patientName: view.patientNames.get(entry.patientId) ?? '',
    source: toProtoSource(entry.source),
    priority: entry.priority,
    status: toProtoWaitlistStatus(entry.status),
    requestTime: new Date(entry.requestedAt),
    position: positions.get(entry.id) ?? 0,
    displacedTokenId: entry.displacedTokenId ?? '',
    promotedTokenId: entry.promotedTokenId ?? '',
    createTime: new Date(entry.createdAt),
    promoteTime: entry.status === 'PROMOTED' ? closed : undefined,
    cancelTime: entry.status === 'CANCELLED' ? closed : undefined,
    expireTime: entry.status === 'EXPIRED' ? closed : undefined,
    cancelReason: view.cancelReasons.get(entry.id) ?? '',
    notes: view.notes.get(entry.id) ?? '',
  };
}

/**
 * The board: slots with occupancy, every token in number order, the waitlist in promotion order.
 * Linear in the day's size: occupancy, slots and positions are each worked out once.
 */
export function boardMessage(view: DayView, moment: Moment): DoctorDayBoard {
  const held = occupancies(view.day);
  const timing = roomTiming(view, moment);
  const slotsById = new Map(view.day.slots.map((s) => [s.id, s]));
  const positions = waitlistPositions(view.day);
  const waiting = view.day.waitlist
    .filter((e) => positions.has(e.id))
    .sort((a, b) => (positions.get(a.id) ?? 0) - (positions.get(b.id) ?? 0));
  return {
    doctorDayId: view.day.id,
    doctorId: view.day.doctorId,
    date: view.day.date,
    timeZone: view.timeZone,
    slots: view.day.slots.map((s) => slotMessage(view, s, held)),
    tokens: view.day.tokens.map((t) => tokenMessage(view, t, timing, slotsById)),
    waitlistEntries: waiting.map((e) => entryMessage(view, e, positions)),
    sequence: view.day.eventSequence,
    doctorDisplayName: view.doctor.displayName,
    room: view.doctor.room,
    consultationMinutes: Math.round(timing.consultationMinutes),
    roomQueueTokenIds: roomQueue(view.day).map((t) => t.id),
    calledTokenId: calledToken(view.day)?.id ?? '',
  };
}

export function promotionMessages(
  promoted: readonly Promotion[],
  moment: Moment,
): PromotionMessage[] {
  const timings = new Map<DayView, RoomTiming>();
  return promoted.map(({ view, token }) => {
    let timing = timings.get(view);
    if (!timing) timings.set(view, (timing = roomTiming(view, moment)));
    return {
      waitlistEntryId: token.promotedFromEntryId ?? '',
      token: tokenMessage(view, token, timing),
    };
  });
}

export function patientMessage(patient: PatientRecord): PatientMessage {
  return {
    patientId: patient.id,
    phone: patient.phone,
    name: patient.name,
    createTime: patient.createdAt,
  };
}

const sessionMessage = (s: Session): SessionMessage => ({
  startTime: s.start,
  endTime: s.end,
  slotMinutes: s.slotMinutes,
  capacityPerSlot: s.capacityPerSlot,
});

export function scheduleMessage(schedule: WeeklySchedule): ScheduleMessage {
  return {
    days: [...schedule.days]
      .sort((a, b) => a.weekday - b.weekday)
      .map((d) => ({
        weekday: toProtoWeekday(d.weekday),
        sessions: d.sessions.map(sessionMessage),
      })),
  };
}

export function doctorMessage(row: Doctor): DoctorMessage {
  return {
    doctorId: row.id,
    displayName: row.displayName,
    department: row.department,
    weeklySchedule: scheduleMessage(row.weeklySchedule),
    active: row.active,
    room: row.room,
    createTime: row.createdAt,
    updateTime: row.updatedAt,
  };
}

export function overrideMessage(row: ScheduleOverride): OverrideMessage {
  return {
    doctorId: row.doctorId,
    date: row.date,
    dayPlan:
      row.kind === 'LEAVE'
        ? { $case: 'leave', value: {} }
        : { $case: 'sessions', value: { sessions: row.sessions.map(sessionMessage) } },
    reason: row.reason,
    createTime: row.createdAt,
    updateTime: row.updatedAt,
  };
}

export function auditEntryMessage(row: AuditEntry): AuditEntryMessage {
  return {
    auditEntryId: row.id,
    actor: {
      keyName: row.keyName,
      role: isRole(row.role) ? toProtoRole(row.role) : ProtoRole.ROLE_SYSTEM,
      client: { peer: row.peer, userAgent: row.userAgent },
    },
    action: row.action,
    requestId: row.requestId,
    occurredAt: row.occurredAt,
    outcome: { code: row.outcomeCode, reason: row.outcomeReason, replayed: row.replayed },
    doctorId: row.doctorId ?? '',
    doctorDayId: row.doctorDayId ?? '',
    date: row.date ?? '',
    tokenId: row.tokenId ?? '',
    waitlistEntryId: row.waitlistEntryId ?? '',
    patientId: row.patientId ?? '',
  };
}
