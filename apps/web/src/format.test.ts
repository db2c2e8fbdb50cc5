import { describe, expect, it } from 'vitest';
import { addDecimals, formatAmount, formatCoefficient, subtractDecimals } from './format';

describe('formatAmount', () => {
  it('formats the Decimal string exactly, beyond what a float holds', () => {
    expect(formatAmount('12345678901234567.89', 'en-GB')).toBe('12,345,678,901,234,567.89');
    expect(formatAmount('0.10', 'en-GB', 'EUR')).toBe('€0.10');
  });

  it('in the member’s locale', () => {
    // Intl separates with (narrow) no-break spaces.
    const plain = (text: string) => text.replace(/\s/g, ' ');
    expect(plain(formatAmount('1234.5', 'pl-PL', 'PLN'))).toBe('1234,50 zł');
    expect(plain(formatAmount('1234567.5', 'pl-PL', 'PLN'))).toBe('1 234 567,50 zł');
  });

  it('adds and subtracts exactly', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(subtractDecimals('1000', '400.50')).toBe('599.50');
    expect(subtractDecimals('0.30', '1.00')).toBe('-0.70');
  });
});

describe('formatCoefficient', () => {
  it('gives two decimals in the reader’s notation', () => {
    expect(formatCoefficient(0.75, 'en-GB')).toBe('0.75');
    expect(formatCoefficient(0.75, 'pl-PL')).toBe('0,75');
    expect(formatCoefficient(0, 'pl-PL')).toBe('0,00');
  });
});
