// A hospital's own language file: `<languagesDir>/<language>.json`, nested objects of strings
// keyed like the bundled English file. Read when the renderer starts, checked, never executed:
// a translation is text, so a broken file costs the missing words (English shows), not the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LanguagePack, MessageTree } from '../../shared/ipc-contract.js';

/** A language code as file names use it: "ta", "ml", "hi", "pt-BR". */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const MAX_BYTES = 1_000_000;
const MAX_DEPTH = 6;

export class LanguageFileError extends Error {
  override readonly name = 'LanguageFileError';
}

/** The messages of a parsed file, or why it is not a language file. */
export function messageTree(value: unknown, where: string, depth = 0): MessageTree {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LanguageFileError(`${where}: expected an object of messages`);
  }
  if (depth > MAX_DEPTH) throw new LanguageFileError(`${where}: nested too deep`);
  const tree: Record<string, string | MessageTree> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') tree[key] = item;
    else tree[key] = messageTree(item, `${where}.${key}`, depth + 1);
  }
  return tree;
}

export function languageFile(languagesDir: string, language: string): string {
  if (!LANGUAGE_CODE.test(language)) {
    throw new LanguageFileError(`"${language}" is not a language code such as ta or ml`);
  }
  return path.join(languagesDir, `${language}.json`);
}

/** The counter's language file, or null when the folder has none for it. */
export async function readLanguagePack(
  languagesDir: string | null,
  language: string,
): Promise<LanguagePack | null> {
  if (languagesDir === null) return null;
  const file = languageFile(languagesDir, language);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text.length > MAX_BYTES) throw new LanguageFileError(`${file}: larger than 1 MB`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LanguageFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  return { language, messages: messageTree(parsed, path.basename(file)) };
}
