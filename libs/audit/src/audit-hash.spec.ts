import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { canonicalEntry, canonicalJson, type ChainedFields, GENESIS_HASH, keyedChainHash, plainChainHash } from './audit-hash.js';

describe('the audit hash', () => {
  const entry: ChainedFields = {
    seq: 1,
    at: new Date('2026-01-02T03:04:05.678Z'),
    actorId: null,
    action: 'member.admitted',
    entityType: 'Member',
    entityId: 'abc',
    data: { b: 1, a: [true, null] },
  };

  const key = 'an audit key that is long enough to use';
  const canonical = '[1,"2026-01-02T03:04:05.678Z",null,"member.admitted","Member","abc",{"a":[true,null],"b":1}]';
  const chainHash = (prevHash: string, fields: ChainedFields) => keyedChainHash(key, prevHash, fields);

  it('is HMAC-SHA256(AUDIT_KEY, prevHash + canonical entry), which an auditor holding the key can recompute', () => {
    const expected = createHmac('sha256', Buffer.from(key, 'utf8'))
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(keyedChainHash(key, GENESIS_HASH, entry)).toBe(expected);
  });

  it('cannot be rebuilt without the key: plain sha256, or another key, gives another hash', () => {
    const plain = createHash('sha256')
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(plainChainHash(GENESIS_HASH, entry)).toBe(plain); // entries sealed before the chain was keyed
    expect(keyedChainHash(key, GENESIS_HASH, entry)).not.toBe(plain);
    expect(keyedChainHash(key + '!', GENESIS_HASH, entry)).not.toBe(keyedChainHash(key, GENESIS_HASH, entry));
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
