import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { readLanguagePack } from './language-pack.js';

const dir = mkdtempSync(path.join(tmpdir(), 'opd-languages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a hospital's language file", () => {
  it('is read as nested messages', async () => {
    writeFileSync(
      path.join(dir, 'ta.json'),
      JSON.stringify({ language: { name: 'தமிழ்' }, app: { screen: { issue: 'டோக்கன்' } } }),
    );
    expect(await readLanguagePack(dir, 'ta')).toEqual({
      language: 'ta',
      messages: { language: { name: 'தமிழ்' }, app: { screen: { issue: 'டோக்கன்' } } },
    });
  });

  it('is simply absent when the folder has none for the language, or there is no folder', async () => {
    expect(await readLanguagePack(dir, 'ml')).toBeNull();
    expect(await readLanguagePack(null, 'ta')).toBeNull();
  });

  it('is refused, naming the place, when it holds something other than text', async () => {
    writeFileSync(path.join(dir, 'kn.json'), JSON.stringify({ app: { title: 42 } }));
    await expect(readLanguagePack(dir, 'kn')).rejects.toThrow('kn.json.app.title');
  });

  it('never reads outside the folder', async () => {
    await expect(readLanguagePack(dir, '../secrets')).rejects.toThrow('not a language code');
  });
});
