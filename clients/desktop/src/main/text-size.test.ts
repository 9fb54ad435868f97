import { describe, expect, it } from '@jest/globals';
import {
  followTextSizeKeys,
  nextTextSize,
  textSizeKey,
  type KeyInput,
  type ZoomableContents,
} from './text-size.js';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: true,
  meta: false,
  alt: false,
  ...extra,
});

/** Web contents as far as text size goes: records the zoom and replays key presses. */
function contents() {
  const listeners: Record<string, ((...args: never[]) => void)[]> = {};
  const zoom: number[] = [];
  const target: ZoomableContents = {
    setZoomFactor: (factor) => zoom.push(factor),
    on: (event: string, listener: (...args: never[]) => void) => {
      (listeners[event] ??= []).push(listener);
    },
  };
  const press = (input: KeyInput) => {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    for (const listener of listeners['before-input-event'] ?? []) {
      (listener as (e: typeof event, i: KeyInput) => void)(event, input);
    }
    return prevented;
  };
  const load = () => (listeners['did-finish-load'] ?? []).forEach((l) => (l as () => void)());
  return { target, zoom, press, load };
}

describe('text size at the counter', () => {
  it('reads Ctrl+= and Ctrl++ as larger, Ctrl+- as smaller, Ctrl+0 as back to the setting', () => {
    expect(textSizeKey(key('='))).toBe('larger');
    expect(textSizeKey(key('+'))).toBe('larger');
    expect(textSizeKey(key('-'))).toBe('smaller');
    expect(textSizeKey(key('0'))).toBe('reset');
    expect(textSizeKey(key('=', { control: false, meta: true }))).toBe('larger');
  });

  it('leaves every other key to the page', () => {
    expect(textSizeKey(key('=', { control: false }))).toBeNull();
    expect(textSizeKey(key('=', { alt: true }))).toBeNull();
    expect(textSizeKey(key('=', { type: 'keyUp' }))).toBeNull();
    expect(textSizeKey(key('p'))).toBeNull();
  });

  it('steps through the usual sizes and stops at the ends', () => {
    expect(nextTextSize(100, 'larger', 100)).toBe(110);
    expect(nextTextSize(115, 'smaller', 100)).toBe(110);
    expect(nextTextSize(300, 'larger', 100)).toBe(300);
    expect(nextTextSize(50, 'smaller', 100)).toBe(50);
    expect(nextTextSize(175, 'reset', 125)).toBe(125);
  });

  it('opens the window at the setting, follows the keys, and keeps the size across a reload', () => {
    const window = contents();
    const current = followTextSizeKeys(window.target, 125);
    expect(window.zoom).toEqual([1.25]);
    expect(window.press(key('='))).toBe(true);
    expect(window.press(key('='))).toBe(true);
    expect(current()).toBe(175);
    expect(window.press(key('a'))).toBe(false);
    window.load();
    expect(window.zoom.at(-1)).toBe(1.75);
    window.press(key('0'));
    expect(window.zoom.at(-1)).toBe(1.25);
  });
});
