import fc from 'fast-check';
import { Rational } from './rational.js';

describe('Rational', () => {
  it('parses decimals exactly and normalises', () => {
    expect(Rational.parse('1250.50').toString()).toBe('2501/2');
    expect(Rational.parse('-0.25').eq(Rational.of(-1, 4))).toBe(true);
    expect(Rational.of(6, -4).toString()).toBe('-3/2');
    expect(() => Rational.parse('1e3')).toThrow(RangeError);
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });

  it('adds one third three times to exactly one', () => {
    const third = Rational.of(1, 3);
    expect(third.add(third).add(third).eq(Rational.ONE)).toBe(true);
  });

  it('rounds half away from zero', () => {
    expect(Rational.of(1, 8).toFixed(2)).toBe('0.13');
    expect(Rational.of(-1, 8).toFixed(2)).toBe('-0.13');
    expect(Rational.of(2, 3).toFixed(0)).toBe('1');
    expect(Rational.of(-7, 2).floor()).toBe(-4n);
  });

  it('keeps field laws on random fractions', () => {
    const rational = fc.tuple(fc.bigInt(-1000n, 1000n), fc.bigInt(1n, 1000n)).map(([n, d]) => Rational.of(n, d));
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        expect(a.add(b).sub(b).eq(a)).toBe(true);
        expect(a.mul(b.add(c)).eq(a.mul(b).add(a.mul(c)))).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).eq(a)).toBe(true);
        expect(a.cmp(b) + b.cmp(a)).toBe(0);
      }),
    );
  });
});
