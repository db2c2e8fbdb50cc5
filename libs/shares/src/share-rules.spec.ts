import fc from 'fast-check';
import { amountOf, mayHold, redemptionCapCents, releasable, validateQuantity, validateShareClass } from './share-rules.js';

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { details: { field?: string } }).details.field;
  }
  return undefined;
}

describe('share rules', () => {
  it('stores a class with its defaults, upper-case codes and sorted stakeholder classes', () => {
    expect(
      validateShareClass({ code: ' a ', name: ' Worker shares ', nominalValue: '25', stakeholderClasses: ['worker', 'CONSUMER'] }),
    ).toEqual({
      code: 'A',
      name: 'Worker shares',
      nominalValue: '25.00',
      minPerMember: 0,
      maxPerMember: null,
      votingRights: true,
      redeemable: false,
      stakeholderClasses: ['CONSUMER', 'WORKER'],
    });
  });

  it.each([
    [{ code: '1A', name: 'n', nominalValue: '1' }, 'input.code'],
    [{ code: 'A', name: ' ', nominalValue: '1' }, 'input.name'],
    [{ code: 'A', name: 'n', nominalValue: '0' }, 'input.nominalValue'],
    [{ code: 'A', name: 'n', nominalValue: '1.005' }, 'input.nominalValue'],
    [{ code: 'A', name: 'n', nominalValue: '-5' }, 'input.nominalValue'],
    [{ code: 'A', name: 'n', nominalValue: '1', minPerMember: -1 }, 'input.minPerMember'],
    [{ code: 'A', name: 'n', nominalValue: '1', minPerMember: 5, maxPerMember: 4 }, 'input.maxPerMember'],
    [{ code: 'A', name: 'n', nominalValue: '1', maxPerMember: 0 }, 'input.maxPerMember'],
    [{ code: 'A', name: 'n', nominalValue: '999999999999' }, 'input.nominalValue'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(() => validateShareClass(input))).toBe(field);
  });

  it('takes quantities from 1 to a million, whole', () => {
    expect(validateQuantity(1)).toBe(1);
    expect(fieldOf(() => validateQuantity(0))).toBe('quantity');
    expect(fieldOf(() => validateQuantity(1.5))).toBe('quantity');
    expect(fieldOf(() => validateQuantity(1_000_001))).toBe('quantity');
  });

  it('prices exactly and lets anyone hold a class with no stakeholder classes', () => {
    expect(amountOf(3, '33.33')).toBe('99.99');
    expect(mayHold({ stakeholderClasses: [] }, 'SUPPORTER')).toBe(true);
    expect(mayHold({ stakeholderClasses: ['WORKER'] }, 'SUPPORTER')).toBe(false);
  });

  it('rounds the cap down to the cent', () => {
    expect(redemptionCapCents(100_00n, '10.00')).toBe(10_00n);
    expect(redemptionCapCents(33_33n, '10.00')).toBe(3_33n);
    expect(redemptionCapCents(99n, '12.50')).toBe(12n);
  });

  it('releases the queue in order, stopping at the first request that does not fit', () => {
    const queue = [
      { id: 'a', amountCents: 300n },
      { id: 'b', amountCents: 500n },
      { id: 'c', amountCents: 100n },
    ];
    expect(releasable(queue, 0n, 700n)).toEqual(['a']);
    expect(releasable(queue, 0n, 800n)).toEqual(['a', 'b']);
    expect(releasable(queue, 200n, 1_000n)).toEqual(['a', 'b']);
  });

  it('never lets the queue take more than the cap, and takes a prefix of it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10_000n }), { maxLength: 30 }),
        fc.bigInt({ min: 0n, max: 50_000n }),
        fc.bigInt({ min: 0n, max: 100_000n }),
        (amounts, used, cap) => {
          const queue = amounts.map((amountCents, index) => ({ id: String(index), amountCents }));
          const released = releasable(queue, used, cap);
          expect(released).toEqual(queue.slice(0, released.length).map((entry) => entry.id));
          const taken = queue.slice(0, released.length).reduce((sum, entry) => sum + entry.amountCents, 0n);
          if (released.length > 0) expect(used + taken <= cap).toBe(true);
          if (released.length < queue.length) expect(used + taken + queue[released.length].amountCents > cap).toBe(true);
        },
      ),
    );
  });
});
