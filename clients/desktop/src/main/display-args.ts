// The waiting-room display from the command line: `npm run display -w @opd/desktop -- <doctor
// ids or departments>` starts (or asks the running app to open) a display of those rooms. The
// renderer learns which rooms from its address, e.g. app://opd/index.html#/display?departments=ENT.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DisplayTargets {
  readonly doctorIds: readonly string[];
  readonly departments: readonly string[];
}

/**
 * The display's rooms from the process's arguments, or null when it was not asked for. Each
 * argument after `--display` (or `--display=…`) is a doctor's id or a department; commas
 * separate several in one argument. None at all means every doctor.
 *
 * @example displayTargets(['electron', '.', '--display', 'ENT,General Medicine'])
 *   // { doctorIds: [], departments: ['ENT', 'General Medicine'] }
 */
export function displayTargets(argv: readonly string[]): DisplayTargets | null {
  const at = argv.findIndex((arg) => arg === '--display' || arg.startsWith('--display='));
  if (at < 0) return null;
  const inline = argv[at]?.startsWith('--display=') ? [argv[at].slice('--display='.length)] : [];
  const words = [...inline, ...argv.slice(at + 1).filter((arg) => !arg.startsWith('--'))]
    .flatMap((arg) => arg.split(','))
    .map((word) => word.trim())
    .filter((word) => word !== '');
  const unique = [...new Set(words)];
  return {
    doctorIds: unique.filter((word) => UUID.test(word)).map((id) => id.toLowerCase()),
    departments: unique.filter((word) => !UUID.test(word)),
  };
}

/** The renderer's route for a display of these rooms. */
export function displayRoute(targets: DisplayTargets): string {
  const query = new URLSearchParams();
  if (targets.doctorIds.length > 0) query.set('doctors', targets.doctorIds.join(','));
  if (targets.departments.length > 0) query.set('departments', targets.departments.join(','));
  const text = query.toString();
  return `#/display${text ? `?${text}` : ''}`;
}
