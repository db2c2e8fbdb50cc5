import fc from 'fast-check';
import { ErrorCode, Rational } from '@commons/core';
import { type MemberPatronage, type PatronageRefund, patronageRefunds } from './patronage-refunds.js';
import { InvalidAllocationPolicyError, InvalidPatronageError, NoPatronageRecordedError } from './surplus-errors.js';

const byMember = (refunds: PatronageRefund[]) => new Map(refunds.map((refund) => [refund.memberId, refund]));

const membersArbitrary = fc.uniqueArray(
  fc.record({
    memberId: fc.stringMatching(/^[a-f0-9]{1,6}$/),
    patronage: fc.oneof(
      fc.constantFrom('0', '0.00', '1', '2', '2.5'),
      fc.tuple(fc.nat(100_000), fc.nat(999)).map(([whole, thousandths]) => `${whole}.${String(thousandths).padStart(3, '0')}`),
    ),
  }),
  { selector: (member) => member.memberId, minLength: 1, maxLength: 60 },
);
const pool = fc.oneof(fc.bigInt(0n, 100n), fc.bigInt(0n, 10n ** 12n));
const cashPercent = fc.bigInt(0n, 10_000n).map((basisPoints) => `${basisPoints / 100n}.${String(basisPoints % 100n).padStart(2, '0')}`);
const hasPatronage = (members: MemberPatronage[]) => members.some((member) => Rational.parse(member.patronage).gt(Rational.ZERO));

