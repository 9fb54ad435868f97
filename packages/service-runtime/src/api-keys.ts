import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as grpc from '@grpc/grpc-js';
import { ApiError } from './api-error.js';
import type { Caller } from './caller.js';
import { ConfigError } from './config.js';
import { ROLES, type Role, isRole } from './roles.js';

/** One configured API key: only the SHA-256 of the key is ever held. */
export interface ApiKeyEntry {
  name: string;
  role: Role;
  /** Lower-case hex SHA-256 of the key. */
  hash: string;
}

/** The hex SHA-256 of an API key, as configured in OPD_API_KEYS. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const PLAIN = 'plain=';

function entryOf(where: string, name: string, role: string, secret: string): ApiKeyEntry {
  if (!NAME.test(name)) {
    throw new ConfigError([`${where}: bad key name '${name}' (letters, digits, . _ : -)`]);
  }
  if (!isRole(role)) {
    throw new ConfigError([`${where}: unknown role '${role}' (expected ${ROLES.join(', ')})`]);
  }
  if (secret.startsWith(PLAIN)) {
    const key = secret.slice(PLAIN.length);
    if (key === '') throw new ConfigError([`${where}: empty plain key`]);
    return { name, role, hash: hashApiKey(key) };
  }
  if (!SHA256_HEX.test(secret)) {
    throw new ConfigError([`${where}: expected a hex SHA-256 (64 characters) or plain=<key>`]);
  }
  return { name, role, hash: secret.toLowerCase() };
}

/**
 * Parses `name:role:sha256hex,name2:role2:plain=<key>`. `plain=` (for development) is
 * hashed here and not kept.
 */
export function parseApiKeys(spec: string, source = 'OPD_API_KEYS'): ApiKeyEntry[] {
  const items = spec
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.map((item, index) => {
    const where = `${source} entry ${index + 1}`;
    const first = item.indexOf(':');
    const second = first < 0 ? -1 : item.indexOf(':', first + 1);
    if (second < 0) throw new ConfigError([`${where}: expected name:role:sha256hex`]);
    return entryOf(
      where,
      item.slice(0, first),
      item.slice(first + 1, second),
      item.slice(second + 1),
    );
  });
}

/** Parses the OPD_API_KEYS_FILE JSON: `[{"name": …, "role": …, "sha256": …}]`. */
export function parseApiKeysFile(json: string, source = 'OPD_API_KEYS_FILE'): ApiKeyEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([`${source}: not valid JSON (${(error as Error).message})`]);
  }
  if (!Array.isArray(parsed)) throw new ConfigError([`${source}: expected a JSON array`]);
  return parsed.map((item: unknown, index) => {
    const where = `${source} entry ${index + 1}`;
    const field = (key: string): string => {
      const value: unknown =
        typeof item === 'object' && item !== null
          ? (item as Record<string, unknown>)[key]
          : undefined;
      if (typeof value !== 'string') throw new ConfigError([`${where}: "${key}" must be a string`]);
      return value;
    };
    return entryOf(where, field('name'), field('role'), field('sha256'));
  });
}

type Env = Readonly<Record<string, string | undefined>>;

/** Loads the keys from OPD_API_KEYS and/or OPD_API_KEYS_FILE; at least one is required. */
export function loadApiKeys(env: Env = process.env): ApiKeyStore {
  const entries: ApiKeyEntry[] = [];
  const spec = env['OPD_API_KEYS'];
  if (spec !== undefined) entries.push(...parseApiKeys(spec));
  const file = env['OPD_API_KEYS_FILE'];
  if (file !== undefined && file !== '') {
    let json: string;
    try {
      json = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError([
        `OPD_API_KEYS_FILE: cannot read '${file}' (${(error as Error).message})`,
      ]);
    }
    entries.push(...parseApiKeysFile(json, `OPD_API_KEYS_FILE '${file}'`));
  }
  if (entries.length === 0) {
    throw new ConfigError(['OPD_API_KEYS / OPD_API_KEYS_FILE: no API keys configured']);
  }
  return new ApiKeyStore(entries);
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The configured API keys; turns a call's `authorization: Bearer <key>` into a Caller. */
export class ApiKeyStore {
  readonly #keys: readonly { entry: ApiKeyEntry; digest: Buffer }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    const names = new Set<string>();
    const hashes = new Set<string>();
    for (const entry of entries) {
      if (names.has(entry.name))
        throw new ConfigError([`API key '${entry.name}' is configured twice`]);
      if (hashes.has(entry.hash)) {
        throw new ConfigError([`API key '${entry.name}' has the same key as another entry`]);
      }
      names.add(entry.name);
      hashes.add(entry.hash);
    }
    this.#keys = entries.map((entry) => ({ entry, digest: Buffer.from(entry.hash, 'hex') }));
  }

  get size(): number {
    return this.#keys.length;
  }

  /**
   * The caller of a call, from its metadata. Throws UNAUTHENTICATED with reason
   * API_KEY_MISSING (no key sent) or API_KEY_INVALID (unknown key or malformed header).
   */
  authenticate(metadata: grpc.Metadata, peer = ''): Caller {
    const [header] = metadata.get('authorization');
    const text = typeof header === 'string' ? header.trim() : '';
    if (text === '' || /^Bearer$/i.test(text)) {
      throw new ApiError('UNAUTHENTICATED', "missing 'authorization: Bearer <key>' metadata", {
        reason: 'API_KEY_MISSING',
      });
    }
    const key = BEARER.exec(text)?.[1];
    const presented =
      key === undefined ? undefined : createHash('sha256').update(key, 'utf8').digest();
    let found: ApiKeyEntry | undefined;
    if (presented !== undefined) {
      // Compare against every key so the time taken does not depend on which one matched.
      for (const { entry, digest } of this.#keys) {
        if (timingSafeEqual(digest, presented) && found === undefined) found = entry;
      }
    }
    if (found === undefined) {
      throw new ApiError('UNAUTHENTICATED', 'the API key is not valid', {
        reason: 'API_KEY_INVALID',
      });
    }
    const [agent] = metadata.get('user-agent');
    return {
      keyName: found.name,
      role: found.role,
      peer,
      userAgent: typeof agent === 'string' ? agent : '',
    };
  }
}
