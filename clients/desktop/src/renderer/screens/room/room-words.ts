// The room's refusals and outcomes in the room's language.
import { useTranslation } from 'react-i18next';
import type { RoomRefusal } from '../../../shared/room-actions.js';
import type { TokenView } from '../../../shared/views.js';
import { useTokenWords, type TokenDoctor } from '../../i18n/use-token-words.js';
import type { RoomDone } from './use-room-action.js';

export function useRoomWords(doctor: TokenDoctor | null) {
  const { t } = useTranslation();
  const words = useTokenWords();
  const label = (token: Pick<TokenView, 'tokenNumber'>) => words.label(token.tokenNumber, doctor);
  return {
    label,
    refusal(refusal: RoomRefusal): string {
      switch (refusal.kind) {
        case 'alreadyCalled':
          return t('room.why.alreadyCalled', { label: label(refusal) });
        case 'queueEmpty':
          return t('room.why.queueEmpty');
        case 'noneCalled':
          return t('room.why.noneCalled');
        case 'nothingToUndo':
          return t('room.why.nothingToUndo');
        case 'notToday':
          return t('room.why.notToday');
      }
    },
    done(done: RoomDone): string {
      if (done.token === null) return t('room.done.nobodyWaiting');
      const tokenLabel = label(done.token);
      if (done.move === 'undo') {
        return t('room.done.undo', {
          label: tokenLabel,
          move: done.undoneMove ? t(`room.move.${done.undoneMove}`) : '',
        });
      }
      return t(`room.done.${done.move}`, { label: tokenLabel });
    },
  };
}
