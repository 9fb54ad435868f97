import { EventEnvelope, type WatchDoctorDayResponse } from '@opd/api';
import type { CommandCall, CommandEnv } from '../commands/command-env.js';
import { OutboxEvent } from '../db/entities/index.js';
import { boardMessage } from '../grpc/messages.js';
import { doctorDayView } from '../queries/board.js';
import type { DoctorDayChanges } from './doctor-day-changes.js';

/**
 * WatchDoctorDay: the board now, then after every committed change the new board with the events
 * that made it, until the client goes away. Fed by commit notifications, never by polling. A day
 * not opened yet is watched under the id it will open with, so its opening arrives too.
 */
export class BoardWatcher {
  constructor(
    private readonly env: CommandEnv,
    private readonly changes: DoctorDayChanges,
  ) {}

  async follow(
    call: Pick<CommandCall, 'signal'>,
    doctorId: string,
    date: string,
    send: (message: WatchDoctorDayResponse) => Promise<void>,
  ): Promise<void> {
    const first = await doctorDayView(this.env, doctorId, date);
    const doctorDayId = first.day.id;
    if (!doctorDayId) {
      await send({ board: boardMessage(first), events: [] });
      return; // a past day that never opened will not change
    }
    let dirty = false;
    let wake: (() => void) | undefined;
    const unsubscribe = this.changes.subscribe(doctorDayId, () => {
      dirty = true;
      wake?.();
    });
    try {
      // A change between the first read and the subscription must not be missed.
      const current = await doctorDayView(this.env, doctorId, date);
      await send({ board: boardMessage(current), events: [] });
      let seen = current.day.eventSequence;
      while (!call.signal.aborted) {
        if (!dirty) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            call.signal.addEventListener('abort', () => resolve(), { once: true });
          });
          wake = undefined;
          continue;
        }
        dirty = false;
        const view = await doctorDayView(this.env, doctorId, date);
        if (view.day.eventSequence <= seen) continue;
        const rows = await this.env.orm.em
          .fork()
          .find(
            OutboxEvent,
            { doctorDayId, sequence: { $gt: seen, $lte: view.day.eventSequence } },
            { orderBy: { sequence: 'asc' } },
          );
        seen = view.day.eventSequence;
        await send({
          board: boardMessage(view),
          events: rows.map((r) => EventEnvelope.decode(r.payload)),
        });
      }
    } finally {
      unsubscribe();
    }
  }
}
