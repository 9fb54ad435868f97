// Matching what a clerk types against names, in any script. Text is compared in Unicode NFC
// (a Devanagari nukta or vowel sign typed as separate code points matches the composed form),
// case-folded, with punctuation and extra spaces ignored, and titles such as "Dr." or "डॉ."
// left out, so "sunita" finds "Dr. Sunita Rao" and "अनीता" finds "डॉ. अनीता वर्मा".

/** Text as search compares it. */
export function searchable(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

const TITLES = new Set(['dr', 'डॉ', 'डा', 'डॉक्टर']);

/** The words of a name without its title. */
const words = (text: string): string[] =>
  searchable(text)
    .split(' ')
    .filter((word) => word !== '' && !TITLES.has(word));

/**
 * Whether `query` finds `text`: every word typed starts a word of the text, in order of typing
 * ignored ("rao sun" finds "Sunita Rao"); a query that is only a title finds everything.
 */
export function matchesName(text: string, query: string): boolean {
  const wanted = words(query);
  const have = words(text);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}
