// Keyboard shortcuts for a screen. Keys are written like "Alt+1", "Ctrl+Enter", "Escape", " "
// (Space) or a single letter; single keys (no modifier) and the text-editing keys (Ctrl+Z…) do
// nothing while the focus is in a text field, so typing a name never triggers an action.
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

/** Keys a text box uses itself: taken from it, they would undo an action instead of a word. */
const TEXT_EDITING = new Set(['Ctrl+z', 'Ctrl+y', 'Ctrl+a', 'Ctrl+c', 'Ctrl+v', 'Ctrl+x']);

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
      // Single keys and text-editing keys belong to a text box while one has the focus; a
      // space is a single key too (the room's "call next").
      const plain = !name.includes('+') && name.length === 1;
      if ((plain || TEXT_EDITING.has(name)) && isTyping(event.target)) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
