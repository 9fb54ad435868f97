// The desktop's settings (time zone, grace period, addresses), loaded once at start.
import { createContext, useContext } from 'react';
import type { Settings } from '../shared/ipc-contract.js';

export const SettingsContext = createContext<Settings | null>(null);

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (settings === null) throw new Error('useSettings outside SettingsContext');
  return settings;
}
