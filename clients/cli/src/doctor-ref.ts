import type { Doctor } from '@opd/api';
import type { AllocationClient } from './clients.js';
import { CliError } from './errors.js';
import { isUuid } from './parse.js';

/** Every doctor, page by page (a hospital has hundreds at most). */
export async function listAllDoctors(
  client: AllocationClient,
  filter: { department?: string; showInactive?: boolean } = {},
): Promise<Doctor[]> {
  const doctors: Doctor[] = [];
  let pageToken = '';
  do {
    const page = await client.listDoctors({
      department: filter.department ?? '',
      showInactive: filter.showInactive ?? false,
      pageSize: 500,
      pageToken,
    });
    doctors.push(...page.doctors);
    pageToken = page.nextPageToken;
  } while (pageToken !== '');
  return doctors;
}

/**
 * A doctor named by id or by a unique part of the name ("rao" for "Dr. Meera Rao"), so an
 * operator need not copy UUIDs around.
 */
export async function resolveDoctor(client: AllocationClient, ref: string): Promise<Doctor> {
  if (isUuid(ref)) {
    const { doctor } = await client.getDoctor({ doctorId: ref.toLowerCase() });
    if (!doctor) throw new CliError(`No doctor has id ${ref}.`);
    return doctor;
  }
  const needle = ref.trim().toLowerCase();
  const doctors = await listAllDoctors(client, { showInactive: true });
  const matches = doctors.filter((d) => d.displayName.toLowerCase().includes(needle));
  const exact = matches.filter((d) => d.displayName.toLowerCase() === needle);
  const [only] = exact.length === 1 ? exact : matches;
  if (matches.length === 0 || !only) {
    throw new CliError(`No doctor's name contains '${ref}'. \`opd doctor list\` shows them all.`);
  }
  if (exact.length !== 1 && matches.length > 1) {
    throw new CliError(
      `'${ref}' matches ${matches.length} doctors (${matches.map((d) => d.displayName).join(', ')}): ` +
        'give more of the name, or the doctor id.',
    );
  }
  return only;
}
