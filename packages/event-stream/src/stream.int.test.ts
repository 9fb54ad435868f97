import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { millis, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { ensureEventStream } from './stream.js';
import { uniqueStream } from './testing/index.js';

const NATS_URL = process.env['OPD_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

let nc: NatsConnection;
let jsm: JetStreamManager;
const stream = uniqueStream();

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  await jsm.streams.delete(stream.name).catch(() => false);
  await nc.close();
});

describe('the event stream', () => {
  it('is created on file storage with our subjects and an explicit duplicate window, then left alone', async () => {
    expect(await ensureEventStream(jsm, { ...stream, duplicateWindowMs: 120_000 })).toBe('created');

    const { config } = await jsm.streams.info(stream.name);
    expect(config.subjects).toEqual([`${stream.subjectPrefix}.>`]);
    expect(config.storage).toBe(StorageType.File);
    expect(millis(config.duplicate_window)).toBe(120_000);
    expect(await ensureEventStream(jsm, { ...stream, duplicateWindowMs: 120_000 })).toBe(
      'unchanged',
    );
  });

  it('is updated when its subjects, duplicate window or maximum age differ from ours', async () => {
    const prefix = `${stream.subjectPrefix}.v2`;
    const options = {
      name: stream.name,
      subjectPrefix: prefix,
      duplicateWindowMs: 60_000,
      maxAgeDays: 30,
    };

    expect(await ensureEventStream(jsm, options)).toBe('updated');

    const { config } = await jsm.streams.info(stream.name);
    expect(config.subjects).toEqual([`${prefix}.>`]);
    expect(millis(config.duplicate_window)).toBe(60_000);
    expect(millis(config.max_age)).toBe(30 * 24 * 3_600_000);
    expect(await ensureEventStream(jsm, options)).toBe('unchanged');
  });
});
