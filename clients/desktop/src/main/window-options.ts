// The BrowserWindow's options, pure so a test can read them: Electron's security checklist
// as settings — isolated, sandboxed, no Node in the page, no webviews, no insecure content.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

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

/**
 * The waiting-room display: full screen on the given screen (the TV), black, and never
 * throttled or muted when nobody touches it — calls are announced with sound and voice to a
 * room where no one clicks. Otherwise the same locked-down page as the counter's.
 */
export function displayWindowOptions(
  preloadPath: string,
  options: { readonly devTools: boolean; readonly bounds: Rectangle | null },
): BrowserWindowConstructorOptions {
  const base = windowOptions(preloadPath, options);
  return {
    ...base,
    ...(options.bounds
      ? {
          x: options.bounds.x,
          y: options.bounds.y,
          width: options.bounds.width,
          height: options.bounds.height,
        }
      : {}),
    minWidth: 640,
    minHeight: 360,
    title: 'OPD waiting room',
    backgroundColor: '#000000',
    fullscreen: true,
    webPreferences: {
      ...base.webPreferences,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** Where the display goes: a screen other than the main one (the TV) when there is one. */
export function tvBounds(
  screens: readonly { readonly id: number; readonly bounds: Rectangle }[],
  primaryId: number,
): Rectangle | null {
  const screen = screens.find((s) => s.id !== primaryId) ?? screens.find((s) => s.id === primaryId);
  return screen?.bounds ?? null;
}
