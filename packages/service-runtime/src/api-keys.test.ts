import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error.js';
import {
  ApiKeyStore,
  hashApiKey,
  loadApiKeys,
  parseApiKeys,
  parseApiKeysFile,
} from './api-keys.js';
import { ConfigError } from './config.js';

const COUNTER_HASH = hashApiKey('counter-secret');

function metadata(entries: Record<string, string>): grpc.Metadata {
  const result = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) result.set(key, value);
  return result;
}

function refusal(store: ApiKeyStore, md: grpc.Metadata): ApiError {
  try {
    store.authenticate(md);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('parseApiKeys', () => {
  it('reads name:role:sha256 entries separated by commas', () => {
    const entries = parseApiKeys(
      `counter-1:counter:${COUNTER_HASH.toUpperCase()}, his:integration:${hashApiKey('x')}`,
    );

    expect(entries).toEqual([
      { name: 'counter-1', role: 'counter', hash: COUNTER_HASH },
      { name: 'his', role: 'integration', hash: hashApiKey('x') },
    ]);
  });

  it('hashes a plain development key at once and keeps only the hash', () => {
    const entries = parseApiKeys('dev:admin:plain=let:me:in');

    expect(entries).toEqual([{ name: 'dev', role: 'admin', hash: hashApiKey('let:me:in') }]);
    expect(JSON.stringify(entries)).not.toContain('let:me:in');
  });

  it('names the entry with an unknown role', () => {
    expect(() => parseApiKeys(`a:counter:${COUNTER_HASH},b:nurse:${COUNTER_HASH}`)).toThrow(
      "OPD_API_KEYS entry 2: unknown role 'nurse'",
    );
  });

  it('names the entry whose hash is not a SHA-256', () => {
    expect(() => parseApiKeys('a:counter:abc123')).toThrow(
      'OPD_API_KEYS entry 1: expected a hex SHA-256 (64 characters) or plain=<key>',
    );
  });

  it('names the entry that is not name:role:hash', () => {
    expect(() => parseApiKeys('just-a-key')).toThrow(
      'OPD_API_KEYS entry 1: expected name:role:sha256hex',
    );
  });
});

describe('parseApiKeysFile', () => {
  it('reads a JSON array of name, role and sha256', () => {
    const json = JSON.stringify([{ name: 'reports', role: 'reporting', sha256: COUNTER_HASH }]);

    expect(parseApiKeysFile(json)).toEqual([
      { name: 'reports', role: 'reporting', hash: COUNTER_HASH },
    ]);
  });

  it('names the entry with a missing field', () => {
    expect(() => parseApiKeysFile('[{"name":"a","role":"admin"}]')).toThrow(
      'OPD_API_KEYS_FILE entry 1: "sha256" must be a string',
    );
  });

  it('refuses JSON that is not an array', () => {
    expect(() => parseApiKeysFile('{}')).toThrow(ConfigError);
  });
});

describe('loadApiKeys', () => {
  it('combines OPD_API_KEYS and OPD_API_KEYS_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opd-keys-'));
    try {
      const file = path.join(dir, 'keys.json');
      writeFileSync(file, JSON.stringify([{ name: 'b', role: 'doctor', sha256: hashApiKey('b') }]));

      const store = loadApiKeys({
        OPD_API_KEYS: `a:counter:${COUNTER_HASH}`,
        OPD_API_KEYS_FILE: file,
      });

      expect(store.size).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with no keys at all', () => {
    expect(() => loadApiKeys({})).toThrow('no API keys configured');
  });

  it('refuses the same name twice', () => {
    expect(() => loadApiKeys({ OPD_API_KEYS: 'a:counter:plain=one,a:doctor:plain=two' })).toThrow(
      "API key 'a' is configured twice",
    );
  });
});

describe('ApiKeyStore.authenticate', () => {
  const store = new ApiKeyStore(parseApiKeys(`counter-1:counter:${COUNTER_HASH}`));

  it('knows the caller by the bearer key', () => {
    const caller = store.authenticate(
      metadata({ authorization: 'Bearer counter-secret', 'user-agent': 'opd-desktop/1.0' }),
      '10.0.0.5:5000',
    );

    expect(caller).toEqual({
      keyName: 'counter-1',
      role: 'counter',
      peer: '10.0.0.5:5000',
      userAgent: 'opd-desktop/1.0',
    });
  });

  it('accepts the scheme in any case', () => {
    expect(store.authenticate(metadata({ authorization: 'bearer counter-secret' })).keyName).toBe(
      'counter-1',
    );
  });

  it('says API_KEY_MISSING when no key is sent', () => {
    expect(refusal(store, metadata({}))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'API_KEY_MISSING',
    });
    expect(refusal(store, metadata({ authorization: 'Bearer ' }))).toMatchObject({
      reason: 'API_KEY_MISSING',
    });
  });

  it('says API_KEY_INVALID for an unknown key or another scheme', () => {
    expect(refusal(store, metadata({ authorization: 'Bearer wrong' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'API_KEY_INVALID',
    });
    expect(refusal(store, metadata({ authorization: 'Basic Y291bnRlcjpzZWNyZXQ=' }))).toMatchObject(
      {
        reason: 'API_KEY_INVALID',
      },
    );
  });

  it('never echoes the key in its errors', () => {
    const error = refusal(store, metadata({ authorization: 'Bearer s3cr3t-guess' }));

    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('s3cr3t-guess');
  });
});
