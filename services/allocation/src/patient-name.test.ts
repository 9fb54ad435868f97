import { describe, expect, it } from '@jest/globals';
import { nameKey } from './patient-name.js';

describe('the name that tells patients on one phone apart', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(nameKey('Asha  Rao')).toBe(nameKey('asha rao'));
    expect(nameKey('Asha-Rao.')).toBe(nameKey('ASHA RAO'));
    expect(nameKey("D'Souza, Maria")).toBe(nameKey('dsouza maria'));
  });

  it('keeps different names apart, in any script', () => {
    expect(nameKey('Asha Rao')).not.toBe(nameKey('Ravi Rao'));
    expect(nameKey('राम')).not.toBe(nameKey('रम'));
    expect(nameKey('राम कुमार')).toBe(nameKey('राम  कुमार'));
  });
});
