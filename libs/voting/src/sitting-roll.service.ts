import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@commons/db';

/**
 * The roll of proposals voted at a sitting (`ProposalEntity.atSitting`): who may vote (members checked in)
 * and how much each ballot weighs (the voter plus the proxies they hold). The assemblies lib keeps the
 * proxies and attendance; it calls these, in its own unit of work, whenever either changes, so a vote reads
 * everything it needs from the voter's roll row.
 */
@Injectable()
export class SittingRollService {
  constructor(private readonly work: UnitOfWork) {}

  /**
   * Locks these members' roll rows (in one order: proposal, then member), so no vote of theirs is in
   * flight while their standing changes; a vote waiting behind this sees the new weight.
   */
  async lockVoters(proposalIds: string[], memberIds: string[]): Promise<void> {
    if (proposalIds.length === 0 || memberIds.length === 0) return;
    await this.work.manager.query(
      `SELECT 1 FROM proposal_voters WHERE proposal_id = ANY($1::uuid[]) AND member_id = ANY($2::uuid[])
        ORDER BY proposal_id, member_id FOR UPDATE`,
      [proposalIds, memberIds],
    );
  }

  /** The member is checked in: from now on they may vote on these proposals (if on their roll). */
  async admit(proposalIds: string[], memberId: string): Promise<void> {
    if (proposalIds.length === 0) return;
    await this.work.manager.query(
      'UPDATE proposal_voters SET may_vote = true WHERE proposal_id = ANY($1::uuid[]) AND member_id = $2 AND NOT may_vote',
      [proposalIds, memberId],
    );
  }

  /**
   * A proxy is about to end (lapse, revocation, replacement). On secret ballots its holder has already cast,
   * the grantor's vote went into that sealed ballot: it stays cast, so the grantor cannot vote there twice.
   * (Open ballots take the weight from the roll when they are counted, so there the grantor gets it back.)
   */
  async keepCastProxyVotes(proposalIds: string[], grantorId: string, holderId: string): Promise<void> {
    if (proposalIds.length === 0) return;
    await this.work.manager.query(
      `UPDATE proposal_voters grantor SET has_voted = true
         FROM proposal_voters holder JOIN proposals proposal ON proposal.id = holder.proposal_id
        WHERE holder.proposal_id = ANY($1::uuid[]) AND holder.member_id = $3 AND holder.has_voted AND proposal.secret
          AND grantor.proposal_id = holder.proposal_id AND grantor.member_id = $2 AND NOT grantor.has_voted`,
      [proposalIds, grantorId, holderId],
    );
  }

  /**
   * Sets the holder's weight on each proposal: 1, plus the grantors of the proxies they hold who are on that
   * proposal's roll and whose vote is not cast already.
   */
  async weighHolder(proposalIds: string[], holderId: string, grantorIds: string[]): Promise<void> {
    if (proposalIds.length === 0) return;
    await this.work.manager.query(
      `UPDATE proposal_voters holder
          SET weight = 1 + (SELECT count(*) FROM proposal_voters grantor
                             WHERE grantor.proposal_id = holder.proposal_id AND grantor.member_id = ANY($3::uuid[])
                               AND grantor.member_id <> holder.member_id AND NOT grantor.has_voted)
        WHERE holder.proposal_id = ANY($1::uuid[]) AND holder.member_id = $2`,
      [proposalIds, holderId, grantorIds],
    );
  }
}
