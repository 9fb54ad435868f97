// A service's or the desktop's refusal, as a sentence. Never a stack trace.
import { ipcErrorOf } from '../opd.js';

export function ErrorMessage({ error }: { readonly error: unknown }) {
  if (error === null || error === undefined) return null;
  const detail = ipcErrorOf(error);
  return (
    <p className="error" role="alert" data-reason={detail.reason ?? detail.code}>
      {detail.message}
    </p>
  );
}

/** The description of one field's violation, if the error names it. */
export function fieldError(error: unknown, field: string): string | null {
  if (error === null || error === undefined) return null;
  const violation = ipcErrorOf(error).fieldViolations.find(
    (v) => v.field === field || v.field.startsWith(`${field}.`) || v.field.startsWith(`${field}[`),
  );
  return violation?.description ?? null;
}
