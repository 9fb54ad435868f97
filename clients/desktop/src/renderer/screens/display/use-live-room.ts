// One room for the waiting-room display, live: numbers and times pushed by the main process
// from WatchDoctorDay (never a name). The last room stays on screen while the stream is away.
import { useEffect, useState } from 'react';
import type { BoardWatchStatus, RoomUpdate } from '../../../shared/ipc-contract.js';
import type { RoomDisplayView } from '../../../shared/views.js';
import { call } from '../../opd.js';

export interface LiveRoom {
  readonly view: RoomDisplayView;
  /** When this snapshot reached the page (ms since the epoch): how fast a call got here. */
  readonly receivedAt: number;
}

export function useLiveRoom(doctorId: string, date: string) {
  const [room, setRoom] = useState<LiveRoom | null>(null);
  const [watch, setWatch] = useState<BoardWatchStatus | null>(null);
  useEffect(() => {
    let watchId: string | null = null;
    let closed = false;
    setRoom(null);
    const early = new Map<string, RoomUpdate>();
    const apply = (update: RoomUpdate) => {
      const receivedAt = Date.now();
      setRoom((known) =>
        known && known.view.sequence > update.room.sequence
          ? known
          : { view: update.room, receivedAt },
      );
    };
    const offUpdate = window.opd.onRoomUpdate((update) => {
      if (watchId === null) early.set(update.watchId, update);
      else if (update.watchId === watchId) apply(update);
    });
    const offStatus = window.opd.onBoardStatus((status) => {
      if (status.watchId === watchId) setWatch(status);
    });
    void call('watchRoom', { doctorId, date }).then(
      (answer) => {
        if (closed) {
          void call('unwatchBoard', answer);
          return;
        }
        watchId = answer.watchId;
        const first = early.get(watchId);
        if (first) apply(first);
        early.clear();
        setWatch((known) => known ?? { watchId: answer.watchId, state: 'live', error: null });
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
  }, [doctorId, date]);
  return { room, watch };
}
