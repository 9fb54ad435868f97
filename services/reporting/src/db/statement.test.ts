import { describe, expect, it } from '@jest/globals';
import { Statement } from './statement.js';

describe('a statement built in one piece', () => {
  it('numbers its values in the order they are added, across several writes', () => {
    const statement = new Statement();
    const first = statement.param('event-1');
    const upsert = statement.upsert('doctor_day', 'doctor_day_id', [
      ['doctor_day_id', 'day-1'],
      ['capacity', 8],
    ]);

    expect(first).toBe('$1');
    expect(upsert.replace(/\s+/g, ' ')).toBe(
      'insert into doctor_day (doctor_day_id, capacity) values ($2, $3) ' +
        'on conflict (doctor_day_id) do update set capacity = excluded.capacity',
    );
    expect(statement.values).toEqual(['event-1', 'day-1', 8]);
  });
});
