import { describe, expect, it } from '@jest/globals';
import { renderTable } from './table.js';

describe('plain-text tables', () => {
  it('lines columns up, numbers to the right, without trailing spaces', () => {
    expect(
      renderTable(
        ['SLOT', 'PLACES', 'PATIENT'],
        [
          ['09:00-09:15', '2/2', 'Asha Rao'],
          ['09:15-09:30', '10/12', ''],
        ],
        ['left', 'right'],
      ),
    ).toEqual([
      'SLOT         PLACES  PATIENT',
      '09:00-09:15     2/2  Asha Rao',
      '09:15-09:30   10/12',
    ]);
  });
});
