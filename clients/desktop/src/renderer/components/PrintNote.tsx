// What happened to the slip: printed on which printer, sent to the dialog, or why not.
import { useTranslation } from 'react-i18next';
import type { PrintOutcome } from '../../shared/ipc-contract.js';
import { ErrorMessage } from './ErrorMessage.js';

export function PrintNote({
  outcome,
  error,
}: {
  readonly outcome: PrintOutcome | null;
  readonly error: unknown;
}) {
  const { t } = useTranslation();
  if (error) return <ErrorMessage error={error} />;
  if (outcome === null) return null;
  return (
    <p className="hint" role="status" data-testid="print-note">
      {!outcome.printed
        ? t('slip.notPrinted')
        : outcome.printer
          ? t('slip.printed', { printer: outcome.printer })
          : t('slip.printedDialog')}
    </p>
  );
}
