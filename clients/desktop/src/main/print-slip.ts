// Printing the slip: what the window shows under its print stylesheet (only the slip), sent
// to the configured printer without a dialog — a counter prints dozens of slips an hour — or,
// when no printer is configured, through the print dialog so staff pick one.
import type { WebContentsPrintOptions } from 'electron';
import type { PrintOutcome } from '../shared/ipc-contract.js';
import { DesktopError } from './handlers/ipc-error.js';

/** The part of webContents printing needs (a stand-in in tests). */
export interface Printable {
  print(
    options: WebContentsPrintOptions,
    callback: (success: boolean, failureReason: string) => void,
  ): void;
}

/** The print options for the configured printer, or for the dialog when there is none. */
export function slipPrintOptions(printer: string | null): WebContentsPrintOptions {
  return printer === null
    ? { silent: false, printBackground: false }
    : { silent: true, deviceName: printer, printBackground: false };
}

export function printSlip(contents: Printable, printer: string | null): Promise<PrintOutcome> {
  return new Promise((resolve, reject) => {
    contents.print(slipPrintOptions(printer), (success, failureReason) => {
      if (success) resolve({ printed: true, printer });
      // Closing the dialog is a choice, not a failure.
      else if (failureReason === 'cancelled') resolve({ printed: false, printer });
      else {
        reject(
          new DesktopError(
            'UNAVAILABLE',
            `The slip could not be printed${printer ? ` on ${printer}` : ''}: ${failureReason}. Check the printer; the token is issued.`,
            'PRINT_FAILED',
          ),
        );
      }
    });
  });
}
