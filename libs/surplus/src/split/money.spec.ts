import fc from 'fast-check';
import { formatCents, parseCents, parsePercentBasisPoints, percentOfCents } from './money.js';

describe('money', () => {
  it('parses decimal amounts into exact cents', () => {
    expect(parseCents('1250.00')).toBe(125_000n);
    expect(parseCents('1250')).toBe(125_000n);
    expect(parseCents('0.5')).toBe(50n);
    expect(parseCents('-3.07')).toBe(-307n);
    expect(parseCents('90071992547409931.99')).toBe(9_007_199_254_740_993_199n);
  });

  it('refuses amounts finer than a cent or not written as decimals', () => {
    for (const text of ['0.001', '1e3', '', '12.', ' 1', '1,00', '0x10']) expect(() => parseCents(text)).toThrow(RangeError);
  });

  it('formats cents with exactly two decimals and round-trips', () => {
    expect([0n, 1n, 99n, 100n, -5n, 125_000n].map(formatCents)).toEqual(['0.00', '0.01', '0.99', '1.00', '-0.05', '1250.00']);
    fc.assert(fc.property(fc.bigInt(-(10n ** 20n), 10n ** 20n), (cents) => expect(parseCents(formatCents(cents))).toBe(cents)));
  });

  it('parses percentages into basis points, allowing trailing zeros only', () => {
    expect(parsePercentBasisPoints('30')).toBe(3_000n);
    expect(parsePercentBasisPoints('12.5')).toBe(1_250n);
    expect(parsePercentBasisPoints('0.01')).toBe(1n);
    expect(parsePercentBasisPoints('30.000')).toBe(3_000n);
    expect(parsePercentBasisPoints('30.001')).toBeUndefined();
    expect(parsePercentBasisPoints('-1')).toBeUndefined();
  });

  it('takes a percentage of an amount rounded half up to the cent', () => {
    expect(percentOfCents(1n, 5_000n)).toBe(1n); // 0.005 -> 0.01
    expect(percentOfCents(3n, 5_000n)).toBe(2n); // 0.015 -> 0.02
    expect(percentOfCents(1n, 4_999n)).toBe(0n);
    expect(percentOfCents(1_000n, 2_500n)).toBe(250n);
    expect(() => percentOfCents(-1n, 100n)).toThrow(RangeError);
  });
});
