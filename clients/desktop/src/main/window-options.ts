// The BrowserWindow's options, pure so a test can read them: Electron's security checklist
// as settings — isolated, sandboxed, no Node in the page, no webviews, no insecure content.
import type { BrowserWindowConstructorOptions } from 'electron';

export function windowOptions(
  preloadPath: string,
  options: { readonly devTools: boolean },
): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: 'OPD counter',
    backgroundColor: '#f4f5f7',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}
