import { describe, expect, it } from '@jest/globals';
import { tokenLabel, tokenPrefix } from './token-label.js';

const ent = { doctorId: '0b7e3d9a-5c41-4f0e-8a2b-1d3c5e7f9a11', department: 'ENT' };

describe('the token as patients read it', () => {
  it("puts the doctor's prefix before the number", () => {
    expect(tokenLabel(44, 'ENT')).toBe('ENT-44');
    expect(tokenLabel(44, '')).toBe('44');
  });

  it("takes the doctor's own prefix before the department's, whatever the case", () => {
    expect(tokenPrefix({ ent: 'E' }, ent)).toBe('E');
    expect(tokenPrefix({ ent: 'E', [ent.doctorId]: 'AV' }, ent)).toBe('AV');
    expect(tokenPrefix({ Cardiology: 'CAR' }, ent)).toBe('');
    expect(tokenPrefix({ ENT: 'ENT' }, null)).toBe('');
  });
});
