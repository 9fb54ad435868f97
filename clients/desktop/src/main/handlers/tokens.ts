// The counter's token actions: find a patient, issue a token, and move tokens through the day.
import { status } from '@grpc/grpc-js';
import { decodeServiceError } from '@opd/service-runtime';
import { Sex, type PatientDetails } from '@opd/api';
import type {
  InvokeMap,
  IssueTokenResult,
  PatientLookup,
  RegistrationInput,
} from '../../shared/ipc-contract.js';
import type { HandlerDeps } from './deps.js';
import { toSource } from './enums.js';
import { withRetry } from './retry.js';
import { patientView, required, slotView, tokenView, waitlistEntryView } from './to-view.js';

type Req<K extends keyof InvokeMap> = InvokeMap[K]['request'];

const codeOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

/** The registration fields as the contract takes them; empty ones stay unrecorded. */
function registrationOf(input: RegistrationInput): PatientDetails {
  return {
    sex: input.sex ? Sex[`SEX_${input.sex}`] : Sex.SEX_UNSPECIFIED,
    birthDate: input.birthDate.trim(),
    ...(input.ageYears !== null ? { ageYears: input.ageYears } : {}),
    abhaNumber: input.abhaNumber.trim(),
    hospitalNumber: input.hospitalNumber.trim(),
  };
}

export function tokenHandlers(deps: HandlerDeps) {
  const allocation = deps.clients.allocation;

  /** ALREADY_EXISTS is an answer at the counter, not a failure: say what the patient holds. */
  async function alreadyHolds(error: unknown): Promise<IssueTokenResult | null> {
    if (codeOf(error) !== status.ALREADY_EXISTS) return null;
    const { metadata } = decodeServiceError(error);
    const tokenId = metadata['token_id'];
    if (tokenId) {
      const answer = await withRetry(() => allocation.getToken({ tokenId }));
      return {
        outcome: 'already-holds',
        token: tokenView(required(answer.token, 'the token')),
        waitlistPosition: null,
      };
    }
    const position = Number(metadata['position']);
    return {
      outcome: 'already-holds',
      token: null,
      waitlistPosition: Number.isInteger(position) ? position : null,
    };
  }

  return {
    async findPatient(request: Req<'findPatient'>): Promise<PatientLookup> {
      try {
        const answer = await withRetry(() => allocation.findPatient({ phone: request.phone }));
        const patient = patientView(required(answer.patient, 'the patient'));
        return {
          found: true,
          patient,
          // An older service lists no patients: then the phone has just the one.
          patients: answer.patients.length > 0 ? answer.patients.map(patientView) : [patient],
          tokens: answer.tokens.map(tokenView),
          waitlist: answer.waitlistEntries.map(waitlistEntryView),
        };
      } catch (error) {
        if (codeOf(error) === status.NOT_FOUND) return { found: false };
        throw error;
      }
    },

    async issueToken(request: Req<'issueToken'>): Promise<IssueTokenResult> {
      try {
        const answer = await withRetry(() =>
          allocation.requestToken({
            requestId: request.requestId,
            // A patient picked from the family on the phone is named by id; else phone + name.
            patientId: request.patientId ?? '',
            patientPhone: request.patientId ? '' : request.phone,
            patientName: request.patientId ? '' : request.name.trim(),
            ...(request.registration ? { registration: registrationOf(request.registration) } : {}),
            doctorId: request.doctorId,
            date: request.date,
            source: toSource(request.source),
            preferredSlotId: request.preferredSlotId ?? '',
            notes: request.notes,
          }),
        );
        const outcome = required(answer.outcome, 'an outcome');
        if (outcome.$case === 'waitlisted') {
          return {
            outcome: 'waitlisted',
            entry: waitlistEntryView(required(outcome.value.waitlistEntry, 'the waitlist entry')),
          };
        }
        const { token, slot, preemption } = outcome.value;
        return {
          outcome: 'allocated',
          token: tokenView(required(token, 'the token')),
          slot: slotView(required(slot, 'the slot')),
          preemption: preemption
            ? {
                tokenNumber: preemption.preemptedTokenNumber,
                waitlistPosition: preemption.waitlistPosition,
                reason: preemption.reason,
              }
            : null,
        };
      } catch (error) {
        const answer = await alreadyHolds(error);
        if (answer) return answer;
        throw error;
      }
    },

    async cancelToken(request: Req<'cancelToken'>) {
      const answer = await withRetry(() =>
        allocation.cancelToken({
          requestId: request.requestId,
          tokenId: request.id,
          reason: request.reason.trim(),
        }),
      );
      return {
        token: tokenView(required(answer.token, 'the token')),
        promoted: answer.promotions.flatMap((p) => (p.token ? [tokenView(p.token)] : [])),
      };
    },

    async checkInToken(request: Req<'checkInToken'>) {
      const answer = await withRetry(() => allocation.checkInToken(request));
      return tokenView(required(answer.token, 'the token'));
    },

    async completeToken(request: Req<'completeToken'>) {
      const answer = await withRetry(() => allocation.completeToken(request));
      return tokenView(required(answer.token, 'the token'));
    },

    async markNoShow(request: Req<'markNoShow'>) {
      const answer = await withRetry(() => allocation.markNoShow(request));
      return {
        token: tokenView(required(answer.token, 'the token')),
        promoted: answer.promotions.flatMap((p) => (p.token ? [tokenView(p.token)] : [])),
      };
    },

    async cancelWaitlistEntry(request: Req<'cancelWaitlistEntry'>) {
      const answer = await withRetry(() =>
        allocation.cancelWaitlistEntry({
          requestId: request.requestId,
          waitlistEntryId: request.id,
          reason: request.reason.trim(),
        }),
      );
      return waitlistEntryView(required(answer.waitlistEntry, 'the waitlist entry'));
    },
  };
}
