// The counter's text size: the window's zoom, set from the textSize setting and changed with
// Ctrl+= / Ctrl+- (Ctrl+0 back to the setting). The packaged app has no menu, and with it went
// Chromium's zoom accelerators, so the main process handles the keys itself.
// Takes the web contents as a small interface so a test can drive it without Electron.

/** Text sizes in per cent, as browsers step them. */
export const TEXT_SIZES = [50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300] as const;

export type TextSizeKey = 'larger' | 'smaller' | 'reset';

/** What Electron's before-input-event reports of a key. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
}

export interface ZoomableContents {
  setZoomFactor(factor: number): void;
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: KeyInput) => void,
  ): void;
  on(event: 'did-finish-load', listener: () => void): void;
}

/** The text-size key a key press is, if any: Ctrl (⌘ on a Mac) with =, +, -, _ or 0. */
export function textSizeKey(input: KeyInput): TextSizeKey | null {
  if (input.type !== 'keyDown' || !(input.control || input.meta) || input.alt) return null;
  if (input.key === '=' || input.key === '+') return 'larger';
  if (input.key === '-' || input.key === '_') return 'smaller';
  if (input.key === '0') return 'reset';
  return null;
}

/**
 * The next text size from `current` (per cent), never past the ends of TEXT_SIZES.
 *
 * @example nextTextSize(100, 'larger', 100) // 110; nextTextSize(115, 'smaller', 100) // 110
 */
export function nextTextSize(current: number, key: TextSizeKey, setting: number): number {
  if (key === 'reset') return setting;
  if (key === 'larger') return TEXT_SIZES.find((size) => size > current) ?? current;
  return [...TEXT_SIZES].reverse().find((size) => size < current) ?? current;
}

/** Applies the setting to the window and follows the keys; returns the size now in force. */
export function followTextSizeKeys(contents: ZoomableContents, setting: number): () => number {
  let current = setting;
  const apply = () => contents.setZoomFactor(current / 100);
  // A load resets the zoom of a new document; put the counter's size back.
  contents.on('did-finish-load', apply);
  contents.on('before-input-event', (event, input) => {
    const key = textSizeKey(input);
    if (key === null) return;
    event.preventDefault();
    current = nextTextSize(current, key, setting);
    apply();
  });
  apply();
  return () => current;
}
