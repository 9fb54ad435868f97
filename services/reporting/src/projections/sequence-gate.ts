/**
 * What to do with an event of a doctor-day whose events up to `appliedSequence` are in the read
 * model. Sequences are gap-free per doctor-day (events.proto), so anything at or below the
 * position is a copy already applied, and anything beyond the next one has overtaken a missing
 * event and must wait for it.
 *
 * @example sequenceVerdict(4, 5) // 'apply'
 * @example sequenceVerdict(4, 3) // 'duplicate'
 * @example sequenceVerdict(4, 7) // 'gap' (5 and 6 are still on their way)
 */
export function sequenceVerdict(
  appliedSequence: number,
  sequence: number,
): 'apply' | 'duplicate' | 'gap' {
  if (sequence <= appliedSequence) return 'duplicate';
  return sequence === appliedSequence + 1 ? 'apply' : 'gap';
}
