// A refusal in the counter's language. The renderer has its own sentence for every reason it
// knows (keyed by the stable ErrorInfo reason, filled from its metadata); for a reason it does
// not know it shows the service's own English sentence, never a code.
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../shared/ipc-contract.js';
import { ipcErrorOf } from '../opd.js';
import { useFormat } from './use-format.js';

/** Field names as the renderer's forms use them (the first part of a violation's path). */
const fieldOf = (path: string): string => /^\w+/.exec(path)?.[0] ?? path;

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // Keys built from a reason or code are not known to the compiler (they are checked with
  // i18n.exists first), so this one lookup is typed by hand.
  const text = i18n.t.bind(i18n) as unknown as (
    key: string,
    values: Record<string, string>,
  ) => string;
  const known = (key: string) => i18n.exists(key);

  const describe = (detail: IpcError): string => {
    if (detail.fieldViolations.length > 0) {
      const fields = [...new Set(detail.fieldViolations.map((v) => fieldOf(v.field)))];
      const named = fields.map((f) =>
        known(`errors.field.${f}`) ? text(`errors.field.${f}`, {}) : f,
      );
      return t('errors.checkForm', { fields: named.join(', ') });
    }
    const values: Record<string, string> = {
      ...detail.metadata,
      service: detail.service ? t(`errors.service.${detail.service}`) : '',
      date: detail.metadata['date'] ? format.day(detail.metadata['date']) : '',
      time: detail.metadata['no_show_allowed_after']
        ? format.time(detail.metadata['no_show_allowed_after'])
        : '',
      status: statusWords(detail.metadata['current_status']),
      why: undoWhy(detail.metadata['why']),
    };
    let reason = detail.reason;
    if (reason === 'PATIENT_ALREADY_HOLDS_TOKEN' && !detail.metadata['token_number']) {
      reason = 'PATIENT_ALREADY_WAITING';
    }
    if (reason !== null && known(`errors.reason.${reason}`)) {
      return text(`errors.reason.${reason}`, values);
    }
    if (reason === null && known(`errors.code.${detail.code}`)) {
      return text(`errors.code.${detail.code}`, values);
    }
    return detail.message;
  };

  const undoWhy = (why: string | undefined): string =>
    why && known(`errors.undoWhy.${why}`)
      ? text(`errors.undoWhy.${why}`, {})
      : t('errors.undoWhy.other');

  const statusWords = (status: string | undefined): string => {
    const name = (status ?? '').replace(/^(TOKEN_STATUS_|WAITLIST_ENTRY_STATUS_)/, '');
    return known(`statusWords.${name}`) ? text(`statusWords.${name}`, {}) : t('statusWords.other');
  };

  return (error) => describe(ipcErrorOf(error));
}

/** The violations of one form field, if the error names it. */
export function fieldProblem(error: unknown, field: string): boolean {
  if (error === null || error === undefined) return false;
  return ipcErrorOf(error).fieldViolations.some(
    (v) => v.field === field || v.field.startsWith(`${field}.`) || v.field.startsWith(`${field}[`),
  );
}
