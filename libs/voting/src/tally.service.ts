import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Rational } from '@commons/core';
import { decide, type DecisionMethod, type DecisionOption, type DecisionResult, type WeightedBallot } from './methods/index.js';
import type { CollegeWeight, ProposalEntity, StoredTally } from './entities/proposal.entity.js';

/** Identical ballots from one college, counted once with how many members stand behind them. */
interface BallotGroup {
  optionIds: string[];
  scores: number[] | null;
  stakeholderClass: string | null;
  count: number;
}

export interface ComputedTally {
  stored: StoredTally;
  decision: DecisionResult;
}

/** How far a chain of delegations is followed before it is treated as going nowhere. */
const MAX_DELEGATION_DEPTH = 1_000;

function groupKey(optionIds: string[], scores: number[] | null, stakeholderClass: string | null): string {
  return JSON.stringify([optionIds, scores, stakeholderClass]);
}

function display(votes: Rational): string {
  return votes.toFixed(6);
}

/**
 * Counts a proposal: aggregates ballots in SQL (identical choices grouped), adds delegated votes on open
 * ballots, scales voting colleges, then applies the proposal's decision method and quorum.
 */
@Injectable()
export class TallyService {
  async compute(manager: EntityManager, proposal: ProposalEntity, options: DecisionOption[]): Promise<ComputedTally> {
    const groups = proposal.secret ? await this.secretGroups(manager, proposal) : await this.openGroups(manager, proposal);
    // At a sitting, proxies take the place of delegations.
    const delegated =
      proposal.secret || proposal.atSitting ? { groups: [], participants: 0 } : await this.delegatedGroups(manager, proposal);
    const all = mergeGroups([...groups, ...delegated.groups]);
    // Participants are members counted: each ballot's weight (1, plus the proxies its voter held at a sitting).
    const [{ voted }] = await manager.query(
      proposal.secret
        ? 'SELECT coalesce(sum(weight), 0)::int AS voted FROM secret_ballots WHERE proposal_id = $1'
        : 'SELECT coalesce(sum(weight), 0)::int AS voted FROM proposal_voters WHERE proposal_id = $1 AND has_voted',
      [proposal.id],
    );

    const ballots = weigh(proposal.method as DecisionMethod, all, proposal.colleges, options);
    const decision = decide(proposal.method as DecisionMethod, {
      options,
      ballots,
      seats: proposal.seats,
      threshold: proposal.threshold,
    });
    const eligible = proposal.eligibleCount ?? 0;
    const participants = voted + delegated.participants;
    const quorum = Rational.parse(proposal.quorum);
    const quorumReached = eligible === 0 ? quorum.isZero() : Rational.of(participants, eligible).gte(quorum);
    return {
      decision,
      stored: {
        eligible,
        participants,
        quorumReached,
        results: decision.results.map((result) => ({ optionId: result.optionId, votes: display(result.votes) })),
        rounds: decision.rounds
          ? decision.rounds.map((round) => round.map((r) => ({ optionId: r.optionId, votes: display(r.votes) })))
          : null,
        notes: decision.notes,
      },
    };
  }

  private async openGroups(manager: EntityManager, proposal: ProposalEntity): Promise<BallotGroup[]> {
    const byCollege = proposal.colleges !== null;
    // Each ballot weighs what its voter's roll row says (1, or more for a proxy holder at a sitting).
    const rows: GroupRow[] = await manager.query(
      `SELECT b.option_ids, b.scores, ${byCollege ? 'v.stakeholder_class' : 'NULL::text AS stakeholder_class'}, sum(v.weight)::int AS count
         FROM ballots b
         JOIN proposal_voters v ON v.proposal_id = b.proposal_id AND v.member_id = b.member_id
        WHERE b.proposal_id = $1
        GROUP BY 1, 2, 3`,
      [proposal.id],
    );
    return rows.map(toGroup);
  }

  private async secretGroups(manager: EntityManager, proposal: ProposalEntity): Promise<BallotGroup[]> {
    const rows: GroupRow[] = await manager.query(
      `SELECT option_ids, scores, stakeholder_class, sum(weight)::int AS count FROM secret_ballots WHERE proposal_id = $1 GROUP BY 1, 2, 3`,
      [proposal.id],
    );
    return rows.map(toGroup);
  }

