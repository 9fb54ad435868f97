import {
  abhaProblem,
  ageOn,
  birthDateForAge,
  birthDateProblem,
  verhoeffDigit,
  verhoeffValid,
} from './patient-details.js';

describe('Verhoeff check digit', () => {
  it('matches the published examples', () => {
    expect(verhoeffDigit('236')).toBe(3);
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffDigit('12345')).toBe(1);
    expect(verhoeffDigit('123456789012')).toBe(0);
    expect(verhoeffValid('1234567890120')).toBe(true);
  });

  it('catches every single-digit error and adjacent transposition', () => {
    const base = '9187654321012';
    const valid = base + String(verhoeffDigit(base));
    expect(verhoeffValid(valid)).toBe(true);
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(verhoeffValid(valid.slice(0, i) + String(d) + valid.slice(i + 1))).toBe(false);
      }
      if (i + 1 < valid.length && valid[i] !== valid[i + 1]) {
        const swapped =
          valid.slice(0, i) + valid.charAt(i + 1) + valid.charAt(i) + valid.slice(i + 2);
        expect(verhoeffValid(swapped)).toBe(false);
      }
    }
  });
});

describe('ABHA number', () => {
  const base = '9187654321012';
  const abha = base + String(verhoeffDigit(base));

  it('takes 14 digits with a good check digit, with or without separators', () => {
    expect(abhaProblem(abha)).toBeUndefined();
    expect(
      abhaProblem(`${abha.slice(0, 2)}-${abha.slice(2, 6)}-${abha.slice(6, 10)}-${abha.slice(10)}`),
    ).toBeUndefined();
    expect(abhaProblem(`${abha.slice(0, 7)} ${abha.slice(7)}`)).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(abhaProblem('1234')).toMatch(/14 digits/);
    expect(abhaProblem('12345678901234x')).toMatch(/14 digits/);
    const wrong = base + String((verhoeffDigit(base) + 1) % 10);
    expect(abhaProblem(wrong)).toMatch(/check digit/);
  });
});

describe('date of birth and age', () => {
  it('refuses the future, before 1900 and non-dates', () => {
    expect(birthDateProblem('2020-02-29', '2026-12-05')).toBeUndefined();
    expect(birthDateProblem('2026-12-06', '2026-12-05')).toMatch(/future/);
    expect(birthDateProblem('1899-12-31', '2026-12-05')).toMatch(/1900/);
    expect(birthDateProblem('2021-02-29', '2026-12-05')).toMatch(/calendar date/);
  });

  it('estimates a date of birth from an age, and ages from dates', () => {
    expect(birthDateForAge(7, '2026-12-05')).toBe('2019-01-01');
    expect(ageOn('2019-01-01', '2026-12-05')).toBe(7);
    expect(ageOn('2019-12-06', '2026-12-05')).toBe(6);
    expect(ageOn('2019-12-05', '2026-12-05')).toBe(7);
  });
});
