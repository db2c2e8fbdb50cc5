import { createTestDatabase, TestApp } from '@commons/testing';
import { CLOSE, members, type OpenProposal, openProposal, vote, votesByLabel } from './voting-helpers.js';

const VERIFY_BALLOT = `query($id: ID!, $receipt: String!) { verifyBallot(proposalId: $id, receipt: $receipt) }`;

// A file of its own: its servers each sign tokens with another JWT_SECRET, which must not leak into other specs' servers.
describe('the secret-ballot key', () => {
  it('opens sealed ballots after a restart with another JWT_SECRET, as BALLOT_KEY stays the same', async () => {
    const database = await createTestDatabase();
    const before = await TestApp.start({ JWT_SECRET: 'the-jwt-secret-before-it-was-rotated' }, { database });
    await before.foundBylaws({ minVotingHours: 0 });
    let proposal: OpenProposal;
    const receipts: string[] = [];
    try {
      const voters = await members(before, 3);
      proposal = await openProposal(before, voters[0], { method: 'MAJORITY', secret: true });
      for (const [i, voter] of voters.entries()) {
        const response = await vote(before, voter, proposal, [i === 0 ? 'AGAINST' : 'FOR']);
        expect(response.errors).toBeUndefined();
        receipts.push(response.data!.castVote.receipt);
      }
      // Three ballots: too few to mix, so they wait sealed, over the restart.
      expect((await before.sql.query('SELECT count(*)::int AS n FROM sealed_ballots')).rows[0].n).toBe(3);
    } finally {
      await before.stop();
    }
    const after = await TestApp.start({ JWT_SECRET: 'the-jwt-secret-after-it-was-rotated' }, { database });
    try {
      const afterAdmin = await after.admin();
      for (const receipt of receipts)
        expect((await after.ok(VERIFY_BALLOT, { id: proposal.id, receipt }, afterAdmin.token)).verifyBallot).toBe(true);
      const closed = (await after.ok(CLOSE, { id: proposal.id }, afterAdmin.token)).closeProposal;
      expect(votesByLabel(closed.tally)).toEqual({ FOR: 2, AGAINST: 1, ABSTAIN: 0 });
      for (const receipt of receipts)
        expect((await after.ok(VERIFY_BALLOT, { id: proposal.id, receipt }, afterAdmin.token)).verifyBallot).toBe(true);
    } finally {
      await after.stop();
      await database.drop();
    }
  });
});
