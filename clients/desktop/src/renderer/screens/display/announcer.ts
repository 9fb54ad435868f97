// How the waiting room hears a call: a two-tone chime (Web Audio, nothing to download), then
// the call spoken in each configured language with the system's voices. The display window is
// never throttled and may play sound without a click (its Electron window options), so this
// works with nobody at the screen.

let audio: AudioContext | null = null;

/** A soft "ding-dong": two sine tones, about a second. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime + 0.05;
    [
      [0, 880],
      [0.45, 660],
    ].forEach(([offset = 0, frequency = 660]) => {
      if (audio === null) return;
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, start + offset);
      volume.gain.exponentialRampToValueAtTime(0.5, start + offset + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
      tone.connect(volume).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.95);
    });
  } catch {
    // No sound device: the flash and the voice still announce.
  }
}

/** The system voice for a language ("hi" → a hi-IN voice), if it has one. */
function voiceFor(language: string): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis.getVoices();
  const tag = (voice: SpeechSynthesisVoice) => voice.lang.replace('_', '-').toLowerCase();
  return (
    voices.find((v) => tag(v) === `${language}-in`) ??
    voices.find((v) => tag(v).split('-')[0] === language)
  );
}

/** Queues one sentence in one language; sentences are spoken one after another. */
export function speak(text: string, language: string): void {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language.includes('-') ? language : `${language}-IN`;
  const voice = voiceFor(language);
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}