  /**
   * Members on the roll who did not vote but delegated: their vote follows the chain of delegations to
   * the first member who voted directly. A direct vote always overrides one's delegate.
   */
  private async delegatedGroups(
    manager: EntityManager,
    proposal: ProposalEntity,
  ): Promise<{ groups: BallotGroup[]; participants: number }> {
    const delegators: Array<{ member_id: string; stakeholder_class: string }> = await manager.query(
      `SELECT v.member_id, v.stakeholder_class
         FROM proposal_voters v
         JOIN delegations d ON d.from_member_id = v.member_id AND d.revoked_at IS NULL
         JOIN members m ON m.id = v.member_id AND m.status = 'ACTIVE'
        WHERE v.proposal_id = $1 AND NOT v.has_voted`,
      [proposal.id],
    );
    if (delegators.length === 0) return { groups: [], participants: 0 };

    const edges: Array<{ from_member_id: string; to_member_id: string }> = await manager.query(
      'SELECT from_member_id, to_member_id FROM delegations WHERE revoked_at IS NULL',
    );
    const delegateOf = new Map(edges.map((edge) => [edge.from_member_id, edge.to_member_id]));
    const targets = [...new Set(edges.map((edge) => edge.to_member_id))];
    const ballots: Array<{ member_id: string; option_ids: string[]; scores: number[] | null }> = await manager.query(
      'SELECT member_id, option_ids, scores FROM ballots WHERE proposal_id = $1 AND member_id = ANY($2::uuid[])',
      [proposal.id, targets],
    );
    const ballotOf = new Map(ballots.map((ballot) => [ballot.member_id, ballot]));

    const groups = new Map<string, BallotGroup>();
    let participants = 0;
    for (const delegator of delegators) {
      let current = delegateOf.get(delegator.member_id);
      for (let depth = 0; current && !ballotOf.has(current) && depth < MAX_DELEGATION_DEPTH; depth += 1) {
        current = delegateOf.get(current);
      }
      const ballot = current ? ballotOf.get(current) : undefined;
      if (!ballot) continue;
      participants += 1;
      const stakeholderClass = proposal.colleges ? delegator.stakeholder_class : null;
      const key = groupKey(ballot.option_ids, ballot.scores, stakeholderClass);
      const group = groups.get(key);
      if (group) group.count += 1;
      else groups.set(key, { optionIds: ballot.option_ids, scores: ballot.scores, stakeholderClass, count: 1 });
    }
    return { groups: [...groups.values()], participants };
  }
}

interface GroupRow {
  option_ids: string[];
  scores: number[] | null;
  stakeholder_class: string | null;
  count: number;
}

function toGroup(row: GroupRow): BallotGroup {
  return { optionIds: row.option_ids, scores: row.scores, stakeholderClass: row.stakeholder_class, count: row.count };
}

function mergeGroups(groups: BallotGroup[]): BallotGroup[] {
  const merged = new Map<string, BallotGroup>();
  for (const group of groups) {
    const key = groupKey(group.optionIds, group.scores, group.stakeholderClass);
    const existing = merged.get(key);
    if (existing) existing.count += group.count;
    else merged.set(key, { ...group });
  }
  return [...merged.values()];
}

/**
 * Each ballot's exact weight. Without colleges it is the number of members behind it. With colleges,
 * each college's votes are scaled so that together they weigh the college's weight; for MAJORITY and
 * SUPERMAJORITY only expressed votes (FOR, AGAINST) count toward a college's total, as abstentions are
 * not votes expressed. A college whose members expressed nothing weighs nothing.
 */
export function weigh(
  method: DecisionMethod,
  groups: BallotGroup[],
  colleges: CollegeWeight[] | null,
  options: DecisionOption[],
): WeightedBallot[] {
  if (!colleges) return groups.map((group) => ({ optionIds: group.optionIds, scores: group.scores, weight: Rational.of(group.count) }));
  const abstain = options.find((option) => option.label === 'ABSTAIN')?.id;
  const expressed = (group: BallotGroup) =>
    !((method === 'MAJORITY' || method === 'SUPERMAJORITY') && group.optionIds.length === 1 && group.optionIds[0] === abstain);
  const totals = new Map<string, number>();
  for (const group of groups) {
    if (group.stakeholderClass && expressed(group))
      totals.set(group.stakeholderClass, (totals.get(group.stakeholderClass) ?? 0) + group.count);
  }
  const weightOf = new Map(colleges.map((college) => [college.stakeholderClass, college.weight]));
  return groups.map((group) => {
    const total = group.stakeholderClass ? (totals.get(group.stakeholderClass) ?? 0) : 0;
    const collegeWeight = group.stakeholderClass ? (weightOf.get(group.stakeholderClass) ?? 0) : 0;
    const weight = total === 0 ? Rational.ZERO : Rational.of(group.count * collegeWeight, total);
    return { optionIds: group.optionIds, scores: group.scores, weight };
  });
}
