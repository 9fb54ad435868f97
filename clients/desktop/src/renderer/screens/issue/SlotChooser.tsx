// Optional: a preferred slot. "Any slot" (the earliest with room) is the default.
import { useQuery } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { boardKey } from '../../hooks/use-live-board.js';
import { useNow } from '../../hooks/use-now.js';
import { call } from '../../opd.js';

interface Props {
  readonly doctorId: string | null;
  readonly date: string;
  readonly value: string | null;
  readonly selectRef: RefObject<HTMLSelectElement | null>;
  onChange(slotId: string | null): void;
}

export function SlotChooser({ doctorId, date, value, selectRef, onChange }: Props) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const board = useQuery({
    queryKey: boardKey(doctorId ?? '', date),
    queryFn: () => call('getBoard', { doctorId: doctorId ?? '', date }),
    enabled: doctorId !== null,
  });
  const live = (board.data?.slots ?? []).filter((s) => Date.parse(s.endTime) > now.getTime());
  return (
    <label className="field">
      <span>
        {t('slot.label')} <kbd>Alt+P</kbd>
      </span>
      <select
        ref={selectRef}
        name="slot"
        value={value ?? ''}
        disabled={doctorId === null}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{t('slot.any')}</option>
        {live.map((slot) => (
          <option key={slot.slotId} value={slot.slotId}>
            {slot.localStartTime}–{slot.localEndTime} ·{' '}
            {slot.full ? t('slot.full') : t('slot.left', { count: slot.capacity - slot.occupancy })}
          </option>
        ))}
      </select>
    </label>
  );
}
