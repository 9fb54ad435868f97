import type { EventEnvelope } from '@opd/api';
import { Role as ProtoRole, type SlotDefinition, type TokenAllocated } from '@opd/api';
import {
  waitlistPosition,
  type DoctorDay,
  type DomainEvent,
  type Slot,
  type Token,
} from '@opd/engine';
import { toProtoRole } from '@opd/service-runtime';
import type { Actor } from '../commands/command-env.js';
import { toProtoSource, toProtoTokenMove, toProtoTokenStatus } from '../contract/enums.js';

/** What an envelope needs beyond the event: whose day, who acted, and the doctor for day one. */
export interface EnvelopeContext {
  readonly day: DoctorDay;
  /** The day before the operation: what a cancelled token was, for instance. */
  readonly before: DoctorDay | undefined;
  readonly actor: Actor;
  readonly requestId: string;
  readonly timeZone: string;
  readonly doctor: { readonly displayName: string; readonly department: string };
  readonly newId: () => string;
  /** For a transfer: the doctor the patient went to (the event names only the doctor-day). */
  readonly transferTargetDoctorId?: string;
}

/** Snake-case name of the payload, used in the outbox and as the last subject token. */
export function eventTypeName(event: DomainEvent): string {
  return event.type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The protobuf envelope published for one domain event. Never carries patient names or phones. */
export function toEnvelope(event: DomainEvent, ctx: EnvelopeContext): EventEnvelope {
  return {
    eventId: ctx.newId(),
    doctorDayId: ctx.day.id,
    doctorId: ctx.day.doctorId,
    date: ctx.day.date,
    sequence: event.sequence,
    occurredAt: new Date(event.occurredAt),
    actor: {
      keyName: ctx.actor.keyName,
      role: ctx.actor.role === 'system' ? ProtoRole.ROLE_SYSTEM : toProtoRole(ctx.actor.role),
      client: { peer: ctx.actor.peer, userAgent: ctx.actor.userAgent },
    },
    requestId: ctx.requestId,
    payload: payloadOf(event, ctx),
  };
}

function payloadOf(event: DomainEvent, ctx: EnvelopeContext): EventEnvelope['payload'] {
  const at = new Date(event.occurredAt);
  const token = (id: string) => findToken(ctx.day, id);
  switch (event.type) {
    case 'DoctorDayOpened':
      return {
        $case: 'doctorDayOpened',
        value: {
          timeZone: ctx.timeZone,
          doctorDisplayName: ctx.doctor.displayName,
          department: ctx.doctor.department,
          slots: event.slots.map(slotDefinition),
        },
      };
    case 'ScheduleChanged':
      return { $case: 'scheduleChanged', value: { slots: event.slots.map(slotDefinition) } };
    case 'TokenAllocated':
      return { $case: 'tokenAllocated', value: tokenAllocated(ctx.day, event.token) };
    case 'TokenPreempted': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenPreempted',
        value: {
          tokenId: t.id,
          tokenNumber: t.number,
          patientId: t.patientId,
          slotId: t.slotId,
          preemptedByTokenId: event.byTokenId,
          reason: event.reason,
          preemptTime: at,
        },
      };
    }
    case 'TokenCancelled': {
      const t = token(event.tokenId);
      const was = ctx.before?.tokens.find((x) => x.id === t.id)?.status ?? 'ALLOCATED';
      return {
        $case: 'tokenCancelled',
        value: {
          tokenId: t.id,
          tokenNumber: t.number,
          slotId: t.slotId,
          previousStatus: toProtoTokenStatus(was),
          cancelTime: at,
        },
      };
    }
    case 'TokenCheckedIn': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenCheckedIn',
        value: { tokenId: t.id, tokenNumber: t.number, checkInTime: at },
      };
    }
    case 'TokenCompleted': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenCompleted',
        value: { tokenId: t.id, tokenNumber: t.number, completeTime: at },
      };
    }
    case 'TokenNoShow': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenNoShow',
        value: {
          tokenId: t.id,
          tokenNumber: t.number,
          slotId: t.slotId,
          noShowTime: at,
          automatic: ctx.actor.role === 'system',
        },
      };
    }
    case 'TokenCalled': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenCalled',
        value: { tokenId: t.id, tokenNumber: t.number, callTime: at },
      };
    }
    case 'TokenRecalled': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenRecalled',
        value: { tokenId: t.id, tokenNumber: t.number, recallTime: at, recallCount: t.recalls },
      };
    }
    case 'TokenSkipped': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenSkipped',
        value: { tokenId: t.id, tokenNumber: t.number, skipTime: at, skipCount: t.skips },
      };
    }
    case 'TokenTransferred': {
      // The reason is staff's free text: it stays on the token, never in an event.
      const t = token(event.tokenId);
      return {
        $case: 'tokenTransferred',
        value: {
          tokenId: t.id,
          tokenNumber: t.number,
          slotId: t.slotId,
          transferTime: at,
          toDoctorDayId: event.toDoctorDayId,
          toDoctorId: ctx.transferTargetDoctorId ?? '',
          toTokenId: event.toTokenId,
        },
      };
    }
    case 'TransitionUndone': {
      const t = token(event.tokenId);
      return {
        $case: 'tokenTransitionUndone',
        value: {
          tokenId: t.id,
          tokenNumber: t.number,
          move: toProtoTokenMove(event.move),
          fromStatus: toProtoTokenStatus(event.from),
          toStatus: toProtoTokenStatus(event.to),
          undoTime: at,
        },
      };
    }
    case 'WaitlistEntryAdded':
      return {
        $case: 'waitlistEntryAdded',
        value: {
          waitlistEntryId: event.entry.id,
          patientId: event.entry.patientId,
          source: toProtoSource(event.entry.source),
          priority: event.entry.priority,
          requestTime: new Date(event.entry.requestedAt),
          createTime: new Date(event.entry.createdAt),
          displacedTokenId: event.entry.displacedTokenId ?? '',
          position: waitlistPosition(ctx.day, event.entry.id) ?? 0,
        },
      };
    case 'WaitlistEntryPromoted':
      return {
        $case: 'waitlistEntryPromoted',
        value: {
          waitlistEntryId: event.entryId,
          promoteTime: at,
          token: tokenAllocated(ctx.day, event.token),
        },
      };
    case 'WaitlistEntryCancelled':
      return {
        $case: 'waitlistEntryCancelled',
        value: { waitlistEntryId: event.entryId, cancelTime: at },
      };
    case 'WaitlistEntryExpired':
      return {
        $case: 'waitlistEntryExpired',
        value: { waitlistEntryId: event.entryId, expireTime: at },
      };
  }
}

