// A token as patients read it: the number, with the doctor's prefix when the hospital set one
// ("ENT-44"), so two rooms' token 44 are not confused on a slip, a board or the display.
// Environment: std.

/** The configured prefix of a doctor: by the doctor's id first, else by the department. */
export function tokenPrefix(
  prefixes: Readonly<Record<string, string>>,
  doctor: { readonly doctorId: string; readonly department: string } | null,
): string {
  if (doctor === null) return '';
  if (Object.hasOwn(prefixes, doctor.doctorId)) return prefixes[doctor.doctorId] ?? '';
  const department = doctor.department.trim().toLocaleLowerCase();
  const key = Object.keys(prefixes).find((k) => k.trim().toLocaleLowerCase() === department);
  return key === undefined ? '' : (prefixes[key] ?? '');
}

/**
 * @example tokenLabel(44, 'ENT') // 'ENT-44'
 * @example tokenLabel(44, '')    // '44'
 */
export function tokenLabel(tokenNumber: number, prefix: string): string {
  return prefix === '' ? String(tokenNumber) : `${prefix}-${tokenNumber}`;
}

/**
 * An EMERGENCY token still to be seen goes first in the room queue, so it is told "next,
 * emergency" rather than a slot time hours away.
 */
export function nextAsEmergency(token: {
  readonly source: string;
  readonly status: string;
}): boolean {
  return (
    token.source === 'EMERGENCY' && (token.status === 'ALLOCATED' || token.status === 'CHECKED_IN')
  );
}
