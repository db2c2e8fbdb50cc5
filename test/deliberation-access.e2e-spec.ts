import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type GraphQLResponse, TestApp } from '@commons/testing';
import { type Caller, CALLERS, callerTokens, itCallsAsEveryone, type Operation } from './access-helpers.js';
import { ADD, DECLINE, inDiscussion, PROPOSE_AMENDMENT, PUBLISH } from './deliberation-helpers.js';
import { CREATE } from './voting-helpers.js';

const TAKING_PART: Caller[] = ['member', 'admin', 'auditor'];

/** The first failing response of a chain of calls, else the last one. */
async function chain(...steps: Array<() => Promise<GraphQLResponse>>): Promise<GraphQLResponse> {
  let response: GraphQLResponse = { status: 200 };
  for (const step of steps) {
    response = await step();
    if (response.errors) return response;
  }
  return response;
}

const discussed = async (t: TestApp) => inDiscussion(t, await t.member());
const commented = async (t: TestApp) => {
  const author = await t.member();
  const id = await inDiscussion(t, author);
  return (await t.ok(ADD, { p: id, body: 'A comment' }, author.token)).addComment.id as string;
};
const amended = async (t: TestApp) => {
  const author = await t.member();
  const id = await inDiscussion(t, author);
  return (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Other text' }, (await t.member()).token)).proposeAmendment.id as string;
};
const addAs = (t: TestApp, token: string | undefined, proposalId: string) => t.gql(ADD, { p: proposalId, body: 'Mine' }, token);
const idOf = (response: GraphQLResponse, field: string): string => response.data?.[field]?.id ?? '';

const operations: Operation<Caller[]>[] = [
  {
    name: 'publishProposal (someone else’s draft)',
    allowed: ['admin'],
    setup: async (t) =>
      (await t.ok(CREATE, { input: { title: 't', body: 'b', method: 'MAJORITY' } }, (await t.member()).token)).createProposal.id,
    call: (t, token, id) => t.gql(PUBLISH, { id }, token),
  },
  {
    name: 'publishProposal (own draft)',
    allowed: TAKING_PART,
    call: async (t, token) => {
      const created = await t.gql(CREATE, { input: { title: 't', body: 'b', method: 'MAJORITY' } }, token);
      return created.errors ? created : t.gql(PUBLISH, { id: idOf(created, 'createProposal') }, token);
    },
  },
  {
    name: 'reviseProposal (someone else’s)',
    allowed: [],
    setup: discussed,
    call: (t, token, id) => t.gql('mutation($id: ID!) { reviseProposal(id: $id, body: "New") { id } }', { id }, token),
  },
  {
    name: 'reviseProposal (own)',
    allowed: TAKING_PART,
    call: async (t, token) => {
      const created = await t.gql(CREATE, { input: { title: 't', body: 'b', method: 'MAJORITY' } }, token);
      if (created.errors) return created;
      return t.gql('mutation($id: ID!) { reviseProposal(id: $id, body: "New") { id } }', { id: idOf(created, 'createProposal') }, token);
    },
  },
  {
    name: 'addComment (DISCUSSION)',
    allowed: TAKING_PART,
    setup: discussed,
    call: (t, token, id) => addAs(t, token, id),
  },
  {
    name: 'addComment (reply)',
    allowed: TAKING_PART,
    setup: async (t) => {
      const commentId = await commented(t);
      const { rows } = await t.sql.query('SELECT proposal_id FROM comments WHERE id = $1', [commentId]);
      return `${rows[0].proposal_id} ${commentId}`;
    },
    call: (t, token, ids) => {
      const [p, parent] = ids.split(' ');
      return t.gql(ADD, { p, body: 'Reply', parent }, token);
    },
  },
  {
    name: 'editComment (own)',
    allowed: TAKING_PART,
    setup: discussed,
    call: async (t, token, id) => {
      const added = await addAs(t, token, id);
      return added.errors
        ? added
        : t.gql('mutation($id: ID!) { editComment(id: $id, body: "Edited") { id } }', { id: idOf(added, 'addComment') }, token);
    },
  },
  {
    name: 'editComment (someone else’s)',
    allowed: [],
    setup: commented,
    call: (t, token, id) => t.gql('mutation($id: ID!) { editComment(id: $id, body: "Edited") { id } }', { id }, token),
  },
  {
    name: 'removeComment (own)',
    allowed: TAKING_PART,
    setup: discussed,
    call: async (t, token, id) => {
      const added = await addAs(t, token, id);
      return added.errors
        ? added
        : t.gql('mutation($id: ID!) { removeComment(id: $id) { id removed } }', { id: idOf(added, 'addComment') }, token);
    },
  },
  {
    name: 'removeComment (someone else’s, with a reason)',
    allowed: ['admin'],
    setup: commented,
    call: (t, token, id) => t.gql('mutation($id: ID!) { removeComment(id: $id, reason: "Off topic") { id } }', { id }, token),
  },
  {
    name: 'react',
    allowed: TAKING_PART,
    setup: commented,
    call: (t, token, id) => t.gql('mutation($id: ID!) { react(commentId: $id, emoji: "👍") { id } }', { id }, token),
  },
  {
    name: 'proposeAmendment',
    allowed: TAKING_PART,
    setup: discussed,
    call: (t, token, id) => t.gql(PROPOSE_AMENDMENT, { p: id, body: 'Other text' }, token),
  },
  {
    name: 'acceptAmendment (not the proposal’s author)',
    allowed: [],
    setup: amended,
    call: (t, token, id) => t.gql('mutation($id: ID!) { acceptAmendment(id: $id) { id } }', { id }, token),
  },
  {
    name: 'declineAmendment (not the proposal’s author)',
    allowed: [],
    setup: amended,
    call: (t, token, id) => t.gql('mutation($id: ID!) { declineAmendment(id: $id) { id } }', { id }, token),
  },
  {
    name: 'acceptAmendment and declineAmendment (the proposal’s author)',
    allowed: TAKING_PART,
    setup: async (t) => (await t.member()).token,
    call: async (t, token, amenderToken) => {
      let proposalId = '';
      let first = '';
      return chain(
        async () => {
          const created = await t.gql(CREATE, { input: { title: 't', body: 'b', method: 'MAJORITY' } }, token);
          proposalId = idOf(created, 'createProposal');
          return created;
        },
        () => t.gql(PUBLISH, { id: proposalId }, token),
        async () => {
          const proposed = await t.gql(PROPOSE_AMENDMENT, { p: proposalId, body: 'One' }, amenderToken);
          first = idOf(proposed, 'proposeAmendment');
          return proposed;
        },
        () => t.gql('mutation($id: ID!) { acceptAmendment(id: $id) { id } }', { id: first }, token),
        async () => {
          const proposed = await t.gql(PROPOSE_AMENDMENT, { p: proposalId, body: 'Two' }, amenderToken);
          return t.gql(DECLINE, { id: idOf(proposed, 'proposeAmendment') }, token);
        },
      );
    },
  },
  {
    name: 'putAmendmentToVote (someone else’s)',
    allowed: [],
    setup: async (t) => {
      const author = await t.member();
      const id = await inDiscussion(t, author);
      const amendment = (await t.ok(PROPOSE_AMENDMENT, { p: id, body: 'Other' }, (await t.member()).token)).proposeAmendment.id;
      await t.ok(DECLINE, { id: amendment }, author.token);
      return amendment;
    },
    call: (t, token, id) => t.gql('mutation($id: ID!) { putAmendmentToVote(id: $id) { id } }', { id }, token),
  },
  {
    name: 'putAmendmentToVote (own)',
    allowed: TAKING_PART,
    setup: async (t) => {
      const author = await t.member();
      return `${await inDiscussion(t, author)} ${author.token}`;
    },
    call: async (t, token, ids) => {
      const [p, authorToken] = ids.split(' ');
      let amendment = '';
      return chain(
        async () => {
          const proposed = await t.gql(PROPOSE_AMENDMENT, { p, body: 'Other' }, token);
          amendment = idOf(proposed, 'proposeAmendment');
          return proposed;
        },
        () => t.gql(DECLINE, { id: amendment }, authorToken),
        () => t.gql('mutation($id: ID!) { putAmendmentToVote(id: $id) { id vote { id } } }', { id: amendment }, token),
      );
    },
  },
  {
    name: 'withdrawAmendment (someone else’s)',
    allowed: [],
    setup: amended,
    call: (t, token, id) => t.gql('mutation($id: ID!) { withdrawAmendment(id: $id) { id } }', { id }, token),
  },
  {
    name: 'withdrawAmendment (own)',
    allowed: TAKING_PART,
    setup: discussed,
    call: async (t, token, p) => {
      const proposed = await t.gql(PROPOSE_AMENDMENT, { p, body: 'Other' }, token);
      return proposed.errors
        ? proposed
        : t.gql('mutation($id: ID!) { withdrawAmendment(id: $id) { id } }', { id: idOf(proposed, 'proposeAmendment') }, token);
    },
  },
  {
    name: 'Proposal.comments, revisions, amendments',
    allowed: TAKING_PART,
    setup: async (t) => {
      const commentId = await commented(t);
      return (await t.sql.query('SELECT proposal_id FROM comments WHERE id = $1', [commentId])).rows[0].proposal_id;
    },
    call: async (t, token, id) => {
      const response = await t.gql(
        'query($id: ID!) { proposal(id: $id) { comments { totalCount edges { node { body reactions { count } } } } revisions { number } amendments { id } } }',
        { id },
        token,
      );
      if (!response.errors) expect(response.data?.proposal.comments.totalCount).toBe(1);
      return response;
    },
  },
];

describe('who may deliberate', () => {
  let t: TestApp;
  let tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    // Enough comments per minute for every case of the matrix (the limit itself is tested in deliberation.e2e-spec.ts).
    t = await TestApp.start({ COMMENT_LIMIT: '1000/1m' });
    tokens = await callerTokens(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  itCallsAsEveryone(operations, () => ({ t, tokens }));

  it('hides comments on someone else’s draft (it does not exist for them) but lets its author and admins discuss it', async () => {
    const author = await t.member();
    const { createProposal } = await t.ok(CREATE, { input: { title: 't', body: 'b', method: 'MAJORITY' } }, author.token);
    await t.ok(ADD, { p: createProposal.id, body: 'Note to self' }, author.token);
    await t.ok(ADD, { p: createProposal.id, body: 'Admin note' }, tokens.admin);
    const other = await t.gql(ADD, { p: createProposal.id, body: 'Sneaky' }, tokens.member);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it.each(
    CALLERS.map((caller) => [caller, caller === 'anonymous' ? 'UNAUTHENTICATED' : TAKING_PART.includes(caller) ? 'ok' : 'FORBIDDEN']),
  )('commentAdded as %s: %s', async (caller, outcome) => {
    const author = await t.member();
    const id = await inDiscussion(t, author);
    const first = new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
      const client = createClient({
        url: t.baseUrl.replace('http', 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        connectionParams: tokens[caller as Caller] ? { authorization: `Bearer ${tokens[caller as Caller]}` } : {},
        retryAttempts: 0,
      });
      const timer = setTimeout(() => resolve({ errors: 'nothing within 10 s' }), 10_000);
      const settle = (value: { data?: unknown; errors?: unknown }) => {
        clearTimeout(timer);
        // Closed before the case ends, so no socket outlives the spec.
        void Promise.resolve(client.dispose()).then(() => resolve(value));
      };
      client.subscribe(
        { query: 'subscription($id: ID!) { commentAdded(proposalId: $id) { body } }', variables: { id } },
        {
          next: (message) => settle(message.errors ? { errors: message.errors } : { data: message.data }),
          error: (error) => settle({ errors: error }),
          complete: () => undefined,
        },
      );
    });
    await new Promise((wake) => setTimeout(wake, 300));
    await t.ok(ADD, { p: id, body: 'Hello' }, author.token);
    const event = await first;
    if (outcome === 'ok') expect(event).toEqual({ data: { commentAdded: { body: 'Hello' } } });
    else expect(JSON.stringify(event.errors)).toContain(outcome);
  });
});
