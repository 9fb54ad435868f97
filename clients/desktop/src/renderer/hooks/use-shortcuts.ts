// Keyboard shortcuts for a screen. Keys are written like "Alt+1", "Ctrl+Enter", "Escape" or a
// single letter; single letters (no modifier) do nothing while the focus is in a text field,
// so typing a name never triggers an action.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Readonly<Record<string, (event: KeyboardEvent) => void>>;

export function keyName(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && event.key.length > 1) parts.push('Shift');
  // With Alt held, event.key may be a special character; the physical digit/letter is stable.
  const base =
    event.altKey && /^(Digit|Key)/.test(event.code)
      ? event.code.replace(/^(Digit|Key)/, '').toLowerCase()
      : event.key.length === 1
        ? event.key.toLowerCase()
        : event.key;
  parts.push(base);
  return parts.join('+');
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    (target.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'button', 'submit'].includes((target as HTMLInputElement).type)));

export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const name = keyName(event);
      const handler = current.current[name] ?? current.current[name.toLowerCase()];
      if (!handler) return;
      const plain = !name.includes('+') && name.length === 1;
      if (plain && isTyping(event.target)) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
