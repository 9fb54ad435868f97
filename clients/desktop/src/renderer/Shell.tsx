// The shell: screens, their shortcuts, and the connection status that is always visible.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorDayRef } from '../shared/ipc-contract.js';
import { ConnectionBar } from './components/ConnectionBar.js';
import { ErrorMessage } from './components/ErrorMessage.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import { BoardScreen } from './screens/board/BoardScreen.js';
import { DoctorsScreen } from './screens/doctors/DoctorsScreen.js';
import { IssueScreen } from './screens/issue/IssueScreen.js';
import { ReportsScreen } from './screens/reports/ReportsScreen.js';
import { RoomScreen } from './screens/room/RoomScreen.js';
import { useSettings } from './settings.js';

type Screen = 'issue' | 'board' | 'doctors' | 'reports' | 'room';

const SCREENS: readonly { id: Screen; key: string }[] = [
  { id: 'issue', key: '1' },
  { id: 'board', key: '2' },
  { id: 'doctors', key: '3' },
  { id: 'reports', key: '4' },
  { id: 'room', key: '5' },
];

/** The room's doctor, kept across restarts: a room's desktop serves one doctor. */
const ROOM_DOCTOR = 'opd.room.doctorId';
const rememberedDoctor = (): string | null => {
  try {
    return localStorage.getItem(ROOM_DOCTOR);
  } catch {
    return null;
  }
};

export function Shell({ languageProblem }: { readonly languageProblem: unknown }) {
  const { t } = useTranslation();
  const { startScreen } = useSettings();
  const [screen, setScreen] = useState<Screen>(startScreen);
  const [boardDay, setBoardDay] = useState<DoctorDayRef | null>(null);
  const [roomDoctor, setRoomDoctor] = useState<string | null>(rememberedDoctor);
  const chooseRoomDoctor = (doctorId: string) => {
    setRoomDoctor(doctorId);
    try {
      localStorage.setItem(ROOM_DOCTOR, doctorId);
    } catch {
      // Not remembered; the room picks its doctor again next time.
    }
  };
  useShortcuts(Object.fromEntries(SCREENS.map((s) => [`Alt+${s.key}`, () => setScreen(s.id)])));

  const showBoard = (day: DoctorDayRef) => {
    setBoardDay(day);
    setScreen('board');
  };

  return (
    <>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('app.screens')}>
          {SCREENS.map((s) => (
            <button
              key={s.id}
              className="nav-tab"
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {t(`app.screen.${s.id}`)} <kbd>Alt+{s.key}</kbd>
            </button>
          ))}
        </nav>
        <ConnectionBar />
      </header>
      <ErrorMessage error={languageProblem} />
      <main className="app-main">
        {screen === 'issue' && <IssueScreen onShowBoard={showBoard} />}
        {screen === 'board' && <BoardScreen initial={boardDay} onChange={setBoardDay} />}
        {screen === 'doctors' && <DoctorsScreen />}
        {screen === 'reports' && <ReportsScreen />}
        {screen === 'room' && (
          <RoomScreen
            doctorId={roomDoctor ?? boardDay?.doctorId ?? null}
            onDoctor={chooseRoomDoctor}
          />
        )}
      </main>
    </>
  );
}
