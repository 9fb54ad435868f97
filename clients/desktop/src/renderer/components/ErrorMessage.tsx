// A service's or the desktop's refusal, as a sentence in the counter's language. Never a
// stack trace, never a code.
import { useErrorText } from '../i18n/use-error-text.js';
import { ipcErrorOf } from '../opd.js';

export function ErrorMessage({
  error,
  testId,
}: {
  readonly error: unknown;
  readonly testId?: string;
}) {
  const errorText = useErrorText();
  if (error === null || error === undefined) return null;
  const detail = ipcErrorOf(error);
  return (
    <p
      className="error"
      role="alert"
      data-reason={detail.reason ?? detail.code}
      data-testid={testId}
    >
      {errorText(error)}
    </p>
  );
}

/** The description of one field's violation, if the error names it (the service's words). */
export function fieldError(error: unknown, field: string): string | null {
  if (error === null || error === undefined) return null;
  const violation = ipcErrorOf(error).fieldViolations.find(
    (v) => v.field === field || v.field.startsWith(`${field}.`) || v.field.startsWith(`${field}[`),
  );
  return violation?.description ?? null;
}
