// The shell: screens, their shortcuts, and the connection status that is always visible.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DoctorDayRef } from '../shared/ipc-contract.js';
import { ConnectionBar } from './components/ConnectionBar.js';
import { ErrorMessage } from './components/ErrorMessage.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import { call } from './opd.js';
import { BoardScreen } from './screens/board/BoardScreen.js';
import { DoctorsScreen } from './screens/doctors/DoctorsScreen.js';
import { IssueScreen } from './screens/issue/IssueScreen.js';
import { ReportsScreen } from './screens/reports/ReportsScreen.js';
import { SettingsContext } from './settings.js';

type Screen = 'issue' | 'board' | 'doctors' | 'reports';

const SCREENS: readonly { id: Screen; label: string; key: string }[] = [
  { id: 'issue', label: 'Issue token', key: '1' },
  { id: 'board', label: 'Doctor-day board', key: '2' },
  { id: 'doctors', label: 'Doctors & schedules', key: '3' },
  { id: 'reports', label: 'Reports', key: '4' },
];

export function App() {
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => call('getSettings', null),
    staleTime: Infinity,
  });
  const [screen, setScreen] = useState<Screen>('issue');
  const [boardDay, setBoardDay] = useState<DoctorDayRef | null>(null);
  useShortcuts(Object.fromEntries(SCREENS.map((s) => [`Alt+${s.key}`, () => setScreen(s.id)])));

  if (settings.isPending) return <p className="starting">Starting the counter…</p>;
  if (settings.isError) {
    return (
      <div className="starting">
        <ErrorMessage error={settings.error} />
        <button onClick={() => void settings.refetch()}>Try again</button>
      </div>
    );
  }

  const showBoard = (day: DoctorDayRef) => {
    setBoardDay(day);
    setScreen('board');
  };

  return (
    <SettingsContext.Provider value={settings.data}>
      <header className="app-header">
        <h1>OPD counter</h1>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <button
              key={s.id}
              className="nav-tab"
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label} <kbd>Alt+{s.key}</kbd>
            </button>
          ))}
        </nav>
        <ConnectionBar />
      </header>
      <main className="app-main">
        {screen === 'issue' && <IssueScreen onShowBoard={showBoard} />}
        {screen === 'board' && <BoardScreen initial={boardDay} onChange={setBoardDay} />}
        {screen === 'doctors' && <DoctorsScreen />}
        {screen === 'reports' && <ReportsScreen />}
      </main>
    </SettingsContext.Provider>
  );
}
