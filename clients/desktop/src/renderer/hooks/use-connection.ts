// The services' connection status, pushed by the main process as it changes.
import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../shared/views.js';
import { call } from '../opd.js';

export function useConnection(): ConnectionStatus | null {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = window.opd.onConnectionChange((next) => setStatus(next));
    call('getConnection', null).then(
      (first) => live && setStatus((known) => known ?? first),
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return status;
}
