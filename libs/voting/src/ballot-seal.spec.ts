import { ballotKey, openBallot, sealBallot } from './ballot-seal.js';

describe('sealed secret ballots', () => {
  const choice = { optionIds: ['a', 'b'], scores: null, stakeholderClass: 'WORKER', receiptHash: 'f'.repeat(64) };

  it('opens with the same key and shows nothing of the choice while sealed', () => {
    const key = ballotKey('a server secret that is long enough');
    const sealed = sealBallot(key, choice);
    expect(sealed).not.toContain('WORKER');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('"a"');
    expect(openBallot(key, sealed)).toEqual(choice);
    expect(sealBallot(key, choice)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses another key and any tampering', () => {
    const sealed = sealBallot(ballotKey('one secret, long enough for the test'), choice);
    expect(() => openBallot(ballotKey('another secret, long enough for it'), sealed)).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openBallot(ballotKey('one secret, long enough for the test'), bytes.toString('base64'))).toThrow();
  });
});
