// Where an export goes: the system's save dialog, starting in the user's documents folder.
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

export function saveDialogFor(window: BrowserWindow) {
  return async (suggestedName: string): Promise<string | null> => {
    const answer = await dialog.showSaveDialog(window, {
      title: 'Export tokens as CSV',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return answer.canceled || !answer.filePath ? null : answer.filePath;
  };
}
