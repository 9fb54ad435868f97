import { describe, expect, it } from '@jest/globals';
import type { WebContentsPrintOptions } from 'electron';
import { printSlip, slipPrintOptions, type Printable } from './print-slip.js';

/** A window that answers print() as Electron would, remembering what it was asked. */
function windowThatPrints(success: boolean, failureReason = '') {
  const asked: WebContentsPrintOptions[] = [];
  const contents: Printable = {
    print: (options, callback) => {
      asked.push(options);
      queueMicrotask(() => callback(success, failureReason));
    },
  };
  return { contents, asked };
}

describe('printing the slip', () => {
  it('prints silently to the configured printer', async () => {
    const { contents, asked } = windowThatPrints(true);
    await expect(printSlip(contents, 'TVS RP3160 Gold')).resolves.toEqual({
      printed: true,
      printer: 'TVS RP3160 Gold',
    });
    expect(asked).toEqual([
      { silent: true, deviceName: 'TVS RP3160 Gold', printBackground: false },
    ]);
  });

  it('asks with the print dialog when no printer is configured', () => {
    expect(slipPrintOptions(null)).toEqual({ silent: false, printBackground: false });
  });

  it('takes a closed dialog as a choice, not a failure', async () => {
    const { contents } = windowThatPrints(false, 'cancelled');
    await expect(printSlip(contents, null)).resolves.toEqual({ printed: false, printer: null });
  });

  it('says which printer failed and that the token stands', async () => {
    const { contents } = windowThatPrints(false, 'failed');
    await expect(printSlip(contents, 'Counter 2')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      reason: 'PRINT_FAILED',
      message:
        'The slip could not be printed on Counter 2: failed. Check the printer; the token is issued.',
    });
  });
});
