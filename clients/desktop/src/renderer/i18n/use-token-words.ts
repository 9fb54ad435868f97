// A token in the words of every screen: its label with the doctor's configured prefix
// ("ENT-44") and when it is expected to be called ("12:40", or "next, emergency").
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nextAsEmergency, tokenLabel, tokenPrefix } from '../../shared/token-label.js';
import type { TokenView } from '../../shared/views.js';
import { useSettings } from '../settings.js';
import { useFormat } from './use-format.js';

export interface TokenDoctor {
  readonly doctorId: string;
  readonly department: string;
}

export interface TokenWords {
  /** "ENT-44" with the doctor's prefix, "44" without. */
  label(tokenNumber: number, doctor: TokenDoctor | null): string;
  /** "12:40", "next, emergency", or null when the token is not waiting. */
  expected(token: TokenView): string | null;
}

export function useTokenWords(): TokenWords {
  const { t } = useTranslation();
  const format = useFormat();
  const { tokenPrefixes } = useSettings();
  return useMemo(
    () => ({
      label: (tokenNumber, doctor) => tokenLabel(tokenNumber, tokenPrefix(tokenPrefixes, doctor)),
      expected: (token) => {
        if (nextAsEmergency(token)) return t('board.nextEmergency');
        return token.expectedCallTime ? format.time(token.expectedCallTime) : null;
      },
    }),
    [t, format, tokenPrefixes],
  );
}
