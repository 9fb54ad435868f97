// The doctors' rooms of a simulated day (DESIGN.md 3b): each room calls the next checked-in
// patient when it is free, sees them for a time drawn around the doctor's own pace, recalls a
// patient who is not at the door and sometimes skips them (they are called again later), and
// now and then sends one to another doctor. Calls, recalls, skips and completions go with the
// doctor key; a transfer is made at the counter.
import type { Preemption, Promotion } from '@opd/api';
import { decodeServiceError } from '@opd/service-runtime';
import type { AllocationClient } from '../clients.js';
import { sourceName, times } from '../format.js';
import { mutate } from '../mutate.js';
import type { Action, CalledToken, RoomAction, RoomCall, RoomStep } from './actions.js';
import type { PatientRegistry } from './patients.js';
import type { Random } from './random.js';
import { RoomTally } from './room-tally.js';
import { ROOM } from './scenario.js';
import type { SimulatedDoctor, SimulationDay } from './simulation-day.js';
import type { Tally } from './tally.js';

/** What the rooms share with the rest of the simulation. */
export interface RoomDeps {
  /** Calls with a doctor (or admin) key. */
  readonly room: AllocationClient;
  /** Calls with the counter's key: transfers, and the no-show of a patient skipped twice. */
  readonly counter: AllocationClient;
  readonly random: Random;
  readonly day: SimulationDay;
  readonly patients: PatientRegistry;
  readonly tally: Tally;
  schedule(...actions: Action[]): void;
  say(at: number, what: string, doctor: SimulatedDoctor, text: string): void;
  promote(at: number, promotions: readonly Promotion[], doctor: SimulatedDoctor): void;
  displace(preemption: Preemption): string;
  miss(error: unknown, action: Action): void;
}

export class Rooms {
  readonly tally: RoomTally;
  private readonly pace = new Map<string, number>();

  constructor(private readonly deps: RoomDeps) {
    for (const { doctor } of deps.day.doctors) {
      this.pace.set(doctor.doctorId, deps.random.between(...ROOM.pace));
    }
    this.tally = new RoomTally(
      deps.day.doctors.map(({ doctor }) => ({
        id: doctor.doctorId,
        name: doctor.displayName,
        pace: this.pace.get(doctor.doctorId) ?? 0,
      })),
    );
  }

  /** Every room's first look at its queue, in the first minutes of the run. */
  open(): RoomCall[] {
    return this.deps.day.doctors.map((doctor) => ({
      at: this.deps.random.between(0, 2),
      kind: 'room-call',
      doctor,
    }));
  }

  /**
   * One step of a room. Whatever happens the room carries on: a step that fails is counted
   * and the room calls again a little later.
   */
  async perform(action: RoomAction): Promise<void> {
    let free: boolean;
    try {
      free = await this.step(action);
    } catch (error) {
      this.deps.miss(error, action);
      free = true;
    }
    if (free) {
      this.deps.schedule({
        at: this.after(action.at, ROOM.turnaround),
        kind: 'room-call',
        doctor: action.doctor,
      });
    }
  }

  /** True when the room is free again; false when the step scheduled what comes next. */
  private async step(action: RoomAction): Promise<boolean> {
    switch (action.kind) {
      case 'room-call':
        return this.call(action);
      case 'room-recall':
        return this.recall(action);
      case 'room-skip':
        return this.skip(action);
      case 'room-complete':
        return this.complete(action);
      case 'room-transfer':
        return this.transfer(action);
    }
  }

  private after(at: number, [min, max]: readonly [number, number]): number {
    return at + this.deps.random.between(min, max);
  }

  /** A consultation's length: the doctor's pace, some longer, some shorter. */
  private consultation(doctor: SimulatedDoctor): number {
    const pace = this.pace.get(doctor.doctor.doctorId) ?? ROOM.pace[0];
    return pace * this.deps.random.between(...ROOM.spread);
  }

  private next(
    at: number,
    kind: RoomStep['kind'],
    doctor: SimulatedDoctor,
    token: CalledToken,
  ): false {
    this.deps.schedule({ at, kind, doctor, token });
    return false;
  }

  private seeThem(at: number, doctor: SimulatedDoctor, token: CalledToken): false {
    return this.next(at + this.consultation(doctor), 'room-complete', doctor, token);
  }

