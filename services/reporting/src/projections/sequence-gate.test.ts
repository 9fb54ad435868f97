import { describe, expect, it } from '@jest/globals';
import { sequenceVerdict } from './sequence-gate.js';

describe('the sequence gate of a doctor-day', () => {
  it('lets the next event in', () => {
    expect(sequenceVerdict(0, 1)).toBe('apply');
    expect(sequenceVerdict(41, 42)).toBe('apply');
  });

  it('treats an event at or below the applied position as a copy', () => {
    expect(sequenceVerdict(5, 5)).toBe('duplicate');
    expect(sequenceVerdict(5, 1)).toBe('duplicate');
  });

  it('holds back an event that overtook a missing one', () => {
    expect(sequenceVerdict(0, 2)).toBe('gap');
    expect(sequenceVerdict(5, 7)).toBe('gap');
  });
});
