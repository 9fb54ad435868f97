// Every sentence the app carries exists in Hindi too: a key missing in hi.json would show a
// Hindi-speaking counter, room or waiting room English words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

type Tree = { readonly [key: string]: string | Tree };
const messages = (language: string): Tree =>
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, `../src/renderer/i18n/messages/${language}.json`),
      'utf8',
    ),
  ) as Tree;

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the languages the app carries', () => {
  const en = messages('en');
  const hi = messages('hi');

  it('has every English sentence in Hindi, and nothing Hindi that English lacks', () => {
    expect(keys(hi).sort()).toEqual(keys(en).sort());
  });

  it('fills the same placeholders in both', () => {
    const lookup = (tree: Tree, key: string): string =>
      key
        .split('.')
        .reduce<string | Tree>((node, part) => (node as Tree)[part] ?? '', tree) as string;
    const differing = keys(en).filter(
      (key) =>
        placeholders(lookup(en, key)).join() !== placeholders(lookup(hi, key)).join() &&
        // Plural forms may leave the count out of the words ("once").
        !/_(one|other)$/.test(key),
    );
    expect(differing).toEqual([]);
  });
});
