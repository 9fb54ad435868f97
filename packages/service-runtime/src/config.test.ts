import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  ConfigError,
  loadConfig,
  pageTokenSecretVars,
  portVar,
  refuseDevelopmentSecretInProduction,
} from './config.js';

const schema = z.object({
  OPD_GRPC_HOST: z.string().default('0.0.0.0'),
  OPD_GRPC_PORT: portVar(),
  OPD_METRICS_PORT: portVar({ allowZero: true }),
  OPD_DB_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }),
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the parsed, typed configuration', () => {
    const config = loadConfig(schema, {
      OPD_GRPC_PORT: '50051',
      OPD_METRICS_PORT: '0',
      OPD_DB_PASSWORD: 'correct horse',
    });

    expect(config).toEqual({
      OPD_GRPC_HOST: '0.0.0.0',
      OPD_GRPC_PORT: 50051,
      OPD_METRICS_PORT: 0,
      OPD_DB_PASSWORD: 'correct horse',
    });
  });

  it('reports one line per problem, naming the variable and the value', () => {
    expect(
      problemsOf({
        OPD_GRPC_PORT: 'abc',
        OPD_METRICS_PORT: '70000',
        OPD_DB_PASSWORD: 'correct horse',
      }),
    ).toEqual([
      "OPD_GRPC_PORT: expected a number from 1 to 65535, got 'abc'",
      "OPD_METRICS_PORT: expected a number from 0 to 65535, got '70000'",
    ]);
  });

  it('says when a variable is not set and never echoes a secret', () => {
    expect(problemsOf({ OPD_METRICS_PORT: '9464', OPD_DB_PASSWORD: 'short' })).toEqual([
      'OPD_GRPC_PORT: expected a number from 1 to 65535 (not set)',
      'OPD_DB_PASSWORD: must be at least 8 characters',
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => loadConfig(schema, {})).toThrow(/OPD_GRPC_PORT.*\n.*OPD_METRICS_PORT/);
  });
});

describe('the page-token secret', () => {
  const secrets = z.object(pageTokenSecretVars).superRefine(refuseDevelopmentSecretInProduction);

  it('has a development default, refused in production without echoing it', () => {
    expect(loadConfig(secrets, {}).OPD_PAGE_TOKEN_SECRET).toHaveLength(25);
    expect(() => loadConfig(secrets, { NODE_ENV: 'production' })).toThrow(
      'OPD_PAGE_TOKEN_SECRET: is a publicly known default or placeholder',
    );
    // docker-compose.yml's old fallback, and placeholders of its kind.
    for (const known of ['change-me-page-token-secret', 'CHANGEME-0123456789abcdef']) {
      expect(() =>
        loadConfig(secrets, { NODE_ENV: 'production', OPD_PAGE_TOKEN_SECRET: known }),
      ).toThrow('OPD_PAGE_TOKEN_SECRET: is a publicly known default or placeholder');
    }
    const own = { NODE_ENV: 'production', OPD_PAGE_TOKEN_SECRET: 'a-hospital-own-secret' };
    expect(loadConfig(secrets, own).OPD_PAGE_TOKEN_SECRET).toBe(own.OPD_PAGE_TOKEN_SECRET);
  });
});