  private async call({ at, doctor }: RoomCall): Promise<boolean> {
    const { room, random, day } = this.deps;
    const doctorId = doctor.doctor.doctorId;
    let answer;
    try {
      answer = await mutate((requestId) => room.callNext({ requestId, doctorId, date: day.date }));
    } catch (error) {
      // Someone is still in the room (called before the run, or a step that failed): the
      // room finishes with them first.
      const { reason, metadata } = decodeServiceError(error);
      const tokenId = metadata['token_id'];
      if (reason !== 'TOKEN_ALREADY_CALLED' || !tokenId) throw error;
      const tokenNumber = Number(metadata['token_number'] ?? 0);
      return this.next(this.after(at, ROOM.turnaround), 'room-complete', doctor, {
        tokenId,
        tokenNumber,
      });
    }
    const token = answer.token;
    if (!token) {
      this.deps.schedule({ at: this.after(at, ROOM.idle), kind: 'room-call', doctor });
      return false;
    }
    this.tally.add(doctorId, 'calls');
    const patient = this.deps.patients.byToken(token.tokenId);
    if (patient?.tokenId === token.tokenId) patient.state = 'called';
    this.deps.say(
      at,
      'call',
      doctor,
      `token ${token.tokenNumber} (${sourceName(token.source)})` +
        `${token.skipCount > 0 ? ', skipped before' : ''}; ${answer.queueLength} waiting`,
    );
    const called = { tokenId: token.tokenId, tokenNumber: token.tokenNumber, calledAt: at };
    if (random.chance(ROOM.notThere)) {
      return this.next(this.after(at, ROOM.answerWait), 'room-recall', doctor, called);
    }
    if (day.doctors.length > 1 && random.chance(ROOM.transfer)) {
      return this.next(at + this.consultation(doctor) / 2, 'room-transfer', doctor, called);
    }
    return this.seeThem(at, doctor, called);
  }

  private async recall({ at, doctor, token }: RoomStep): Promise<boolean> {
    const { tokenId } = token;
    await mutate((requestId) => this.deps.room.recallToken({ requestId, tokenId }));
    this.tally.add(doctor.doctor.doctorId, 'recalls');
    this.deps.say(at, 'recall', doctor, `token ${token.tokenNumber}`);
    return this.deps.random.chance(ROOM.stillNotThere)
      ? this.next(this.after(at, ROOM.answerWait), 'room-skip', doctor, token)
      : this.seeThem(at, doctor, token);
  }

  /** The patient did not come: they wait behind the others; skipped twice, a no-show. */
  private async skip({ at, doctor, token }: RoomStep): Promise<boolean> {
    const { tokenId } = token;
    const answer = await mutate((requestId) => this.deps.room.skipToken({ requestId, tokenId }));
    this.tally.add(doctor.doctor.doctorId, 'skips');
    const patient = this.deps.patients.byToken(tokenId);
    if (patient?.tokenId === tokenId) patient.state = 'checked-in';
    const skips = answer.token?.skipCount ?? 1;
    this.deps.say(at, 'skip', doctor, `token ${token.tokenNumber} (skipped ${times(skips)})`);
    if (skips >= 2) {
      const marked = await mutate((requestId) =>
        this.deps.counter.markNoShow({ requestId, tokenId }),
      );
      if (patient) this.deps.patients.leave(patient);
      if (marked.token) this.deps.tally.add(marked.token.source, 'noShow');
      this.deps.say(at, 'no-show', doctor, `token ${token.tokenNumber}, skipped twice`);
      this.deps.promote(at, marked.promotions, doctor);
    }
    return true;
  }

  private async complete({ at, doctor, token }: RoomStep): Promise<boolean> {
    const { tokenId } = token;
    const answer = await mutate((requestId) =>
      this.deps.room.completeToken({ requestId, tokenId }),
    );
    const doctorId = doctor.doctor.doctorId;
    this.tally.add(doctorId, 'seen');
    if (token.calledAt !== undefined) this.tally.consulted(doctorId, at - token.calledAt);
    if (answer.token) this.deps.tally.add(answer.token.source, 'completed');
    const patient = this.deps.patients.byToken(tokenId);
    if (patient?.tokenId === tokenId) this.deps.patients.leave(patient);
    return true;
  }

  /** The doctor sends the patient to a colleague; refused, the room sees them after all. */
  private async transfer(action: RoomStep): Promise<boolean> {
    const { at, doctor, token } = action;
    const { counter, random, day, patients } = this.deps;
    const target = random.pick(day.doctors.filter((d) => d !== doctor));
    let answer;
    try {
      answer = await mutate((requestId) =>
        counter.transferToken({
          requestId,
          tokenId: token.tokenId,
          targetDoctorId: target.doctor.doctorId,
          reason: 'Simulated: needs another opinion',
        }),
      );
    } catch (error) {
      this.deps.miss(error, action);
      return this.seeThem(at, doctor, token);
    }
    this.tally.add(doctor.doctor.doctorId, 'transferred');
    const fresh = answer.newToken;
    const patient = patients.byToken(token.tokenId);
    if (patient && fresh) {
      patients.hold(patient, fresh.tokenId);
      patient.state = 'checked-in';
      patient.doctor = target;
    }
    const displaced = answer.preemption ? `; ${this.deps.displace(answer.preemption)}` : '';
    this.deps.say(
      at,
      'transfer',
      doctor,
      `token ${token.tokenNumber} to ${target.doctor.displayName}, token ${fresh?.tokenNumber ?? '?'} there${displaced}`,
    );
    this.deps.promote(at, answer.promotions, doctor);
    return true;
  }
}
