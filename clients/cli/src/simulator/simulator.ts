// Plays an OPD morning against the allocation service through its public gRPC API: Poisson
// arrivals by source, then what patients do next (check in, cancel, fail to turn up, give up
// waiting) and what the doctors' rooms do (rooms.ts: call, recall, skip, see, transfer). Arrivals are compressed by --speed; the service keeps real
// time, so grace periods and slot ends still follow the wall clock (see the README).
import type { Preemption, Promotion } from '@opd/api';
import type { AllocationClient } from '../clients.js';
import { CliError, describeServiceError } from '../errors.js';
import { sourceName } from '../format.js';
import { mutate } from '../mutate.js';
import { type Action, isRoomAction, type TokenAction } from './actions.js';
import { afterToken, afterWaitlisted } from './behaviour.js';
import { checkBoards } from './check-boards.js';
import { playTimeline } from './pacer.js';
import { type Patient, PatientRegistry } from './patients.js';
import { Population } from './population.js';
import { Random, poissonArrivals } from './random.js';
import { classifyRefusal } from './refusals.js';
import type { RoomTally } from './room-tally.js';
import { Rooms } from './rooms.js';
import {
  ARRIVALS_PER_DOCTOR_MINUTE,
  PREFERS_A_SLOT,
  PRESENT_AT_REQUEST,
  SOURCE_MIX,
} from './scenario.js';
import { type SimulatedDoctor, type SimulationDay, simulatedClock } from './simulation-day.js';
import { Tally } from './tally.js';
import { Timeline } from './timeline.js';

export interface SimulationOptions {
  readonly day: SimulationDay;
  /** Simulated minutes to play. */
  readonly minutes: number;
  /** Simulated minutes per real minute: 60 plays a minute a second, 1 is real time. */
  readonly speed: number;
  /** Arrivals per simulated minute over the whole hospital. */
  readonly ratePerMinute?: number;
  readonly seed: number;
  /** The rooms' client, with a doctor (or admin) key; by default the counter's. */
  readonly roomClient?: AllocationClient;
  /** Calls in flight at once (several counters working side by side). */
  readonly concurrency?: number;
  readonly signal: AbortSignal;
  /** Receives one line per notable happening (allocations, displacements, promotions…). */
  readonly onLine: (line: string) => void;
}

export interface SimulationResult {
  readonly tally: Tally;
  readonly rooms: RoomTally;
  readonly ratePerMinute: number;
  readonly violations: readonly string[];
  readonly realSeconds: number;
  readonly stoppedEarly: boolean;
}

export class Simulator {
  private readonly random: Random;
  private readonly population: Population;
  private readonly timeline = new Timeline<Action>();
  private readonly patients = new PatientRegistry();
  private readonly tally = new Tally();
  private readonly rooms: Rooms;
  private readonly width: number;
  private fatal: CliError | undefined;

  constructor(
    private readonly client: AllocationClient,
    private readonly options: SimulationOptions,
  ) {
    this.random = new Random(options.seed);
    this.population = new Population(new Random(options.seed ^ 0x5eed));
    this.width = Math.max(...options.day.doctors.map((d) => d.doctor.displayName.length));
    this.rooms = new Rooms({
      room: options.roomClient ?? client,
      counter: client,
      random: new Random(options.seed ^ 0x7007),
      day: options.day,
      patients: this.patients,
      tally: this.tally,
      schedule: (...actions) => this.schedule(...actions),
      say: (at, what, doctor, text) => this.say(at, what, doctor, text),
      promote: (at, promotions, doctor) => this.promote(at, promotions, doctor),
      displace: (preemption) => this.displace(preemption),
      miss: (error, action) => this.miss(error, action),
    });
  }

  get ratePerMinute(): number {
    return (
      this.options.ratePerMinute ?? ARRIVALS_PER_DOCTOR_MINUTE * this.options.day.doctors.length
    );
  }

