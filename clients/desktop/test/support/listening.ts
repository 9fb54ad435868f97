// What the waiting-room display says aloud, heard by the test: headless Chromium has no voices
// and no speakers, so the page's speechSynthesis.speak and Web Audio oscillators are wrapped to
// note each sentence (text and language) and each tone, then do what they would have done.
import type { Page } from 'playwright-core';

export interface Spoken {
  readonly text: string;
  readonly lang: string;
}

/** Install before the app loads (a CounterSession `beforeLoad`). */
export async function listen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Heard = { spoken: { text: string; lang: string }[]; tones: number };
    const page = globalThis as unknown as {
      __heard: Heard;
      speechSynthesis?: { speak(u: { text: string; lang: string }): void };
      AudioContext?: { prototype: { createOscillator(): unknown } };
    };
    page.__heard = { spoken: [], tones: 0 };
    const synth = page.speechSynthesis;
    if (synth) {
      const speak = synth.speak.bind(synth);
      synth.speak = (utterance) => {
        page.__heard.spoken.push({ text: utterance.text, lang: utterance.lang });
        try {
          speak(utterance);
        } catch {
          // no voice here: heard is what matters
        }
      };
    }
    const audio = page.AudioContext?.prototype;
    if (audio) {
      const create = audio.createOscillator;
      audio.createOscillator = function (this: unknown) {
        page.__heard.tones += 1;
        return create.call(this);
      };
    }
  });
}

/** Everything said and chimed so far. */
export function heard(page: Page): Promise<{ spoken: Spoken[]; tones: number }> {
  return page.evaluate(
    () => (globalThis as unknown as { __heard: { spoken: Spoken[]; tones: number } }).__heard,
  );
}

/**
 * Notes in the page when each key was last pressed (ms since the epoch, the page's own clock),
 * so a test measures from the moment the room's page got the key, not from when the test asked
 * the browser to press it. Install before the app loads.
 */
export async function notePresses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const page = globalThis as unknown as {
      __pressedAt: Record<string, number>;
      addEventListener(
        type: 'keydown',
        listener: (e: { code: string }) => void,
        capture: boolean,
      ): void;
    };
    page.__pressedAt = {};
    page.addEventListener('keydown', (event) => (page.__pressedAt[event.code] = Date.now()), true);
  });
}

/** When the page last got this key (a KeyboardEvent code, e.g. 'Space'). */
export function pressedAt(page: Page, code: string): Promise<number | undefined> {
  return page.evaluate(
    (wanted) =>
      (globalThis as unknown as { __pressedAt: Record<string, number> }).__pressedAt[wanted],
    code,
  );
}
