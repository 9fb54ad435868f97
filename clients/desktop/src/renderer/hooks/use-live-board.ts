// A doctor-day board that follows WatchDoctorDay: the first answer comes from GetDoctorDayBoard,
// then every snapshot the main process pushes replaces the cached board (newer sequence only).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BoardUpdate, BoardWatchStatus } from '../../shared/ipc-contract.js';
import type { BoardView } from '../../shared/views.js';
import { call } from '../opd.js';

export const boardKey = (doctorId: string, date: string) => ['board', doctorId, date] as const;

export function useLiveBoard(doctorId: string | null, date: string) {
  const client = useQueryClient();
  const [watch, setWatch] = useState<BoardWatchStatus | null>(null);
  const board = useQuery({
    queryKey: boardKey(doctorId ?? '', date),
    queryFn: () => call('getBoard', { doctorId: doctorId ?? '', date }),
    enabled: doctorId !== null,
  });

  useEffect(() => {
    if (doctorId === null) return;
    let watchId: string | null = null;
    let closed = false;
    const key = boardKey(doctorId, date);
    // The first snapshot can arrive before watchBoard has answered with its id: keep it.
    const early = new Map<string, BoardUpdate>();
    const apply = (update: BoardUpdate) =>
      client.setQueryData<BoardView>(key, (known) =>
        known && known.sequence > update.board.sequence ? known : update.board,
      );
    const offUpdate = window.opd.onBoardUpdate((update) => {
      if (watchId === null) early.set(update.watchId, update);
      else if (update.watchId === watchId) apply(update);
    });
    const offStatus = window.opd.onBoardStatus((status) => {
      if (status.watchId === watchId) setWatch(status);
    });
    void call('watchBoard', { doctorId, date }).then(
      (answer) => {
        if (closed) {
          void call('unwatchBoard', answer);
          return;
        }
        watchId = answer.watchId;
        const first = early.get(watchId);
        if (first) apply(first);
        early.clear();
        setWatch({ watchId, state: 'live', error: null });
      },
      () => setWatch({ watchId: '', state: 'failed', error: null }),
    );
    return () => {
      closed = true;
      offUpdate();
      offStatus();
      if (watchId !== null) void call('unwatchBoard', { watchId });
      setWatch(null);
    };
  }, [client, doctorId, date]);

  return { board, watch };
}
