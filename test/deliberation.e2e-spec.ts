import { TestApp, type TestMember } from '@commons/testing';
import {
  ACCEPT,
  ADD,
  DECLINE,
  EDIT,
  followComments,
  HISTORY,
  inDiscussion,
  PROPOSE_AMENDMENT,
  PUBLISH,
  PUT_TO_VOTE,
  REACT,
  REMOVE,
  THREAD,
  WITHDRAW_AMENDMENT,
} from './deliberation-helpers.js';
import { CLOSE_ASSEMBLY, checkIn, convene, OPEN_ASSEMBLY } from './assembly-helpers.js';
import { CLOSE, CREATE, members, OPEN, VOTE } from './voting-helpers.js';

const REVISE = `mutation($id: ID!, $body: String!) { reviseProposal(id: $id, body: $body) { id body } }`;

describe('deliberation before decision', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.foundBylaws({ minVotingHours: 0, noticeDays: 0, assemblyQuorum: 0 });
    admin = await t.admin();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function refused(query: string, variables: Record<string, unknown>, token: string | undefined, code: string, field?: string) {
    const before = await t.snapshot();
    const response = await t.gql(query, variables, token);
    expect(response.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(response.errors?.[0].extensions?.field).toBe(field);
    expect(await t.snapshot()).toEqual(before);
    return response;
  }

  async function auditActions(entityId: string): Promise<string[]> {
    const { rows } = await t.sql.query('SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id', [entityId]);
    return rows.map((row) => row.action);
  }

  describe('the discussion phase', () => {
    it('puts a draft up for discussion: members read it, comment, but cannot vote until it opens', async () => {
      const [author, reader] = await members(t, 2);
      const { createProposal } = await t.ok(
        CREATE,
        { input: { title: 'Green shop', body: 'Paint it.', method: 'MAJORITY' } },
        author.token,
      );
      const id = createProposal.id;
      const READ = 'query($id: ID!) { proposal(id: $id) { id status publishedAt } }';
      expect((await t.ok(READ, { id }, reader.token)).proposal).toBeNull();
      await refused(PUBLISH, { id }, reader.token, 'FORBIDDEN');

      const { publishProposal } = await t.ok(PUBLISH, { id }, author.token);
      expect(publishProposal.status).toBe('DISCUSSION');
      expect(publishProposal.publishedAt).toEqual(expect.any(String));
      expect((await t.ok(READ, { id }, reader.token)).proposal.status).toBe('DISCUSSION');
      const listed = await t.ok('{ proposals(status: DISCUSSION) { edges { node { id } } } }', {}, reader.token);
      expect(listed.proposals.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(id);
      await refused(PUBLISH, { id }, author.token, 'CONFLICT');
      await refused(VOTE, { input: { proposalId: id, optionIds: [createProposal.options[0].id] } }, reader.token, 'CONFLICT');

      const { openProposal } = await t.ok(OPEN, { id }, author.token);
      expect(openProposal.status).toBe('OPEN');
      await t.ok(VOTE, { input: { proposalId: id, optionIds: [createProposal.options[0].id] } }, reader.token);
      expect(await auditActions(id)).toEqual(['proposal.created', 'proposal.published', 'proposal.opened', 'vote.cast']);
    });

    it('lets an admin publish, the author withdraw in DISCUSSION, and the closer leave proposals in discussion alone', async () => {
      const author = await t.member();
      const { createProposal } = await t.ok(
        CREATE,
        { input: { title: 'Later', body: 'b', method: 'MAJORITY', closesAt: new Date(Date.now() + 3_600_000).toISOString() } },
        author.token,
      );
      await t.ok(PUBLISH, { id: createProposal.id }, admin.token);
      await t.sql.query(`UPDATE proposals SET closes_at = now() - interval '1 minute' WHERE id = $1`, [createProposal.id]);
      await new Promise((wake) => setTimeout(wake, 2_500)); // the closer runs every 2 s
      const { rows } = await t.sql.query('SELECT status FROM proposals WHERE id = $1', [createProposal.id]);
      expect(rows[0].status).toBe('DISCUSSION');
      const { withdrawProposal } = await t.ok(
        'mutation($id: ID!) { withdrawProposal(id: $id) { status } }',
        { id: createProposal.id },
        author.token,
      );
      expect(withdrawProposal.status).toBe('WITHDRAWN');
    });
    it('discusses an amendment of the bylaws, but keeps its text: it states the changes it enacts', async () => {
      const author = await t.member();
      const { proposeBylawsAmendment } = await t.ok(
        'mutation { proposeBylawsAmendment(title: "Longer notice", body: "Members need time.", changes: { noticeDays: 21 }) { id } }',
        {},
        author.token,
      );
      const id = proposeBylawsAmendment.id;
      expect((await t.ok(PUBLISH, { id }, author.token)).publishProposal.status).toBe('DISCUSSION');
      await t.ok(ADD, { p: id, body: 'Why 21?' }, (await t.member()).token);
      await refused(REVISE, { id, body: 'Another text.' }, author.token, 'CONFLICT');
      await refused(PROPOSE_AMENDMENT, { p: id, body: 'Another text.' }, (await t.member()).token, 'CONFLICT');
    });
  });

  describe('comments', () => {
    it('threads comments oldest first with one level of replies, paged', async () => {
      const [author, a, b] = await members(t, 3);
      const id = await inDiscussion(t, author);
      const first = (await t.ok(ADD, { p: id, body: '**Why** green?' }, a.token)).addComment;
      const reply = (await t.ok(ADD, { p: id, body: 'It is calm.', parent: first.id }, author.token)).addComment;
      expect(reply.parent).toEqual({ id: first.id });
      await refused(ADD, { p: id, body: 'Deeper', parent: reply.id }, b.token, 'BAD_USER_INPUT', 'parentId');
      const third = (await t.ok(ADD, { p: id, body: '<script>alert(1)</script> stored as written' }, b.token)).addComment;
      expect(third.body).toBe('<script>alert(1)</script> stored as written');

      const page1 = (await t.ok(THREAD, { id, first: 2 }, b.token)).proposal.comments;
      expect(page1.totalCount).toBe(3);
      expect(page1.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([first.id, reply.id]);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await t.ok(THREAD, { id, first: 2, after: page1.pageInfo.endCursor }, b.token)).proposal.comments;
      expect(page2.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([third.id]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect(await auditActions(first.id)).toEqual(['comment.added']);
    });

    it('lets authors edit (shown as edited) and remove their own; the place stays, replies too', async () => {
      const [author, a, b] = await members(t, 3);
      const id = await inDiscussion(t, author);
      const comment = (await t.ok(ADD, { p: id, body: 'Frist' }, a.token)).addComment;
      expect(comment.editedAt).toBeNull();
      await refused(EDIT, { id: comment.id, body: 'Not mine' }, b.token, 'FORBIDDEN');
      await refused(EDIT, { id: comment.id, body: 'Not mine' }, admin.token, 'FORBIDDEN');
      await refused(EDIT, { id: comment.id, body: '   ' }, a.token, 'BAD_USER_INPUT', 'body');
      const edited = (await t.ok(EDIT, { id: comment.id, body: 'First' }, a.token)).editComment;
      expect(edited).toMatchObject({ body: 'First', editedAt: expect.any(String) });
      const reply = (await t.ok(ADD, { p: id, body: 'Agreed', parent: comment.id }, b.token)).addComment;
      await refused(REMOVE, { id: comment.id }, b.token, 'FORBIDDEN');

      const removed = (await t.ok(REMOVE, { id: comment.id }, a.token)).removeComment;
      expect(removed).toMatchObject({ body: '', removed: true, removedByModerator: false, removalReason: null });
      await refused(REMOVE, { id: comment.id }, a.token, 'CONFLICT');
      await refused(EDIT, { id: comment.id, body: 'Back' }, a.token, 'CONFLICT');
      await refused(ADD, { p: id, body: 'To a removed one', parent: comment.id }, b.token, 'CONFLICT');
      const thread = (await t.ok(THREAD, { id }, b.token)).proposal.comments.edges.map((edge: { node: unknown }) => edge.node);
      expect(thread).toMatchObject([
        { id: comment.id, body: '', removed: true, author: { id: a.id } },
        { id: reply.id, body: 'Agreed', parent: { id: comment.id } },
      ]);
    });

    it('lets an admin remove any comment with a reason, audited, even once the proposal is closed', async () => {
      const [author, a] = await members(t, 2);
      const id = await inDiscussion(t, author);
      const comment = (await t.ok(ADD, { p: id, body: 'Something abusive' }, a.token)).addComment;
      await refused(REMOVE, { id: comment.id }, admin.token, 'BAD_USER_INPUT', 'reason');
      await t.ok(OPEN, { id }, author.token);
      await t.ok(CLOSE, { id }, admin.token);
      await refused(ADD, { p: id, body: 'After the close' }, a.token, 'CONFLICT');
      await refused(EDIT, { id: comment.id, body: 'Edited late' }, a.token, 'CONFLICT');
      await refused(REACT, { id: comment.id, emoji: '👍' }, a.token, 'CONFLICT');
      await refused(REMOVE, { id: comment.id }, a.token, 'CONFLICT');

      const removed = (await t.ok(REMOVE, { id: comment.id, reason: 'Insults a member' }, admin.token)).removeComment;
      expect(removed).toMatchObject({ removed: true, body: '', removedByModerator: true, removalReason: 'Insults a member' });
      const { rows } = await t.sql.query(`SELECT actor_id, data FROM audit_entries WHERE entity_id = $1 AND action = 'comment.moderated'`, [
        comment.id,
      ]);
      expect(rows).toEqual([
        { actor_id: admin.id, data: expect.objectContaining({ reason: 'Insults a member', authorId: a.id, byAuthor: false }) },
      ]);
    });

    it('refuses comments that are too long and more than five a minute from one member, changing nothing', async () => {
      const [author, chatty] = await members(t, 2);
      const id = await inDiscussion(t, author);
      await refused(ADD, { p: id, body: 'x'.repeat(10_001) }, chatty.token, 'BAD_USER_INPUT', 'body');
      await t.ok(ADD, { p: id, body: 'x'.repeat(10_000) }, chatty.token);
      for (let i = 2; i <= 5; i += 1) await t.ok(ADD, { p: id, body: `comment ${i}` }, chatty.token);
      const response = await refused(ADD, { p: id, body: 'one too many' }, chatty.token, 'TOO_MANY_REQUESTS');
      expect(response.errors?.[0].extensions?.retryAfter).toEqual(expect.any(Number));
      await t.ok(ADD, { p: id, body: 'someone else may' }, author.token);
    });

    it('toggles reactions, one of each emoji per member, and 20 toggles at once by one member land one after another', async () => {
      const [author, a, b] = await members(t, 3);
      const id = await inDiscussion(t, author);
      const comment = (await t.ok(ADD, { p: id, body: 'React to me' }, author.token)).addComment;
      expect(comment.reactions.map((reaction: { emoji: string }) => reaction.emoji)).toEqual(['👍', '👎', '❤️', '🎉', '🤔', '👀']);
      await refused(REACT, { id: comment.id, emoji: '💩' }, a.token, 'BAD_USER_INPUT', 'emoji');
      await t.ok(REACT, { id: comment.id, emoji: '👍' }, a.token);
      const both = (await t.ok(REACT, { id: comment.id, emoji: '👍' }, b.token)).react.reactions;
      expect(both[0]).toEqual({ emoji: '👍', count: 2, mine: true });
      const off = (await t.ok(REACT, { id: comment.id, emoji: '👍' }, b.token)).react.reactions;
      expect(off[0]).toEqual({ emoji: '👍', count: 1, mine: false });

      const burst = await Promise.all(Array.from({ length: 20 }, () => t.gql(REACT, { id: comment.id, emoji: '🎉' }, b.token)));
      expect(burst.filter((response) => response.errors)).toEqual([]);
      const counts = burst.map((response) => response.data!.react.reactions[3].count).sort();
      expect(new Set(counts)).toEqual(new Set([0, 1]));
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment_reactions WHERE comment_id = $1 AND emoji = '🎉'`, [
        comment.id,
      ]);
      expect(rows[0].n).toBe(0);
      const audit = await t.sql.query(
        `SELECT action, count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND data->>'emoji' = '🎉' GROUP BY action ORDER BY action`,
        [comment.id],
      );
      expect(audit.rows).toEqual([
        { action: 'comment.reacted', n: 10 },
        { action: 'comment.unreacted', n: 10 },
      ]);
      const final = (await t.ok(THREAD, { id }, a.token)).proposal.comments.edges[0].node.reactions;
      expect(final.find((reaction: { emoji: string }) => reaction.emoji === '👍')).toEqual({ emoji: '👍', count: 1, mine: true });
    });

    it('pushes new comments to those following the proposal, and stops a member suspended meanwhile', async () => {
      const [author, watcher, writer] = await members(t, 3);
      const id = await inDiscussion(t, author);
      const following = await followComments(t, watcher.token, id);
      const added = (await t.ok(ADD, { p: id, body: 'Live!' }, writer.token)).addComment;
      const [event] = await following.received(1);
      expect(event).toEqual({ id: added.id, body: 'Live!', author: { id: writer.id }, parent: null });

      await t.ok('mutation($id: ID!) { suspendMember(memberId: $id, reason: "Dues") { status } }', { id: watcher.id }, admin.token);
      await t.ok(ADD, { p: id, body: 'Not for the suspended' }, writer.token);
      const events = await following.received(2);
      expect(JSON.stringify(events[1])).toContain('FORBIDDEN');
      expect(JSON.stringify(events[1])).not.toContain('Not for the suspended');
      await following.close();
    });
  });

  describe('revisions', () => {
    it('numbers every change of the body with no gaps, even when changes race', async () => {
      const author = await t.member();
      const id = await inDiscussion(t, author, 'Version one.');
      expect((await t.ok(HISTORY, { id }, author.token)).proposal.revisions).toMatchObject([
        { number: 1, body: 'Version one.', amendment: null },
      ]);
      await t.ok(REVISE, { id, body: 'Version two.' }, author.token);
      await refused(REVISE, { id, body: 'Version two.' }, author.token, 'BAD_USER_INPUT', 'body');
      await Promise.all(Array.from({ length: 8 }, (_, i) => t.ok(REVISE, { id, body: `Racing ${i}.` }, author.token)));
      const { proposal } = await t.ok(HISTORY, { id }, author.token);
      expect(proposal.revisions.map((revision: { number: number }) => revision.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(proposal.revisions.slice(0, 2).map((revision: { body: string }) => revision.body)).toEqual(['Version one.', 'Version two.']);
      expect(proposal.body).toBe(proposal.revisions[9].body);
    });
  });

  describe('amendments', () => {
    it('lets the author accept an amendment: a new revision linked to it', async () => {
      const [author, amender] = await members(t, 2);
      const id = await inDiscussion(t, author, 'Paint it green.');
      const { proposeAmendment } = await t.ok(
        PROPOSE_AMENDMENT,
        { p: id, body: 'Paint it dark green.', why: 'Hides dirt.' },
        amender.token,
      );
      expect(proposeAmendment).toMatchObject({ status: 'PROPOSED', baseRevision: 1, author: { id: amender.id }, proposal: { id } });
      await refused(ACCEPT, { id: proposeAmendment.id }, amender.token, 'FORBIDDEN');
      await refused(ACCEPT, { id: proposeAmendment.id }, admin.token, 'FORBIDDEN');
      const { acceptAmendment } = await t.ok(ACCEPT, { id: proposeAmendment.id }, author.token);
      expect(acceptAmendment).toMatchObject({ status: 'ACCEPTED', revision: 2 });
      await refused(DECLINE, { id: proposeAmendment.id }, author.token, 'CONFLICT');
      const { proposal } = await t.ok(HISTORY, { id }, amender.token);
      expect(proposal.body).toBe('Paint it dark green.');
      expect(proposal.revisions).toMatchObject([
        { number: 1, body: 'Paint it green.', amendment: null, author: { id: author.id } },
        { number: 2, body: 'Paint it dark green.', amendment: { id: proposeAmendment.id }, author: { id: author.id } },
      ]);
    });

    it('adopts a declined amendment when the members vote for it while the proposal is in discussion', async () => {
      const [author, amender, ...voters] = await members(t, 5);
      const id = await inDiscussion(t, author, 'Open on Sundays.');
      const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Open on Saturdays.' }, amender.token)).proposeAmendment;
      await refused(PUT_TO_VOTE, { id: amendment.id }, amender.token, 'CONFLICT');
      const declined = (await t.ok(DECLINE, { id: amendment.id, reason: 'Sundays are quieter.' }, author.token)).declineAmendment;
      expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'Sundays are quieter.' });
      await refused(PUT_TO_VOTE, { id: amendment.id }, voters[0].token, 'FORBIDDEN');

      const put = (await t.ok(PUT_TO_VOTE, { id: amendment.id }, amender.token)).putAmendmentToVote;
      expect(put.status).toBe('PUT_TO_VOTE');
      expect(put.vote).toMatchObject({ status: 'OPEN', title: 'Adopt this amendment? Paint the shop green' });
      expect(put.vote.body).toContain('Open on Saturdays.');
      const link = await t.ok(
        'query($id: ID!) { proposal(id: $id) { method amendmentVotedOn { id } } }',
        { id: put.vote.id },
        voters[0].token,
      );
      expect(link.proposal).toEqual({ method: 'MAJORITY', amendmentVotedOn: { id: amendment.id } });

      await castAll(put.vote.id, voters, ['FOR', 'FOR', 'AGAINST']);
      const closed = (await t.ok(CLOSE, { id: put.vote.id }, admin.token)).closeProposal;
      expect(closed.outcome).toBe('PASSED');
      const { proposal } = await t.ok(HISTORY, { id }, author.token);
      expect(proposal.body).toBe('Open on Saturdays.');
      expect(proposal.amendments).toMatchObject([{ id: amendment.id, status: 'ADOPTED', revision: 2 }]);
      expect(proposal.revisions).toMatchObject([
        { number: 1, body: 'Open on Sundays.' },
        { number: 2, body: 'Open on Saturdays.', author: { id: amender.id }, amendment: { id: amendment.id } },
      ]);
      // One entry for the close, saying what it adopted.
      const { rows } = await t.sql.query(`SELECT action, data FROM audit_entries WHERE entity_id = $1 AND action = 'proposal.closed'`, [
        put.vote.id,
      ]);
      expect(rows).toEqual([
        {
          action: 'proposal.closed',
          data: expect.objectContaining({ amendment: expect.objectContaining({ status: 'ADOPTED', revision: 2 }) }),
        },
      ]);
    });

    it('keeps the text when the members reject a declined amendment', async () => {
      const [author, amender, ...voters] = await members(t, 5);
      const id = await inDiscussion(t, author, 'Buy a van.');
      const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Buy two vans.' }, amender.token)).proposeAmendment;
      await t.ok(DECLINE, { id: amendment.id }, author.token);
      const put = (await t.ok(PUT_TO_VOTE, { id: amendment.id }, amender.token)).putAmendmentToVote;
      await castAll(put.vote.id, voters, ['AGAINST', 'AGAINST', 'FOR']);
      expect((await t.ok(CLOSE, { id: put.vote.id }, admin.token)).closeProposal.outcome).toBe('REJECTED');
      const { proposal } = await t.ok(HISTORY, { id }, author.token);
      expect(proposal.body).toBe('Buy a van.');
      expect(proposal.amendments).toMatchObject([{ status: 'REJECTED', revision: null }]);
      expect(proposal.revisions).toHaveLength(1);
    });

    it('closes the amendment window when the proposal opens: pending ones withdrawn with a note, a late vote changes nothing', async () => {
      const [author, a, b, ...voters] = await members(t, 5);
      const id = await inDiscussion(t, author, 'Hire a baker.');
      const pending = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Hire two bakers.' }, a.token)).proposeAmendment;
      const declined = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Hire a pastry chef.' }, b.token)).proposeAmendment;
      await t.ok(DECLINE, { id: declined.id }, author.token);
      const put = (await t.ok(PUT_TO_VOTE, { id: declined.id }, b.token)).putAmendmentToVote;

      await t.ok(OPEN, { id }, author.token);
      await refused(PROPOSE_AMENDMENT, { p: id, body: 'Too late.' }, a.token, 'CONFLICT');
      let { proposal } = await t.ok(HISTORY, { id }, author.token);
      expect(proposal.amendments).toMatchObject([
        { id: pending.id, status: 'WITHDRAWN', note: expect.stringContaining('opened') },
        { id: declined.id, status: 'PUT_TO_VOTE' },
      ]);
      const { rows } = await t.sql.query(`SELECT data FROM audit_entries WHERE entity_id = $1 AND action = 'proposal.opened'`, [id]);
      expect(rows[0].data).toMatchObject({ from: 'DISCUSSION', amendmentsWithdrawn: [pending.id] });

      await castAll(put.vote.id, voters, ['FOR', 'FOR']);
      expect((await t.ok(CLOSE, { id: put.vote.id }, admin.token)).closeProposal.outcome).toBe('PASSED');
      ({ proposal } = await t.ok(HISTORY, { id }, author.token));
      expect(proposal.body).toBe('Hire a baker.');
      expect(proposal.amendments[1]).toMatchObject({
        status: 'WITHDRAWN',
        note: expect.stringContaining('after the proposal had left DISCUSSION'),
      });
      expect(proposal.revisions).toHaveLength(1);
    });

    it('puts an amendment to the vote at a general assembly: an agenda item that opens and closes with the sitting', async () => {
      const [author, amender, ...voters] = await members(t, 4);
      const id = await inDiscussion(t, author, 'Meet monthly.');
      const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Meet weekly.' }, amender.token)).proposeAmendment;
      await t.ok(DECLINE, { id: amendment.id }, author.token);
      const PUT_AT_ASSEMBLY = `mutation($id: ID!, $at: DateTime) { putAmendmentToVote(id: $id, atAssembly: true, closesAt: $at) { status vote { id status } } }`;
      await refused(
        PUT_AT_ASSEMBLY,
        { id: amendment.id, at: new Date(Date.now() + 3_600_000).toISOString() },
        amender.token,
        'BAD_USER_INPUT',
        'closesAt',
      );
      const put = (await t.ok(PUT_AT_ASSEMBLY, { id: amendment.id }, amender.token)).putAmendmentToVote;
      expect(put).toMatchObject({ status: 'PUT_TO_VOTE', vote: { status: 'DRAFT' } });
      await refused(REVISE, { id: put.vote.id, body: 'Something else.' }, amender.token, 'CONFLICT');

      const assembly = await convene(t, admin, [{ title: 'Adopt the amendment on meetings?', proposalId: put.vote.id }]);
      await t.ok(OPEN_ASSEMBLY, { id: assembly.id }, admin.token);
      for (const voter of voters) await checkIn(t, assembly.id, voter);
      await castAll(put.vote.id, voters, ['FOR', 'FOR']);
      await t.ok(CLOSE_ASSEMBLY, { id: assembly.id }, admin.token);
      const { proposal } = await t.ok(HISTORY, { id }, author.token);
      expect(proposal.body).toBe('Meet weekly.');
      expect(proposal.amendments).toMatchObject([{ status: 'ADOPTED', revision: 2, vote: { outcome: 'PASSED' } }]);
    });

    it('settles an adoption racing the opening of the proposal one way or the other, never both, never an error', async () => {
      for (let round = 0; round < 4; round += 1) {
        const [author, amender, ...voters] = await members(t, 4);
        const id = await inDiscussion(t, author, 'Original.');
        const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Amended.' }, amender.token)).proposeAmendment;
        const accept = t.gql(ACCEPT, { id: amendment.id }, author.token);
        const decline = t.gql(DECLINE, { id: amendment.id }, author.token);
        const decided = await Promise.all([accept, decline]);
        expect(decided.filter((response) => !response.errors)).toHaveLength(1);
        expect(decided.filter((response) => response.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
        if (!decided[1].errors) {
          const put = (await t.ok(PUT_TO_VOTE, { id: amendment.id }, amender.token)).putAmendmentToVote;
          await castAll(put.vote.id, voters, ['FOR', 'FOR']);
          const [opened, closed] = await Promise.all([t.gql(OPEN, { id }, author.token), t.gql(CLOSE, { id: put.vote.id }, admin.token)]);
          expect([opened.errors, closed.errors]).toEqual([undefined, undefined]);
        }
        const { proposal } = await t.ok(HISTORY, { id }, author.token);
        const status = proposal.amendments[0].status;
        expect(['ACCEPTED', 'ADOPTED', 'WITHDRAWN']).toContain(status);
        if (status === 'WITHDRAWN') {
          expect(proposal.body).toBe('Original.');
          expect(proposal.revisions).toHaveLength(1);
        } else {
          expect(proposal.body).toBe('Amended.');
          expect(proposal.revisions.map((revision: { number: number }) => revision.number)).toEqual([1, 2]);
        }
      }
    });

    it('lets its author withdraw an amendment, its vote with it; only in DISCUSSION may one be proposed', async () => {
      const [author, amender] = await members(t, 2);
      const id = await inDiscussion(t, author);
      const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Other text.' }, amender.token)).proposeAmendment;
      await refused(PROPOSE_AMENDMENT, { p: id, body: 'The first text.' }, amender.token, 'BAD_USER_INPUT', 'body');
      await t.ok(DECLINE, { id: amendment.id }, author.token);
      const put = (await t.ok(PUT_TO_VOTE, { id: amendment.id }, amender.token)).putAmendmentToVote;
      await refused(WITHDRAW_AMENDMENT, { id: amendment.id }, author.token, 'FORBIDDEN');
      const withdrawn = (await t.ok(WITHDRAW_AMENDMENT, { id: amendment.id }, amender.token)).withdrawAmendment;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', vote: { id: put.vote.id, status: 'WITHDRAWN' } });
      await refused(WITHDRAW_AMENDMENT, { id: amendment.id }, amender.token, 'CONFLICT');

      const { createProposal } = await t.ok(CREATE, { input: { title: 'Draft', body: 'b', method: 'MAJORITY' } }, author.token);
      await refused(PROPOSE_AMENDMENT, { p: createProposal.id, body: 'c' }, author.token, 'CONFLICT');
    });
  });

  async function castAll(proposalId: string, voters: TestMember[], labels: string[]): Promise<void> {
    const { rows } = await t.sql.query('SELECT id, label FROM proposal_options WHERE proposal_id = $1', [proposalId]);
    for (const [index, label] of labels.entries()) {
      const option = rows.find((row) => row.label === label)!;
      await t.ok(VOTE, { input: { proposalId, optionIds: [option.id] } }, voters[index].token);
    }
  }
});
