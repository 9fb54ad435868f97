// Printing the slip the page shows: the main process prints the window under its print
// stylesheet, silently to the configured printer, or through the print dialog when none is.
import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import { call } from '../opd.js';

export function usePrintSlip() {
  const mutation = useMutation({ mutationFn: () => call('printSlip', null) });
  const { mutate } = mutation;
  return {
    /** Prints now: call it once the slip is on the page (after it rendered). */
    print: useCallback(() => mutate(), [mutate]),
    outcome: mutation.data ?? null,
    error: mutation.error,
    printing: mutation.isPending,
    /** Forgets the last outcome (the next patient). */
    reset: mutation.reset,
  };
}
