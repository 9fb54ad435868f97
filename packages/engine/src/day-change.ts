import { applyEvent, type DomainEvent, type DomainEventBody } from './events.js';
import type { Context, DoctorDay } from './types.js';

/**
 * The working copy of one operation on one doctor-day. Every change goes through `emit`, which
 * numbers the event from the day's counter and applies it, so the events and the new state can
 * never disagree.
 */
export class DayChange {
  readonly events: DomainEvent[] = [];

  constructor(
    public day: DoctorDay,
    readonly ctx: Context,
  ) {}

  emit(body: DomainEventBody): DomainEvent {
    const event = {
      ...body,
      sequence: this.day.eventSequence + 1,
      occurredAt: this.ctx.now,
    } as DomainEvent;
    this.day = applyEvent(this.day, event);
    this.events.push(event);
    return event;
  }

  result(): Outcome {
    return { day: this.day, events: this.events };
  }
}

/** What every successful operation returns: the new day and the events that made it. */
export interface Outcome {
  readonly day: DoctorDay;
  readonly events: readonly DomainEvent[];
}
