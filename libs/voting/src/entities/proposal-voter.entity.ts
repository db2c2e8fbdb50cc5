import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from './proposal.entity.js';

/**
 * The electoral roll, frozen when the proposal opens (the members ACTIVE then), and who has taken part.
 * Participation is recorded here, apart from the ballot, so that secret ballots refuse double voting
 * without linking anyone to a choice. No timestamp: it would let voting times be matched to ballots.
 */
@Entity('proposal_voters')
@Check('proposal_voters_weight_check', 'weight >= 1')
export class ProposalVoterEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'proposal_voters_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'proposal_voters_member_fk' })
  member?: Relation<MemberEntity>;

  /** The member's stakeholder class when the proposal opened: their voting college. */
  @Column({ name: 'stakeholder_class', type: 'varchar', length: 40 })
  stakeholderClass: string;

  @Column({ name: 'has_voted', type: 'boolean', default: false })
  hasVoted: boolean;

  /** Whether the member may vote now: always, except at a sitting, where only members checked in may. */
  @Column({ name: 'may_vote', type: 'boolean', default: true })
  mayVote: boolean;

  /** How many members the member's ballot counts for: 1, plus the proxies they hold at a sitting. */
  @Column({ type: 'int', default: 1 })
  weight: number;
}
