import { DomainError } from '@commons/core';
import { centsArgument, MAX_CENTS } from './money-input.js';

function fieldOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error instanceof DomainError ? error.details.field : error;
  }
  return undefined;
}

describe('amounts of money from the API', () => {
  it('reads decimals with up to two places as exact cents', () => {
    expect(centsArgument('1250', 'amount', 'positive')).toBe(125_000n);
    expect(centsArgument('0.5', 'amount', 'positive')).toBe(50n);
    expect(centsArgument('0', 'amount', 'non-negative')).toBe(0n);
    expect(centsArgument('999999999999.99', 'amount', 'positive')).toBe(MAX_CENTS);
  });

  it('refuses, naming the field, what is not money, finer than a cent, out of range or of the wrong sign', () => {
    expect(fieldOf(() => centsArgument('1.005', 'amount', 'positive'))).toBe('amount');
    expect(fieldOf(() => centsArgument('abc', 'price', 'positive'))).toBe('price');
    expect(fieldOf(() => centsArgument('0', 'amount', 'positive'))).toBe('amount');
    expect(fieldOf(() => centsArgument('-0.01', 'amount', 'non-negative'))).toBe('amount');
    expect(fieldOf(() => centsArgument('1000000000000', 'amount', 'positive'))).toBe('amount');
  });
});
