import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp, TestMember } from '@commons/testing';
import { CREATE } from './voting-helpers.js';

export const COMMENT_FIELDS =
  'id proposalId body editedAt removed removedByModerator removalReason parent { id } author { id } reactions { emoji count mine }';
export const PUBLISH = `mutation($id: ID!) { publishProposal(id: $id) { id status publishedAt } }`;
export const ADD = `mutation($p: ID!, $body: String!, $parent: ID) { addComment(proposalId: $p, body: $body, parentId: $parent) { ${COMMENT_FIELDS} } }`;
export const EDIT = `mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) { ${COMMENT_FIELDS} } }`;
export const REMOVE = `mutation($id: ID!, $reason: String) { removeComment(id: $id, reason: $reason) { ${COMMENT_FIELDS} } }`;
export const REACT = `mutation($id: ID!, $emoji: String!) { react(commentId: $id, emoji: $emoji) { id reactions { emoji count mine } } }`;
export const THREAD = `query($id: ID!, $first: Int, $after: String) { proposal(id: $id) { id comments(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${COMMENT_FIELDS} } } } } }`;
export const AMENDMENT_FIELDS =
  'id status body rationale baseRevision revision declineReason note author { id } proposal { id } vote { id status outcome title body }';
export const PROPOSE_AMENDMENT = `mutation($p: ID!, $body: String!, $why: String) { proposeAmendment(proposalId: $p, body: $body, rationale: $why) { ${AMENDMENT_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!) { acceptAmendment(id: $id) { ${AMENDMENT_FIELDS} } }`;
export const DECLINE = `mutation($id: ID!, $reason: String) { declineAmendment(id: $id, reason: $reason) { ${AMENDMENT_FIELDS} } }`;
export const PUT_TO_VOTE = `mutation($id: ID!) { putAmendmentToVote(id: $id) { ${AMENDMENT_FIELDS} } }`;
export const WITHDRAW_AMENDMENT = `mutation($id: ID!) { withdrawAmendment(id: $id) { ${AMENDMENT_FIELDS} } }`;
export const HISTORY = `query($id: ID!) { proposal(id: $id) { id status body revisions { number body createdAt author { id } amendment { id } }
  amendments { ${AMENDMENT_FIELDS} } } }`;

/** A MAJORITY proposal by `author`, put up for discussion. */
export async function inDiscussion(t: TestApp, author: TestMember, body = 'The first text.'): Promise<string> {
  const { createProposal } = await t.ok(CREATE, { input: { title: 'Paint the shop green', body, method: 'MAJORITY' } }, author.token);
  await t.ok(PUBLISH, { id: createProposal.id }, author.token);
  return createProposal.id;
}

export interface Subscription {
  /** The events received so far (data, or the errors of one that failed). */
  events: unknown[];
  /** Resolves once `count` events have arrived (or rejects after 10 s). */
  received(count: number): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Follows `commentAdded` on a proposal over graphql-ws as the holder of `token`. */
export async function followComments(t: TestApp, token: string, proposalId: string): Promise<Subscription> {
  const client = createClient({
    url: t.baseUrl.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const events: unknown[] = [];
  const waiters: Array<() => void> = [];
  const push = (event: unknown) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  };
  client.subscribe(
    {
      query: `subscription($id: ID!) { commentAdded(proposalId: $id) { id body author { id } parent { id } } }`,
      variables: { id: proposalId },
    },
    {
      next: (message) => push(message.errors ? { errors: message.errors } : message.data?.commentAdded),
      error: (error) => push({ errors: error }),
      complete: () => undefined,
    },
  );
  await new Promise((wake) => setTimeout(wake, 300)); // let the subscription start
  return {
    events,
    received: async (count) => {
      const deadline = Date.now() + 10_000;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events within 10 s`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
      return events;
    },
    close: () => client.dispose() as Promise<void>,
  };
}