function tokenAllocated(day: DoctorDay, token: Token): TokenAllocated {
  const slot = day.slots.find((s) => s.id === token.slotId);
  return {
    tokenId: token.id,
    tokenNumber: token.number,
    patientId: token.patientId,
    source: toProtoSource(token.source),
    priority: token.priority,
    slotId: token.slotId,
    slotStartTime: slot ? new Date(slot.startsAt) : undefined,
    requestTime: new Date(token.requestedAt),
    allocateTime: new Date(token.allocatedAt),
    protected: token.protected,
    promotedFromWaitlistEntryId: token.promotedFromEntryId ?? '',
    transferredFromTokenId: token.transferredFrom?.tokenId ?? '',
    transferredFromDoctorDayId: token.transferredFrom?.doctorDayId ?? '',
    checkInTime: token.checkedInAt === undefined ? undefined : new Date(token.checkedInAt),
  };
}

function slotDefinition(slot: Slot): SlotDefinition {
  return {
    slotId: slot.id,
    startTime: new Date(slot.startsAt),
    endTime: new Date(slot.endsAt),
    localStartTime: slot.localStart,
    localEndTime: slot.localEnd,
    capacity: slot.capacity,
  };
}

function findToken(day: DoctorDay, id: string): Token {
  const token = day.tokens.find((t) => t.id === id);
  if (!token) throw new Error(`event names unknown token ${id}`);
  return token;
}
