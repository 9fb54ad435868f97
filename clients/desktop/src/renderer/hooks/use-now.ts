// The current time, refreshed every few seconds, so "possible from 10:15" turns into an
// enabled button without anyone touching the screen.
import { useEffect, useState } from 'react';

export function useNow(everyMs = 10_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
