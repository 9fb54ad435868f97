import { describe, expect, it } from '@jest/globals';
import { displayRoute, displayTargets } from './display-args.js';

const ID = '0B7E3D9A-5c41-4f0e-8a2b-1d3c5e7f9a11';

describe('the waiting-room display from the command line', () => {
  it('is not asked for without --display', () => {
    expect(displayTargets(['electron', '.'])).toBeNull();
  });

  it('takes doctor ids and departments, one per argument or separated by commas', () => {
    expect(
      displayTargets(['electron', '.', '--display', ID, 'ENT,General Medicine', '--no-sandbox']),
    ).toEqual({ doctorIds: [ID.toLowerCase()], departments: ['ENT', 'General Medicine'] });
    expect(displayTargets(['electron', '--display=ENT'])).toEqual({
      doctorIds: [],
      departments: ['ENT'],
    });
  });

  it('shows every doctor when no room is named', () => {
    expect(displayTargets(['electron', '.', '--display'])).toEqual({
      doctorIds: [],
      departments: [],
    });
    expect(displayRoute({ doctorIds: [], departments: [] })).toBe('#/display');
  });

  it('hands the rooms to the renderer in its address', () => {
    expect(displayRoute({ doctorIds: ['a', 'b'], departments: ['General Medicine'] })).toBe(
      '#/display?doctors=a%2Cb&departments=General+Medicine',
    );
  });
});
