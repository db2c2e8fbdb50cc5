import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalEntry, canonicalJson, chainHash, GENESIS_HASH } from './audit-hash.js';

describe('the audit hash', () => {
  const entry = {
    seq: 1,
    at: new Date('2026-01-02T03:04:05.678Z'),
    actorId: null,
    action: 'member.admitted',
    entityType: 'Member',
    entityId: 'abc',
    data: { b: 1, a: [true, null] },
  };

  it('is sha256(prevHash + canonical entry)', () => {
    const expected = createHash('sha256')
      .update(GENESIS_HASH + '[1,"2026-01-02T03:04:05.678Z",null,"member.admitted","Member","abc",{"a":[true,null],"b":1}]')
      .digest('hex');
    expect(chainHash(GENESIS_HASH, entry)).toBe(expected);
  });

  it('does not depend on the order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (data) => {
        const reversed = Object.fromEntries(Object.entries(data).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(data));
      }),
    );
  });

  it('changes when any protected field changes', () => {
    const base = chainHash(GENESIS_HASH, entry);
    const variants = [
      { ...entry, seq: 2 },
      { ...entry, at: new Date('2026-01-02T03:04:05.679Z') },
      { ...entry, actorId: 'someone' },
      { ...entry, action: 'member.suspended' },
      { ...entry, entityType: 'Proposal' },
      { ...entry, entityId: 'abd' },
      { ...entry, data: { b: 2, a: [true, null] } },
    ];
    for (const variant of variants) expect(chainHash(GENESIS_HASH, variant)).not.toBe(base);
    expect(chainHash('f'.repeat(64), entry)).not.toBe(base);
    expect(canonicalEntry(entry)).toContain('"member.admitted"');
  });
});
