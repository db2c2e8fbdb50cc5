import { describe, expect, it } from 'vitest';
import { apportion, formatCents, formatPercent, parseCents, parsePercent, percentOf, previewSplit } from './split-money';

const policy = (reserve: string, education: string, commons: string, patronage: string, patronageCash = '25') => ({
  reserve,
  education,
  commons,
  patronage,
  patronageCash,
});

describe('exact money for the split editor', () => {
  it('reads and writes cents and percentages without floats', () => {
    expect(parseCents('1234567.89')).toBe(123456789n);
    expect(parseCents('-0.5')).toBe(-50n);
    expect(parseCents('0.1')).toBe(10n);
    expect(parseCents('1.234')).toBeUndefined();
    expect(formatCents(123456789n)).toBe('1234567.89');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(parsePercent('12,5')).toBe(1250n);
    expect(parsePercent('30.000')).toBe(3000n);
    expect(parsePercent('30.001')).toBeUndefined();
    expect(parsePercent('100.01')).toBeUndefined();
    expect(parsePercent('-1')).toBeUndefined();
    expect(formatPercent(1250n)).toBe('12.5');
    expect(percentOf(1n, 5000n)).toBe(1n);
    expect(percentOf(3n, 3333n)).toBe(1n);
  });

  it('splits like the API: 1 234 567.89 at 30/10/20/40 gives the 3 spare cents to the largest remainders', () => {
    const preview = previewSplit('1234567.89', policy('30', '10', '20', '40'));
    expect(preview.problems).toEqual([]);
    expect(preview.shares).toEqual({ reserve: 37_037_037n, education: 12_345_679n, commons: 24_691_358n, patronage: 49_382_715n });
    expect(preview.policy).toEqual(policy('30', '10', '20', '40'));
  });

  it('breaks ties towards the larger percentage, then the reserve first, and always adds up to the surplus', () => {
    expect(apportion(1n, [3000n, 1000n, 2000n, 4000n])).toEqual([0n, 0n, 0n, 1n]);
    expect(apportion(1n, [2500n, 2500n, 2500n, 2500n])).toEqual([1n, 0n, 0n, 0n]);
    expect(apportion(2n, [2500n, 2500n, 2500n, 2500n])).toEqual([1n, 1n, 0n, 0n]);
    expect(apportion(100n, [3333n, 3333n, 3334n, 0n])).toEqual([33n, 33n, 34n, 0n]);
    for (let total = 0n; total < 2000n; total += 7n) {
      const parts = apportion(total, [1234n, 4321n, 17n, 4428n]);
      expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
    }
  });

  it('refuses what the bylaws refuse: a share below its floor, a total other than 100, an unreadable percentage', () => {
    const minimums = { reserve: '20', education: '5', patronageCash: '20' };
    const low = previewSplit('1000.00', policy('15', '10', '20', '55', '10'), minimums);
    expect(low.problems).toEqual([
      { field: 'reserve', rule: 'minimum', minimum: '20' },
      { field: 'patronageCash', rule: 'minimum', minimum: '20' },
    ]);
    expect(low.policy).toBeUndefined();
    expect(low.shares).toEqual({ reserve: 15000n, education: 10000n, commons: 20000n, patronage: 55000n });

    const off = previewSplit('1000.00', policy('30', '10', '20', '35.5'), minimums);
    expect(off.problems).toEqual([{ field: 'total', rule: 'total', total: '95.5' }]);
    expect(off.total).toBe('95.5');

    const unreadable = previewSplit('1000.00', policy('30', 'ten', '20', '40'), minimums);
    expect(unreadable.problems).toEqual([{ field: 'education', rule: 'number' }]);
    expect(unreadable.shares.education).toBeUndefined();
    expect(unreadable.total).toBeUndefined();
  });
});
