// What to do about a refusal, in the operator's words and with the command that helps. The
// service says what is wrong; this adds the next step where the CLI knows it.
import type { DecodedServiceError } from '@opd/service-runtime';

type Advise = (metadata: Readonly<Record<string, string>>) => string | undefined;

/** The room's RPCs and the key an operator needs for each (ADR 0008). */
const ROOM_ROLES: Readonly<Record<string, string>> = {
  CallNext: 'a doctor (or admin) key',
  RecallToken: 'a doctor (or admin) key',
  SkipToken: 'a doctor (or admin) key',
  TransferToken: 'a counter (or admin) key',
};

const UNDO_ADVICE: Readonly<Record<string, string>> = {
  ANOTHER_CALLED:
    'Another patient is in the room now: complete or skip them first, then undo this one.',
  PLACE_TAKEN: 'Its place went to someone else meanwhile: request a new token for the patient.',
  WINDOW_PASSED: 'Only the last few minutes can be undone; make the change by hand instead.',
};

const ADVICE: Readonly<Record<string, Advise>> = {
  TOKEN_ALREADY_CALLED: (m) =>
    m['token_id']
      ? `Finish with token ${m['token_number'] ?? ''} first: \`opd room complete ${m['token_id']}\`, ` +
        `\`opd room skip ${m['token_id']}\`, or \`opd room undo ${m['token_id']}\` to send it back to the queue.`
      : undefined,
  TOKEN_NOT_CALLED: (m) =>
    `That token is ${(m['current_status'] ?? '').replace(/^TOKEN_STATUS_/, '') || 'not called'}: ` +
    'only the patient called into the room can be recalled or skipped (`opd queue <doctor>` shows who).',
  ROOM_CLOSED: () => "The room works only on the doctor-day's own date, until local midnight.",
  TRANSFER_TARGET_FULL: () =>
    'Nobody there is less urgent than this patient: try another doctor, or another day at the counter.',
  UNDO_REFUSED: (m) => UNDO_ADVICE[m['why'] ?? ''],
  ROLE_NOT_ALLOWED: (m) => {
    const needed = ROOM_ROLES[m['method'] ?? ''];
    return needed
      ? `${m['method']} needs ${needed}: give it with --key or OPD_API_KEY.`
      : undefined;
  },
};

/** One sentence on what to do next, or undefined when the service's words are enough. */
export function adviceFor(decoded: DecodedServiceError): string | undefined {
  return decoded.reason ? ADVICE[decoded.reason]?.(decoded.metadata) : undefined;
}
