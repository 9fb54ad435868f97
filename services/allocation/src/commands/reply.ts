/**
 * How a command's outcome becomes the caller's answer, handed to the command by `grpc/`: the
 * command decides, this builds the message, and its bytes are stored with the change so that a
 * retry with the same request_id gets the very same answer.
 */
export interface Reply<Outcome, Res> {
  answer(outcome: Outcome): Res;
  encode(answer: Res): Uint8Array;
  decode(bytes: Uint8Array): Res;
}

/** The stored-answer half of a reply: what a replay needs. */
export type StoredAnswer<Res> = Pick<Reply<unknown, Res>, 'encode' | 'decode'>;

/** For the service's own work, which has no idempotency key and so never stores an answer. */
export const NOT_STORED: StoredAnswer<never> = {
  encode() {
    throw new Error('work without a request_id stores no answer');
  },
  decode() {
    throw new Error('work without a request_id has no stored answer');
  },
};
