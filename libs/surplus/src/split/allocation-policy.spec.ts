import fc from 'fast-check';
import {
  type AllocationPolicy,
  SPANISH_LAW_27_1999_MINIMUMS,
  SUBCHAPTER_T_MINIMUMS,
  formatBasisPoints,
  validatePolicy,
} from './allocation-policy.js';

const policy = (overrides: Partial<AllocationPolicy> = {}): AllocationPolicy => ({
  reserve: '30',
  education: '10',
  commons: '20',
  patronage: '40',
  patronageCash: '25',
  ...overrides,
});

const bothLaws = { ...SPANISH_LAW_27_1999_MINIMUMS, ...SUBCHAPTER_T_MINIMUMS };

describe('validatePolicy', () => {
  it('accepts a policy whose shares add up to 100', () => {
    expect(validatePolicy(policy())).toEqual([]);
    expect(validatePolicy(policy({ reserve: '30.00', education: '9.5', commons: '20.5', patronage: '40.000' }))).toEqual([]);
    expect(validatePolicy(policy({ reserve: '100', education: '0', commons: '0', patronage: '0', patronageCash: '100' }))).toEqual([]);
  });

  it('rejects shares off by one cent of a percent, saying what they add up to', () => {
    expect(validatePolicy(policy({ patronage: '39.99' }))).toEqual([
      { field: 'total', rule: 'total', message: expect.stringContaining('they add up to 99.99%') },
    ]);
    expect(validatePolicy(policy({ reserve: '30.01' }))).toEqual([
      { field: 'total', rule: 'total', message: expect.stringContaining('they add up to 100.01%') },
    ]);
  });

  it('rejects more than two decimals, naming the field', () => {
    expect(validatePolicy(policy({ patronage: '39.995', commons: '20.005' }))).toEqual([
      { field: 'commons', rule: 'decimals', message: 'commons may have at most 2 decimals; got 20.005.' },
      { field: 'patronage', rule: 'decimals', message: 'patronage may have at most 2 decimals; got 39.995.' },
    ]);
  });

  it('rejects percentages outside 0..100, including the cash share', () => {
    const problems = validatePolicy(policy({ reserve: '-10', commons: '60', patronage: '100.01', patronageCash: '120' }));
    expect(problems.map(({ field, rule }) => [field, rule])).toEqual([
      ['reserve', 'range'],
      ['patronage', 'range'],
      ['patronageCash', 'range'],
    ]);
    expect(problems[0].message).toBe('reserve must be between 0 and 100; got -10.');
  });

  it('rejects text that is not a plain decimal', () => {
    for (const text of ['', 'abc', '1e1', ' 30', '30 ', '+30', '30.', '.5', '3,5']) {
      const problems = validatePolicy(policy({ reserve: text }));
      expect(problems).toEqual([{ field: 'reserve', rule: 'decimal', message: expect.stringContaining('must be a percentage') }]);
    }
  });

  it('enforces Spanish Law 27/1999 minimums: reserve at least 20%, education at least 5%', () => {
    expect(validatePolicy(policy({ reserve: '20', education: '5', commons: '35' }), SPANISH_LAW_27_1999_MINIMUMS)).toEqual([]);
    expect(validatePolicy(policy({ reserve: '19.99', education: '4', commons: '36.01' }), SPANISH_LAW_27_1999_MINIMUMS)).toEqual([
      { field: 'reserve', rule: 'minimum', message: "reserve must be at least 20% (this co-op's minimum); it is 19.99%." },
      { field: 'education', rule: 'minimum', message: "education must be at least 5% (this co-op's minimum); it is 4%." },
    ]);
  });

  it('enforces the Subchapter T 20% cash minimum when configured, and only then', () => {
    expect(validatePolicy(policy({ patronageCash: '19.99' }))).toEqual([]);
    expect(validatePolicy(policy({ patronageCash: '19.99' }), bothLaws)).toEqual([
      { field: 'patronageCash', rule: 'minimum', message: expect.stringContaining('at least 20%') },
    ]);
    expect(validatePolicy(policy({ patronageCash: '20' }), bothLaws)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validatePolicy(policy({ reserve: '10', education: 'x', patronageCash: '5' }), bothLaws);
    expect(problems.map(({ field, rule }) => `${field}:${rule}`)).toEqual([
      'reserve:minimum',
      'education:decimal',
      'patronageCash:minimum',
    ]);
  });

  it('treats a malformed configured minimum as a configuration error', () => {
    expect(() => validatePolicy(policy(), { reserve: 'twenty' })).toThrow(RangeError);
    expect(() => validatePolicy(policy(), { reserve: '101' })).toThrow(RangeError);
  });

  it('accepts exactly the policies whose four shares add up to 10 000 basis points', () => {
    const basisPoints = fc.bigInt(0n, 10_000n);
    fc.assert(
      fc.property(basisPoints, basisPoints, basisPoints, basisPoints, basisPoints, (reserve, education, commons, patronage, cash) => {
        const problems = validatePolicy({
          reserve: formatBasisPoints(reserve),
          education: formatBasisPoints(education),
          commons: formatBasisPoints(commons),
          patronage: formatBasisPoints(patronage),
          patronageCash: formatBasisPoints(cash),
        });
        const total = reserve + education + commons + patronage;
        expect(problems).toEqual(total === 10_000n ? [] : [expect.objectContaining({ field: 'total', rule: 'total' })]);
      }),
    );
    // Random tuples rarely add up to 100, so also build ones that do.
    fc.assert(
      fc.property(fc.array(fc.bigInt(0n, 10_000n), { minLength: 3, maxLength: 3 }), (cuts) => {
        const [a, b, c] = [...cuts].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const shares = [a, b - a, c - b, 10_000n - c].map(formatBasisPoints);
        const valid = { reserve: shares[0], education: shares[1], commons: shares[2], patronage: shares[3], patronageCash: '0' };
        expect(validatePolicy(valid)).toEqual([]);
      }),
    );
  });
});

describe('formatBasisPoints', () => {
  it('writes basis points as the shortest exact percentage', () => {
    expect([9_999n, 3_000n, 1_250n, 5n, 0n].map(formatBasisPoints)).toEqual(['99.99', '30', '12.5', '0.05', '0']);
  });
});
