import type { Sampler } from '../sampler.js';
import { Check, type CheckResult } from './check.js';

/** What the sampler saw while the load and the faults ran. */
export function checkSamples(sampler: Sampler): CheckResult {
  const check = new Check('capacity and one place per patient, sampled during the run');
  for (const s of sampler.samples) {
    check.look(
      s.storedOverCapacity + s.heldOverCapacity + s.occupancyDrift + s.doubleBooked > 0 &&
        `at ${new Date(s.at).toISOString()}: ${s.storedOverCapacity} slots stored over capacity, ` +
          `${s.heldOverCapacity} holding more tokens than capacity, ${s.occupancyDrift} with ` +
          `occupancy out of step, ${s.doubleBooked} patients with two places`,
    );
  }
  if (sampler.samples.length === 0) check.fail('no sample could be taken');
  return check.result();
}
