// The day asked for is full, waitlist and all: where there is room instead, best first. One key
// takes one (1–5): the same patient is asked for that doctor-day at once.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayAlternative } from '../../../shared/ipc-contract.js';
import { useShortcuts } from '../../hooks/use-shortcuts.js';
import { useFormat } from '../../i18n/use-format.js';

export function DayFullAlternatives({
  alternatives,
  onTake,
}: {
  readonly alternatives: readonly DayAlternative[];
  readonly onTake: (alternative: DayAlternative) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [alternatives]);
  const keys = Object.fromEntries(
    alternatives.slice(0, 9).map((a, i) => [String(i + 1), () => onTake(a)]),
  );
  useShortcuts(keys, alternatives.length > 0);
  if (alternatives.length === 0) {
    return <p className="hint">{t('issue.noAlternatives')}</p>;
  }
  return (
    <section className="alternatives" data-testid="day-full-alternatives">
      <h3>{t('issue.alternatives')}</h3>
      <ol>
        {alternatives.map((a, i) => (
          <li key={`${a.doctorId}/${a.date}`}>
            <button ref={i === 0 ? first : undefined} onClick={() => onTake(a)}>
              <kbd>{i + 1}</kbd>{' '}
              {t('issue.alternative', {
                doctor: a.doctorName,
                department: a.department,
                date: format.day(a.date),
                time: a.firstFreeTime,
                count: a.freePlaces,
              })}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