  async run(): Promise<SimulationResult> {
    const started = Date.now();
    for (const at of poissonArrivals(this.random, this.ratePerMinute, this.options.minutes)) {
      this.timeline.push({ at, kind: 'arrive' });
    }
    // The rooms work only on the day itself, when patients can check in.
    if (this.options.day.isToday) this.schedule(...this.rooms.open());
    await playTimeline(
      this.timeline,
      {
        speed: this.options.speed,
        concurrency: this.options.concurrency ?? 8,
        signal: this.options.signal,
        stopped: () => this.fatal !== undefined,
      },
      (action) => this.perform(action),
    );
    if (this.fatal) throw this.fatal;
    return {
      tally: this.tally,
      rooms: this.rooms.tally,
      ratePerMinute: this.ratePerMinute,
      violations: await checkBoards(this.client, this.options.day),
      realSeconds: (Date.now() - started) / 1000,
      stoppedEarly: this.options.signal.aborted,
    };
  }

  private say(at: number, what: string, doctor: SimulatedDoctor, text: string): void {
    this.options.onLine(
      `${simulatedClock(this.options.day, at)}  ${what.padEnd(9)}  ${doctor.doctor.displayName.padEnd(this.width)}  ${text}`,
    );
  }

  private async perform(action: Action): Promise<void> {
    if (isRoomAction(action)) return this.rooms.perform(action);
    try {
      switch (action.kind) {
        case 'arrive':
          return await this.arrive(action.at);
        case 'withdraw':
          return await this.withdraw(action.at, action.patient, action.entryId);
        default:
          return await this.move(action);
      }
    } catch (error) {
      this.miss(error, action);
    }
  }

  private async arrive(at: number): Promise<void> {
    const source = this.random.weighted(SOURCE_MIX);
    const doctor = this.random.pick(this.options.day.doctors);
    const person = this.population.next();
    const prefers = !PRESENT_AT_REQUEST.has(source) && this.random.chance(PREFERS_A_SLOT);
    const patient: Patient = { ...person, source, doctor, state: 'done' };
    this.tally.add(source, 'arrived');
    const began = performance.now();
    const answer = await mutate((requestId) =>
      this.client.requestToken({
        requestId,
        patientId: '',
        patientPhone: person.phone,
        patientName: person.name,
        doctorId: doctor.doctor.doctorId,
        date: this.options.day.date,
        source,
        preferredSlotId: prefers ? this.random.pick(doctor.liveSlots).slotId : '',
        notes: '',
      }),
    );
    this.tally.requestLatenciesMs.push(performance.now() - began);
    const outcome = answer.outcome;
    if (outcome?.$case === 'allocated' && outcome.value.token) {
      const token = outcome.value.token;
      this.patients.hold(patient, token.tokenId);
      this.tally.add(source, 'allocated');
      const displaced = outcome.value.preemption;
      if (displaced) this.tally.add(source, 'preempting');
      const extra = displaced ? `; ${this.displace(displaced)}` : '';
      this.say(
        at,
        sourceName(source),
        doctor,
        `token ${token.tokenNumber} at ${token.slotLocalStartTime}${extra}`,
      );
      this.schedule(
        ...afterToken(this.random, patient, token.tokenId, at, this.options.day.isToday),
      );
    } else if (outcome?.$case === 'waitlisted' && outcome.value.waitlistEntry) {
      const entry = outcome.value.waitlistEntry;
      this.patients.wait(patient, entry.waitlistEntryId);
      this.tally.add(source, 'waitlisted');
      this.say(at, sourceName(source), doctor, `full: waitlisted at position ${entry.position}`);
      this.schedule(...afterWaitlisted(this.random, patient, entry.waitlistEntryId, at));
    }
  }

  /** Books the displaced patient onto the waitlist in our records; returns what to print. */
  private displace(preemption: Preemption): string {
    const victim = this.patients.byToken(preemption.preemptedTokenId);
    const source = victim?.source;
    if (victim && source !== undefined) {
      this.tally.add(source, 'displaced');
      this.patients.wait(victim, preemption.waitlistEntryId);
    } else {
      this.tally.displacedOutsiders++;
    }
    const whose = source === undefined ? '' : ` (${sourceName(source)})`;
    return `displaced token ${preemption.preemptedTokenNumber}${whose} to waitlist position ${preemption.waitlistPosition}`;
  }

