// The display's rooms from its address: #/display?doctors=<ids>&departments=<names>, as the
// main process (or a test) opens it. None named: every doctor.
import type { DoctorView } from '../../../shared/views.js';

export interface DisplayRoute {
  readonly doctorIds: readonly string[];
  readonly departments: readonly string[];
}

/** The route when the page is the waiting-room display, else null. */
export function displayRouteOf(hash: string): DisplayRoute | null {
  if (!hash.startsWith('#/display')) return null;
  const query = new URLSearchParams(hash.slice('#/display'.length).replace(/^\?/, ''));
  const list = (name: string) =>
    (query.get(name) ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  return { doctorIds: list('doctors'), departments: list('departments') };
}

/** The doctors whose rooms the display shows, in the order named (else by department). */
export function displayedDoctors(
  doctors: readonly DoctorView[],
  route: DisplayRoute,
): DoctorView[] {
  const fold = (text: string) => text.trim().toLocaleLowerCase();
  if (route.doctorIds.length === 0 && route.departments.length === 0) return [...doctors];
  const byId = route.doctorIds.flatMap((id) => doctors.filter((d) => d.doctorId === id));
  const byDepartment = route.departments.flatMap((department) =>
    doctors.filter((d) => fold(d.department) === fold(department) && !byId.includes(d)),
  );
  return [...byId, ...byDepartment];
}
