import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

// The stubs are committed so that services and clients build without buf; this keeps them
// honest: regenerating from proto/ must give byte-for-byte what is in the repo.
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'opd-gen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated stubs', () => {
  it('match what buf generates from proto/ today', () => {
    execFileSync('npx', ['buf', 'generate', '-o', scratch], { cwd: root, stdio: 'pipe' });
    const committed = path.join(root, 'packages/api/src/gen');
    const fresh = path.join(scratch, 'packages/api/src/gen');
    expect(files(fresh)).toEqual(files(committed));
    for (const file of files(fresh)) {
      expect({ file, text: readFileSync(path.join(fresh, file), 'utf8') }).toEqual({
        file,
        text: readFileSync(path.join(committed, file), 'utf8'),
      });
    }
  });

  it('ship a descriptor set that matches proto/ today', () => {
    const out = path.join(scratch, 'opd.binpb');
    execFileSync('npx', ['buf', 'build', '--as-file-descriptor-set', '-o', out], { cwd: root });
    const committed = readFileSync(path.join(root, 'packages/api/descriptor/opd.binpb'));
    expect(readFileSync(out).equals(committed)).toBe(true);
  });
});
