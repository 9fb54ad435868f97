// Calls into window.opd that throw instead of returning error results, for TanStack Query.
import type { InvokeName, IpcError, RequestOf, ResponseOf } from '../shared/ipc-contract.js';

/** A refused or failed call, carrying the sentence for staff. */
export class OpdError extends Error {
  override readonly name = 'OpdError';
  constructor(readonly detail: IpcError) {
    super(detail.message);
  }
}

export async function call<K extends InvokeName>(
  name: K,
  request: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const invoke = window.opd[name] as (r: RequestOf<K>) => ReturnType<(typeof window.opd)[K]>;
  const result = await invoke(request);
  if (!result.ok) throw new OpdError(result.error);
  return result.value as ResponseOf<K>;
}

/** Anything caught → what to show. */
export function ipcErrorOf(error: unknown): IpcError {
  if (error instanceof OpdError) return error.detail;
  return {
    code: 'INTERNAL',
    reason: null,
    message: 'Something went wrong in the counter app. Try again; if it keeps happening, call IT.',
    metadata: {},
    service: null,
    fieldViolations: [],
  };
}

/** A fresh idempotency key for a mutation. */
export const newRequestId = (): string => crypto.randomUUID();
