import { describe, expect, it } from 'vitest';
import { idCheckChar, idNumberProblem, maskIdNumber, maskPhone } from './id-number.js';

describe('GB 11643 check digit', () => {
  it.each([
    ['11010519491231002', 'X'], // the standard's own example
    ['44052418800101001', '4'],
    ['11010119900307451', '4'],
  ])('%s → %s', (first17, check) => {
    expect(idCheckChar(first17)).toBe(check);
  });

  it('accepts a valid number, also with a lower-case x', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });

  it.each([
    ['110105194912310021', 'checkDigit'],
    ['11010519491231002', 'format'],
    ['1101051949123100211', 'format'],
    ['11010519491331002X', 'birthDate'],
    ['110105194902300020', 'birthDate'],
    ['11010518991231002X', 'birthDate'],
    ['A1010519491231002X', 'format'],
  ])('%s is refused for %s', (value, problem) => {
    expect(idNumberProblem(value)).toBe(problem);
  });
});

describe('masking', () => {
  it('keeps the first 3 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
  it('keeps the first 3 and last 4 digits of a phone', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});
