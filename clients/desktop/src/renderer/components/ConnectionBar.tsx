// Always visible: whether the desktop reaches each service right now.
import type { LinkState } from '../../shared/views.js';
import { useConnection } from '../hooks/use-connection.js';

const WORDS: Readonly<Record<LinkState, string>> = {
  connected: 'connected',
  connecting: 'connecting…',
  offline: 'offline — retrying',
  'not-configured': 'not set up',
};

function Link({ name, state }: { readonly name: string; readonly state: LinkState }) {
  return (
    <span className={`link link-${state}`} data-testid={`link-${name.toLowerCase()}`}>
      <span className="dot" aria-hidden="true" />
      {name}: {WORDS[state]}
    </span>
  );
}

export function ConnectionBar() {
  const status = useConnection();
  return (
    <div className="connection" role="status" aria-live="polite">
      <Link name="Allocation" state={status?.allocation ?? 'connecting'} />
      <Link name="Reporting" state={status?.reporting ?? 'connecting'} />
    </div>
  );
}