describe('patronageRefunds', () => {
  it('refunds 40% of a surplus by hours worked, 25% of each refund in cash', () => {
    const refunds = patronageRefunds(
      10_000n,
      [
        { memberId: 'ana', patronage: '10' },
        { memberId: 'bo', patronage: '20' },
        { memberId: 'cy', patronage: '0' },
        { memberId: 'di', patronage: '70' },
      ],
      '25',
    );
    expect(refunds).toEqual([
      { memberId: 'ana', patronage: '10', refund: 1_000n, cash: 250n, retained: 750n },
      { memberId: 'bo', patronage: '20', refund: 2_000n, cash: 500n, retained: 1_500n },
      { memberId: 'cy', patronage: '0', refund: 0n, cash: 0n, retained: 0n },
      { memberId: 'di', patronage: '70', refund: 7_000n, cash: 1_750n, retained: 5_250n },
    ]);
  });

  it('gives the tied cent of 100.00 over three equal members to the lowest memberId, whatever the input order', () => {
    const members = [
      { memberId: 'c', patronage: '5' },
      { memberId: 'a', patronage: '5' },
      { memberId: 'b', patronage: '5' },
    ];
    const forward = patronageRefunds(10_000n, members, '0');
    expect(forward.map((refund) => [refund.memberId, refund.refund])).toEqual([
      ['c', 3_333n],
      ['a', 3_334n],
      ['b', 3_333n],
    ]);
    expect(byMember(patronageRefunds(10_000n, [...members].reverse(), '0'))).toEqual(byMember(forward));
  });

  it('gives everything to the one member with patronage', () => {
    const refunds = patronageRefunds(
      12_345n,
      [
        { memberId: 'a', patronage: '0' },
        { memberId: 'b', patronage: '0.001' },
        { memberId: 'c', patronage: '0.000' },
      ],
      '20',
    );
    expect(refunds.map((refund) => refund.refund)).toEqual([0n, 12_345n, 0n]);
    expect(refunds[1]).toMatchObject({ cash: 2_469n, retained: 9_876n });
  });

  it('compares patronage written with different numbers of decimals exactly', () => {
    const refunds = patronageRefunds(
      300n,
      [
        { memberId: 'a', patronage: '0.5' },
        { memberId: 'b', patronage: '1.00' },
      ],
      '0',
    );
    expect(refunds.map((refund) => refund.refund)).toEqual([100n, 200n]);
  });

  it('rounds the cash part half up to the cent and retains the rest', () => {
    const [one] = patronageRefunds(1n, [{ memberId: 'a', patronage: '1' }], '50'); // 0.005 -> 0.01
    expect(one).toMatchObject({ cash: 1n, retained: 0n });
    const [three] = patronageRefunds(3n, [{ memberId: 'a', patronage: '1' }], '50'); // 0.015 -> 0.02
    expect(three).toMatchObject({ cash: 2n, retained: 1n });
    const [low] = patronageRefunds(1n, [{ memberId: 'a', patronage: '1' }], '49.99');
    expect(low).toMatchObject({ cash: 0n, retained: 1n });
    const [all] = patronageRefunds(999n, [{ memberId: 'a', patronage: '1' }], '100');
    expect(all).toMatchObject({ cash: 999n, retained: 0n });
  });

  it('refunds nothing from an empty pool, even when nobody has patronage', () => {
    expect(patronageRefunds(0n, [{ memberId: 'a', patronage: '0' }], '25')).toEqual([
      { memberId: 'a', patronage: '0', refund: 0n, cash: 0n, retained: 0n },
    ]);
    expect(patronageRefunds(0n, [], '25')).toEqual([]);
  });

  it('refuses to refund a pool when nobody has patronage recorded (CONFLICT)', () => {
    expect(() => patronageRefunds(100n, [{ memberId: 'a', patronage: '0' }], '25')).toThrow(NoPatronageRecordedError);
    expect(() => patronageRefunds(100n, [], '25')).toThrow(expect.objectContaining({ code: ErrorCode.Conflict }));
  });

  it('refuses malformed or negative patronage and members listed twice (BAD_USER_INPUT)', () => {
    expect(() => patronageRefunds(100n, [{ memberId: 'a', patronage: '-1' }], '25')).toThrow(/member a is negative/);
    expect(() => patronageRefunds(100n, [{ memberId: 'a', patronage: '1e3' }], '25')).toThrow(InvalidPatronageError);
    const twice = [
      { memberId: 'a', patronage: '1' },
      { memberId: 'b', patronage: '1' },
      { memberId: 'a', patronage: '2' },
    ];
    expect(() => patronageRefunds(100n, twice, '25')).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput, message: expect.stringMatching(/listed twice/) }),
    );
  });

  it('refuses a cash share outside 0..100 or finer than 0.01, and a negative pool', () => {
    const members = [{ memberId: 'a', patronage: '1' }];
    expect(() => patronageRefunds(100n, members, '100.01')).toThrow(InvalidAllocationPolicyError);
    expect(() => patronageRefunds(100n, members, '20.001')).toThrow(/patronageCash may have at most 2 decimals/);
    expect(() => patronageRefunds(-1n, members, '20')).toThrow(RangeError);
  });

  it('refunds exactly the pool over 100 000 members (speed is in bench/)', () => {
    const members = Array.from({ length: 100_000 }, (_, index) => ({
      memberId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      patronage: `${(index * 7919) % 2_000}.${index % 100}`,
    }));
    const refunds = patronageRefunds(123_456_789_01n, members, '25');
    expect(refunds.reduce((sum, refund) => sum + refund.refund, 0n)).toBe(123_456_789_01n);
  });

  it('always refunds exactly the pool, and only to members with patronage', () => {
    fc.assert(
      fc.property(pool, membersArbitrary, cashPercent, (poolCents, members, cash) => {
        fc.pre(poolCents === 0n || hasPatronage(members));
        const refunds = patronageRefunds(poolCents, members, cash);
        expect(refunds.reduce((sum, refund) => sum + refund.refund, 0n)).toBe(poolCents);
        refunds.forEach((refund, index) => {
          expect(refund.memberId).toBe(members[index].memberId);
          if (Rational.parse(refund.patronage).isZero()) expect(refund.refund).toBe(0n);
        });
      }),
    );
  });

  it('never gives more patronage a smaller refund', () => {
    fc.assert(
      fc.property(pool, membersArbitrary, (poolCents, members) => {
        fc.pre(hasPatronage(members));
        const refunds = patronageRefunds(poolCents, members, '0');
        for (const a of refunds) {
          for (const b of refunds) {
            if (Rational.parse(a.patronage).gt(Rational.parse(b.patronage))) expect(a.refund >= b.refund).toBe(true);
          }
        }
      }),
    );
  });

  it('splits every refund into cash (rounded half up) and retained that add up to it', () => {
    fc.assert(
      fc.property(pool, membersArbitrary, cashPercent, (poolCents, members, cash) => {
        fc.pre(hasPatronage(members));
        for (const refund of patronageRefunds(poolCents, members, cash)) {
          expect(refund.cash + refund.retained).toBe(refund.refund);
          expect(refund.cash >= 0n && refund.retained >= 0n).toBe(true);
          const exact = Rational.of(refund.refund).mul(Rational.parse(cash)).div(Rational.of(100));
          expect(Rational.of(refund.cash).eq(Rational.parse(exact.toFixed(0)))).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order members are listed in', () => {
    fc.assert(
      fc.property(pool, membersArbitrary, cashPercent, fc.nat(), (poolCents, members, cash, seed) => {
        fc.pre(hasPatronage(members));
        const shuffled = [...members].sort(
          (a, b) => ((a.memberId.charCodeAt(0) * 31 + seed) % 97) - ((b.memberId.charCodeAt(0) * 31 + seed) % 97),
        );
        expect(byMember(patronageRefunds(poolCents, shuffled, cash))).toEqual(byMember(patronageRefunds(poolCents, members, cash)));
      }),
    );
  });
});
