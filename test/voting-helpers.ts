import type { Agent } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp, TestMember } from '@commons/testing';

export const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id status method options { id label } } }`;
export const OPEN = `mutation($id: ID!) { openProposal(id: $id) { id status opensAt } }`;
export const CLOSE = `mutation($id: ID!) { closeProposal(id: $id) { id status outcome winners { label } tally { eligible participants quorumReached results { option { label } votes } rounds { option { label } votes } notes } } }`;
export const VOTE = `mutation($input: CastVoteInput!) { castVote(input: $input) { proposalId receipt castAt } }`;
export const READ = `query($id: ID!) { proposal(id: $id) { id status secret outcome myVote { label } winners { label } tally { eligible participants quorumReached results { option { label } votes } rounds { option { label } votes } notes } } }`;

export interface OpenProposal {
  id: string;
  options: Record<string, string>;
}

/** Creates and opens a proposal as `author`; returns its id and option ids by label. */
export async function openProposal(t: TestApp, author: TestMember, input: Record<string, unknown>): Promise<OpenProposal> {
  const { createProposal } = await t.ok(CREATE, { input: { title: 'A proposal', body: 'Why it matters.', ...input } }, author.token);
  await t.ok(OPEN, { id: createProposal.id }, author.token);
  return {
    id: createProposal.id,
    options: Object.fromEntries(createProposal.options.map((option: { id: string; label: string }) => [option.label, option.id])),
  };
}

/** Casts a ballot naming options by label. */
export function vote(t: TestApp, voter: TestMember, proposal: OpenProposal, labels: string[], scores?: number[]) {
  return t.gql(
    VOTE,
    { input: { proposalId: proposal.id, optionIds: labels.map((label) => proposal.options[label]), scores } },
    voter.token,
  );
}

/** `vote`, over the sockets of `agent` (a burst kept to its `maxSockets` connections; see `TestApp.gqlVia`). */
export function voteVia(t: TestApp, agent: Agent, voter: TestMember, proposal: OpenProposal, labels: string[]) {
  return t.gqlVia(
    agent,
    VOTE,
    { input: { proposalId: proposal.id, optionIds: labels.map((label) => proposal.options[label]) } },
    voter.token,
  );
}

/** Votes counted per option label, from a tally. */
export function votesByLabel(tally: { results: Array<{ option: { label: string }; votes: number }> }): Record<string, number> {
  return Object.fromEntries(tally.results.map((result) => [result.option.label, result.votes]));
}

export async function members(t: TestApp, count: number, options: Parameters<TestApp['member']>[0] = {}): Promise<TestMember[]> {
  const created: TestMember[] = [];
  for (let i = 0; i < count; i += 1) created.push(await t.member(options));
  return created;
}

export type Tally = { results: Array<{ option: { label: string }; votes: number }> };

/** All votes counted in a tally. */
export const totalVotes = (tally: Tally) => Object.values(votesByLabel(tally)).reduce((sum, votes) => sum + votes, 0);

/** Subscribes to a proposal's live tally and resolves with the first tally `done` accepts (or rejects after 15 s). */
export function tallyUntil(
  t: TestApp,
  token: string,
  proposalId: string,
  done: (tally: Tally) => boolean,
): { ready: Promise<void>; tally: Promise<Tally> } {
  const client = createClient({
    url: t.baseUrl.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  client.on('connected', () => setTimeout(started, 300)); // the subscription starts just after
  const tally = new Promise<Tally>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('no such tally within 15 s'));
      void client.dispose();
    }, 15_000);
    const unsubscribe = client.subscribe(
      {
        query: `subscription($id: ID!) { tallyUpdated(proposalId: $id) { results { option { label } votes } } }`,
        variables: { id: proposalId },
      },
      {
        next: (message) => {
          if (message.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(message.errors)));
            return;
          }
          const received = message.data?.tallyUpdated as Tally;
          if (!done(received)) return;
          clearTimeout(timer);
          resolve(received);
          unsubscribe();
          void client.dispose();
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          void client.dispose();
        },
        complete: () => undefined,
      },
    );
  });
  return { ready, tally };
}