  private promote(at: number, promotions: readonly Promotion[], doctor: SimulatedDoctor): void {
    for (const promotion of promotions) {
      const token = promotion.token;
      if (!token) continue;
      const patient = this.patients.byEntry(promotion.waitlistEntryId);
      if (patient) {
        this.patients.hold(patient, token.tokenId);
        this.tally.add(patient.source, 'promoted');
        this.schedule(
          ...afterToken(this.random, patient, token.tokenId, at, this.options.day.isToday),
        );
      }
      this.say(
        at,
        'promoted',
        doctor,
        `${token.patientName} from the waitlist to token ${token.tokenNumber} at ${token.slotLocalStartTime}`,
      );
    }
  }

  /** Puts what the patient does next on the agenda (within the simulated time). */
  private schedule(...actions: Action[]): void {
    for (const action of actions) {
      if (action.at < this.options.minutes) this.timeline.push(action);
    }
  }

  /** Check-in, cancellation or no-show of a token the patient still holds. */
  private async move(action: TokenAction): Promise<void> {
    const { patient, tokenId, at } = action;
    const stillOurs = patient.tokenId === tokenId && patient.state === 'holding';
    // A cancellation may come after check-in (not once called in); anything else needs the
    // token still ALLOCATED.
    if (
      !stillOurs &&
      !(action.kind === 'cancel' && patient.tokenId === tokenId && patient.state === 'checked-in')
    ) {
      return;
    }
    const doctor = patient.doctor;
    switch (action.kind) {
      case 'check-in':
        await mutate((requestId) => this.client.checkInToken({ requestId, tokenId }));
        // Now in the room queue: the doctor's room calls them when their turn comes.
        patient.state = 'checked-in';
        this.tally.add(patient.source, 'checkedIn');
        return;
      case 'cancel': {
        const answer = await mutate((requestId) =>
          this.client.cancelToken({ requestId, tokenId, reason: 'Simulated: patient cancelled' }),
        );
        this.patients.leave(patient);
        this.tally.add(patient.source, 'cancelled');
        this.say(
          at,
          'cancel',
          doctor,
          `token ${answer.token?.tokenNumber ?? '?'} (${sourceName(patient.source)})`,
        );
        this.promote(at, answer.promotions, doctor);
        return;
      }
      case 'no-show': {
        const answer = await mutate((requestId) => this.client.markNoShow({ requestId, tokenId }));
        this.patients.leave(patient);
        this.tally.add(patient.source, 'noShow');
        this.say(
          at,
          'no-show',
          doctor,
          `token ${answer.token?.tokenNumber ?? '?'} (${sourceName(patient.source)})`,
        );
        this.promote(at, answer.promotions, doctor);
        return;
      }
    }
  }

  private async withdraw(at: number, patient: Patient, entryId: string): Promise<void> {
    if (patient.state !== 'waiting' || patient.entryId !== entryId) return;
    await mutate((requestId) =>
      this.client.cancelWaitlistEntry({
        requestId,
        waitlistEntryId: entryId,
        reason: 'Simulated: left',
      }),
    );
    this.patients.leave(patient);
    this.tally.add(patient.source, 'withdrew');
    this.say(at, 'left', patient.doctor, `a ${sourceName(patient.source)} patient gave up waiting`);
  }

  /** Counts a call the service refused, in the words of why; stops the run if unreachable. */
  private miss(error: unknown, action: Action): void {
    const refusal = classifyRefusal(error);
    const { misses } = this.tally;
    if (refusal.kind === 'already-held') misses.alreadyHeld++;
    else if (refusal.kind === 'too-early') misses.noShowTooEarly++;
    else if (refusal.kind === 'overtaken') misses.raced++;
    else if (refusal.kind === 'refused') this.tally.refused(refusal.reason);
    else {
      misses.errors++;
      const text = describeServiceError(error, { service: 'allocation', address: 'the service' });
      const hint = isRoomAction(action)
        ? "\n  The simulator's rooms call with --doctor-key (OPD_DOCTOR_API_KEY), else with --key."
        : '';
      if (refusal.kind === 'fatal') this.fatal ??= new CliError(text + hint);
      else
        this.options.onLine(`${simulatedClock(this.options.day, action.at)}  error      ${text}`);
    }
  }
}
