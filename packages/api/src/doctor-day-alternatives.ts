import { DoctorDayAlternatives, type DoctorDayAlternative } from './gen/opd/v1/board.js';
import type { Any } from './gen/google/protobuf/any.js';

/** The type URL the alternatives travel under in a status's details. */
export const DOCTOR_DAY_ALTERNATIVES_TYPE = 'type.googleapis.com/opd.v1.DoctorDayAlternatives';

/**
 * The doctor-days with room a DOCTOR_DAY_FULL refusal offers, from the error's details (empty
 * when there are none).
 */
export function doctorDayAlternativesIn(details: readonly Any[]): DoctorDayAlternative[] {
  const packed = details.find((d) => d.typeUrl === DOCTOR_DAY_ALTERNATIVES_TYPE);
  return packed ? DoctorDayAlternatives.decode(packed.value).alternatives : [];
}
