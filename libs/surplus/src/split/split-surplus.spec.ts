import fc from 'fast-check';
import { ErrorCode } from '@commons/core';
import { type AllocationPolicy, SPANISH_LAW_27_1999_MINIMUMS, formatBasisPoints } from './allocation-policy.js';
import { splitSurplus } from './split-surplus.js';
import { InvalidAllocationPolicyError, NoSurplusError } from './surplus-errors.js';
import { parseCents } from './money.js';

const policy = (reserve: string, education: string, commons: string, patronage: string): AllocationPolicy => ({
  reserve,
  education,
  commons,
  patronage,
  patronageCash: '25',
});

describe('splitSurplus', () => {
  it('splits a year 30/10/20/40 exactly', () => {
    expect(splitSurplus(parseCents('1234567.89'), policy('30', '10', '20', '40'))).toEqual({
      // Exact quotas in cents: 37037036.7, 12345678.9, 24691357.8, 49382715.6; the 3 cents left over go to .9, .8, .7.
      reserve: 37_037_037n,
      education: 12_345_679n,
      commons: 24_691_358n,
      patronage: 49_382_715n,
    });
  });

  it('splits 100.00 three ways as 33.33, 33.33, 33.34, and refuses thirds finer than 0.01%', () => {
    expect(splitSurplus(10_000n, policy('33.33', '33.33', '33.34', '0'))).toEqual({
      reserve: 3_333n,
      education: 3_333n,
      commons: 3_334n,
      patronage: 0n,
    });
    expect(splitSurplus(100n, policy('33.33', '33.33', '33.34', '0'))).toEqual({
      reserve: 33n,
      education: 33n,
      commons: 34n,
      patronage: 0n,
    });
    expect(() => splitSurplus(10_000n, policy('0', '33.333', '33.333', '33.334'))).toThrow(InvalidAllocationPolicyError);
  });

  it('gives a single cent to the largest share, or on a tie to the reserve first', () => {
    expect(splitSurplus(1n, policy('30', '10', '20', '40'))).toEqual({ reserve: 0n, education: 0n, commons: 0n, patronage: 1n });
    expect(splitSurplus(1n, policy('25', '25', '25', '25'))).toEqual({ reserve: 1n, education: 0n, commons: 0n, patronage: 0n });
    expect(splitSurplus(2n, policy('25', '25', '25', '25'))).toEqual({ reserve: 1n, education: 1n, commons: 0n, patronage: 0n });
  });

  it('refuses to distribute a zero surplus or a loss (CONFLICT)', () => {
    expect(() => splitSurplus(0n, policy('30', '10', '20', '40'))).toThrow(NoSurplusError);
    expect(() => splitSurplus(-500n, policy('30', '10', '20', '40'))).toThrow(/loss/);
    try {
      splitSurplus(0n, policy('30', '10', '20', '40'));
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCode.Conflict });
    }
    expect.assertions(3);
  });

  it('refuses an invalid policy with every problem listed (BAD_USER_INPUT)', () => {
    const attempt = () => splitSurplus(10_000n, policy('15', '10', '20', '54.99'), SPANISH_LAW_27_1999_MINIMUMS);
    expect(attempt).toThrow(InvalidAllocationPolicyError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: ErrorCode.BadUserInput,
        problems: [
          expect.objectContaining({ field: 'reserve', rule: 'minimum' }),
          expect.objectContaining({ field: 'total', rule: 'total' }),
        ],
      }),
    );
  });

  it('always adds up to the surplus, each share within a cent of its exact percentage', () => {
    const cuts = fc.array(fc.bigInt(0n, 10_000n), { minLength: 3, maxLength: 3 }).map((values) => {
      const [a, b, c] = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      return [a, b - a, c - b, 10_000n - c];
    });
    fc.assert(
      fc.property(fc.bigInt(1n, 10n ** 15n), cuts, (surplus, basisPoints) => {
        const [reserve, education, commons, patronage] = basisPoints.map(formatBasisPoints);
        const split = splitSurplus(surplus, policy(reserve, education, commons, patronage));
        const shares = [split.reserve, split.education, split.commons, split.patronage];
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(surplus);
        shares.forEach((share, index) => {
          const exact = surplus * basisPoints[index]; // in cents × 10 000
          expect(share * 10_000n > exact - 10_000n && share * 10_000n < exact + 10_000n).toBe(true);
          if (basisPoints[index] === 0n) expect(share).toBe(0n);
        });
      }),
    );
  });
});
