// Reprinting a token's slip from the board (P): the slip is put on the page, then printed;
// each press prints again. Only a token the patient still holds has a slip worth printing.
import { useEffect, useState } from 'react';
import type { TokenView } from '../../../shared/views.js';
import { TokenSlip, type SlipDoctor } from '../../components/TokenSlip.js';
import { usePrintSlip } from '../../hooks/use-print-slip.js';

const HELD: ReadonlySet<TokenView['status']> = new Set(['ALLOCATED', 'CHECKED_IN', 'CALLED']);

export function useReprint(doctor: SlipDoctor | null) {
  const [reprint, setReprint] = useState<{ token: TokenView; n: number } | null>(null);
  const printer = usePrintSlip();
  const { print } = printer;
  useEffect(() => {
    if (reprint) print();
  }, [reprint, print]);
  return {
    printer,
    /** Prints the token's slip; false (nothing printed) when the patient no longer holds it. */
    request(token: TokenView): boolean {
      if (!HELD.has(token.status)) return false;
      setReprint((last) => ({ token, n: (last?.n ?? 0) + 1 }));
      return true;
    },
    slip: reprint ? <TokenSlip key={reprint.n} token={reprint.token} doctor={doctor} /> : null,
  };
}
