// The six mutations the run drives, as data: what was asked, how it is sent, and how its answer
// is encoded (byte-for-byte what the service stores for idempotent replay).
import {
  CancelTokenResponse,
  CancelWaitlistEntryResponse,
  CheckInTokenResponse,
  CompleteTokenResponse,
  MarkNoShowResponse,
  RequestTokenResponse,
  type CancelTokenRequest,
  type CancelWaitlistEntryRequest,
  type CheckInTokenRequest,
  type CompleteTokenRequest,
  type MarkNoShowRequest,
  type RequestTokenRequest,
  type Token,
  type WaitlistEntry,
} from '@opd/api';
import type { AllocationClient } from './clients.js';

interface On<K extends string, Req> {
  readonly kind: K;
  /** Index of the doctor-day in play. */
  readonly day: number;
  readonly request: Req;
}

export type Operation =
  | On<'RequestToken', RequestTokenRequest>
  | On<'CancelToken', CancelTokenRequest>
  | On<'CheckInToken', CheckInTokenRequest>
  | On<'CompleteToken', CompleteTokenRequest>
  | On<'MarkNoShow', MarkNoShowRequest>
  | On<'CancelWaitlistEntry', CancelWaitlistEntryRequest>;

export type OperationKind = Operation['kind'];
export const OPERATION_KINDS: readonly OperationKind[] = [
  'RequestToken',
  'CancelToken',
  'CheckInToken',
  'CompleteToken',
  'MarkNoShow',
  'CancelWaitlistEntry',
];

/** Sends the operation and returns the encoded answer. */
export async function send(
  client: AllocationClient,
  op: Operation,
  timeoutMs: number,
): Promise<Uint8Array> {
  const options = { timeoutMs };
  switch (op.kind) {
    case 'RequestToken':
      return encoded(RequestTokenResponse, await client.requestToken(op.request, options));
    case 'CancelToken':
      return encoded(CancelTokenResponse, await client.cancelToken(op.request, options));
    case 'CheckInToken':
      return encoded(CheckInTokenResponse, await client.checkInToken(op.request, options));
    case 'CompleteToken':
      return encoded(CompleteTokenResponse, await client.completeToken(op.request, options));
    case 'MarkNoShow':
      return encoded(MarkNoShowResponse, await client.markNoShow(op.request, options));
    case 'CancelWaitlistEntry':
      return encoded(
        CancelWaitlistEntryResponse,
        await client.cancelWaitlistEntry(op.request, options),
      );
  }
}

const encoded = <T>(codec: { encode(m: T): { finish(): Uint8Array } }, message: T) =>
  codec.encode(message).finish();

/** What an answer tells about the day: the tokens and entries it names, in their new state. */
export interface Revealed {
  readonly tokens: readonly Token[];
  readonly entries: readonly WaitlistEntry[];
  /** The token or entry the operation itself created or changed. */
  readonly subject: { readonly tokenId?: string; readonly entryId?: string };
}

export function reveal(kind: OperationKind, answer: Uint8Array): Revealed {
  const some = <T>(...items: (T | undefined)[]) => items.filter((x): x is T => x !== undefined);
  switch (kind) {
    case 'RequestToken': {
      const { outcome } = RequestTokenResponse.decode(answer);
      if (outcome?.$case === 'allocated') {
        const token = outcome.value.token;
        return { tokens: some(token), entries: [], subject: { tokenId: token?.tokenId ?? '' } };
      }
      const entry = outcome?.value.waitlistEntry;
      return {
        tokens: [],
        entries: some(entry),
        subject: { entryId: entry?.waitlistEntryId ?? '' },
      };
    }
    case 'CancelToken':
    case 'MarkNoShow': {
      const decoded =
        kind === 'CancelToken'
          ? CancelTokenResponse.decode(answer)
          : MarkNoShowResponse.decode(answer);
      return {
        tokens: some(decoded.token, ...decoded.promotions.map((p) => p.token)),
        entries: [],
        subject: { tokenId: decoded.token?.tokenId ?? '' },
      };
    }
    case 'CheckInToken':
    case 'CompleteToken': {
      const { token } =
        kind === 'CheckInToken'
          ? CheckInTokenResponse.decode(answer)
          : CompleteTokenResponse.decode(answer);
      return { tokens: some(token), entries: [], subject: { tokenId: token?.tokenId ?? '' } };
    }
    case 'CancelWaitlistEntry': {
      const { waitlistEntry } = CancelWaitlistEntryResponse.decode(answer);
      return {
        tokens: [],
        entries: some(waitlistEntry),
        subject: { entryId: waitlistEntry?.waitlistEntryId ?? '' },
      };
    }
  }
}
