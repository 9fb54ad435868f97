// `window.opd` is the renderer's only way out: the preload (or the browser test harness) puts
// it there. Nothing else from Electron or Node exists in the page.
import type { OpdApi } from '../shared/ipc-contract.js';

declare global {
  interface Window {
    readonly opd: OpdApi;
  }
}
