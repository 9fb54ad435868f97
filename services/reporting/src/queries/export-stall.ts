import { ApiError } from '@opd/service-runtime';

/**
 * Wraps an export's `send` so that a client that takes nothing for `stallMs` ends the export:
 * a reader that stopped would otherwise hold an export slot, a connection and a snapshot (and
 * with it PostgreSQL's vacuum horizon) for as long as its connection lives.
 */
export function giveUpWhenStalled<T>(
  send: (message: T) => Promise<void>,
  stallMs: number,
): (message: T) => Promise<void> {
  return (message) => {
    const sending = send(message);
    // Once given up on, the send may still fail (the call is cancelled later): nobody waits.
    sending.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(stallMs / 100) / 10;
        reject(
          new ApiError(
            'DEADLINE_EXCEEDED',
            `the client read nothing for ${seconds} s; the export was ended`,
            { metadata: { stall_ms: String(stallMs) } },
          ),
        );
      }, stallMs);
    });
    return Promise.race([sending, stalled]).finally(() => clearTimeout(timer));
  };
}
