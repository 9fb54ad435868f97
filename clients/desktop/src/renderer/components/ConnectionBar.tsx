// Always visible: whether the desktop reaches each service right now.
import { useTranslation } from 'react-i18next';
import type { LinkState } from '../../shared/views.js';
import { useConnection } from '../hooks/use-connection.js';

function Link({
  name,
  state,
}: {
  readonly name: 'allocation' | 'reporting';
  readonly state: LinkState;
}) {
  const { t } = useTranslation();
  return (
    <span className={`link link-${state}`} data-testid={`link-${name}`}>
      <span className="dot" aria-hidden="true" />
      {t(`connection.${name}`)}: {t(`connection.state.${state}`)}
    </span>
  );
}

export function ConnectionBar() {
  const status = useConnection();
  return (
    <div className="connection" role="status" aria-live="polite">
      <Link name="allocation" state={status?.allocation ?? 'connecting'} />
      <Link name="reporting" state={status?.reporting ?? 'connecting'} />
    </div>
  );
}
