import { loadConfig } from '@commons/core';
import { BallotMixerService } from './ballot-mixer.service.js';
import { ballotKey, sealBallot } from './ballot-seal.js';

describe('the ballot mixer opening sealed ballots', () => {
  const config = loadConfig({
    JWT_SECRET: 'j'.repeat(40),
    AUDIT_KEY: 'a'.repeat(40),
    BALLOT_KEY: 'b'.repeat(40),
    DATA_DIR: '/nonexistent',
  });
  // Only open and seal are used here: no database.
  const mixer = new BallotMixerService(null as never, config);
  const choice = { optionIds: ['x'], scores: null, stakeholderClass: null, receiptHash: 'e'.repeat(64) };

  it('seals with BALLOT_KEY, so a ballot opens whatever JWT_SECRET is', () => {
    const sealed = mixer.seal(choice);
    expect(new BallotMixerService(null as never, { ...config, jwtSecret: 'k'.repeat(40) }).open(sealed)).toEqual(choice);
    expect(() => new BallotMixerService(null as never, { ...config, ballotKey: 'c'.repeat(40) }).open(sealed)).toThrow();
  });

  it('still opens a ballot sealed before BALLOT_KEY existed, with the key derived from JWT_SECRET', () => {
    expect(mixer.open(sealBallot(ballotKey(config.jwtSecret), choice))).toEqual(choice);
  });
});
