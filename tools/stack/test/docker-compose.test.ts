// docker-compose.yml as the security review found it (issue 12, item 15): ports published on
// every interface, plaintext development keys where its comment said hashed, and a public
// fallback page-token secret. Checked on the file itself (`docker-compose config -q` validates
// it where docker-compose is installed; see README).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DEV_KEYS } from '../dev-keys.js';

const compose = readFileSync(
  fileURLToPath(new URL('../../../docker-compose.yml', import.meta.url)),
  'utf8',
);
const lines = compose.split('\n');

/** The items of every `ports:` list. */
function publishedPorts(): string[] {
  const ports: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== 'ports:') return;
    for (const item of lines.slice(i + 1)) {
      const match = /^\s+- '?([^']+)'?$/.exec(item);
      if (!match?.[1]) break;
      ports.push(match[1]);
    }
  });
  return ports;
}

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const ports = publishedPorts();
    expect(ports).toEqual(
      expect.arrayContaining(['127.0.0.1:50051:50051', '127.0.0.1:50052:50052']),
    );
    expect(ports.filter((p) => !p.startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('configures its default API keys hashed, as production keys are', () => {
    expect(compose).not.toContain('plain=');
    const spec = /OPD_API_KEYS: \$\{OPD_API_KEYS:-([^}]+)\}/.exec(compose)?.[1] ?? '';
    const expected = Object.entries(DEV_KEYS).map(
      ([role, key]) => `${role}:${role}:${createHash('sha256').update(key).digest('hex')}`,
    );
    expect(spec.split(',')).toEqual(expected);
  });

  it('has no fallback page-token secret: one must be set', () => {
    expect(compose).toMatch(/OPD_PAGE_TOKEN_SECRET: \$\{OPD_PAGE_TOKEN_SECRET:\?/);
    expect(compose).not.toMatch(/OPD_PAGE_TOKEN_SECRET:-/);
  });
});
