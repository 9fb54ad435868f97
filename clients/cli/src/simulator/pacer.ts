import type { Timed, Timeline } from './timeline.js';

export interface PaceOptions {
  /** Simulated minutes per real minute. */
  readonly speed: number;
  /** Actions performed at once, at most. */
  readonly concurrency: number;
  readonly signal: AbortSignal;
  /** Checked before each action: true stops the run (e.g. the service is unreachable). */
  readonly stopped?: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Performs the timeline's actions when their simulated minute comes round in real time,
 * several at once, until the timeline is empty (actions may schedule new ones) or the run is
 * stopped; waits for the actions in flight either way.
 */
export async function playTimeline<T extends Timed>(
  timeline: Timeline<T>,
  options: PaceOptions,
  perform: (action: T) => Promise<void>,
): Promise<void> {
  const started = Date.now();
  const msPerMinute = 60_000 / options.speed;
  const inFlight = new Set<Promise<void>>();
  const aborted = new Promise<void>((resolve) =>
    options.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  while (timeline.size > 0 || inFlight.size > 0) {
    if (options.signal.aborted || options.stopped?.()) break;
    const next = timeline.peek();
    const wait = next ? started + next.at * msPerMinute - Date.now() : Infinity;
    if (!next || wait > 0 || inFlight.size >= options.concurrency) {
      // Wake for the next action, or earlier when a call in flight finishes (it may
      // schedule something sooner), or when the run is stopped.
      await Promise.race([
        ...inFlight,
        ...(next && inFlight.size < options.concurrency ? [sleep(Math.min(wait, 1_000))] : []),
        aborted,
      ]);
      continue;
    }
    timeline.pop();
    const work: Promise<void> = perform(next).finally(() => inFlight.delete(work));
    inFlight.add(work);
  }
  await Promise.all(inFlight);
}
