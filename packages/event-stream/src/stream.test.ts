import { describe, expect, it } from '@jest/globals';
import { assertSubjectPrefix, eventSubject } from './stream.js';

describe('event subjects', () => {
  it('put the snake_case event type under the prefix', () => {
    expect(eventSubject('opd.v1.events', 'waitlist_entry_promoted')).toBe(
      'opd.v1.events.waitlist_entry_promoted',
    );
  });

  it('refuse an event type that would be a wildcard or span several tokens', () => {
    for (const eventType of [
      '',
      'token.allocated',
      '>',
      '*',
      'TokenAllocated',
      'token allocated',
    ]) {
      expect(() => eventSubject('opd.v1.events', eventType)).toThrow(/invalid event type/);
    }
  });

  it('refuse a prefix with wildcards or empty tokens', () => {
    for (const prefix of ['opd.>', 'opd.*.events', 'opd..events', '', 'opd.events.']) {
      expect(() => assertSubjectPrefix(prefix)).toThrow(/invalid subject prefix/);
    }
    expect(() => assertSubjectPrefix('opd.v1.events')).not.toThrow();
  });
});
