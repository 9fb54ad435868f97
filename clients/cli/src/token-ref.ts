import { InvalidArgumentError } from 'commander';
import type { AllocationClient } from './clients.js';
import { resolveDoctor } from './doctor-ref.js';
import { CliError, UsageError } from './errors.js';
import { isUuid } from './parse.js';

/** A token argument: its id (UUID), or its number ("7" or "#7") with --doctor. */
export function tokenRefArg(value: string): string {
  if (isUuid(value)) return value.toLowerCase();
  if (/^#?\d{1,6}$/.test(value)) return value.replace(/^#/, '');
  throw new InvalidArgumentError('expected a token id (UUID), or a token number with --doctor');
}

/**
 * The token id a room operation acts on. The room speaks in token numbers ("call 7 again"),
 * so a number is looked up on the doctor's board for the date.
 */
export async function resolveTokenId(
  client: AllocationClient,
  ref: string,
  where: { doctor?: string | undefined; date: string },
): Promise<string> {
  if (isUuid(ref)) return ref;
  if (!where.doctor) {
    throw new UsageError(
      `Token ${ref} of which doctor? Add --doctor <doctor>, or give the token id.`,
    );
  }
  const doctor = await resolveDoctor(client, where.doctor);
  const { board } = await client.getDoctorDayBoard({ doctorId: doctor.doctorId, date: where.date });
  const token = board?.tokens.find((t) => t.tokenNumber === Number(ref));
  if (!token) throw new CliError(`${doctor.displayName} has no token ${ref} on ${where.date}.`);
  return token.tokenId;
}
