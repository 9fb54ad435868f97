// Start-up: the counter's settings, then its language (with the hospital's language file if
// there is one), then the shell. Until the language is known, the words are English.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createCounterI18n } from './i18n/counter-i18n.js';
import { call, ipcErrorOf } from './opd.js';
import { displayRouteOf } from './screens/display/display-route.js';
import { DisplayScreen } from './screens/display/DisplayScreen.js';
import { SettingsContext } from './settings.js';
import { Shell } from './Shell.js';

/** The waiting-room display's rooms when this window is the display (its address says so). */
const DISPLAY = displayRouteOf(window.location.hash);

export function App() {
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => call('getSettings', null),
    staleTime: Infinity,
  });
  const pack = useQuery({
    queryKey: ['language-pack'],
    queryFn: () => call('getLanguagePack', null),
    enabled: settings.isSuccess,
    staleTime: Infinity,
    retry: false,
  });
  const language = settings.data?.language ?? 'en';
  const i18n = useMemo(
    () => (pack.isPending ? null : createCounterI18n(language, pack.data ?? null)),
    [language, pack.isPending, pack.data],
  );
  useEffect(() => {
    if (i18n) document.documentElement.lang = i18n.language;
  }, [i18n]);

  if (settings.isError) {
    return (
      <div className="starting">
        <p className="error" role="alert">
          {ipcErrorOf(settings.error).message}
        </p>
        <button onClick={() => void settings.refetch()}>Try again</button>
      </div>
    );
  }
  if (!settings.data || i18n === null) return <p className="starting">Starting the counter…</p>;
  return (
    <I18nextProvider i18n={i18n}>
      <SettingsContext.Provider value={settings.data}>
        {DISPLAY ? <DisplayScreen route={DISPLAY} /> : <Shell languageProblem={pack.error} />}
      </SettingsContext.Provider>
    </I18nextProvider>
  );
}
