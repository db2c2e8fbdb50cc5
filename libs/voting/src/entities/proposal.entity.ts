import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalOptionEntity } from './proposal-option.entity.js';

export enum ProposalStatus {
  DRAFT = 'DRAFT',
  /** Published for discussion: every ACTIVE member reads, comments and amends it; no votes yet. */
  DISCUSSION = 'DISCUSSION',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum Outcome {
  PASSED = 'PASSED',
  REJECTED = 'REJECTED',
  NO_QUORUM = 'NO_QUORUM',
}

/** A stakeholder class's weight in a multi-stakeholder vote (voting colleges). */
export interface CollegeWeight {
  stakeholderClass: string;
  weight: number;
}

/** The tally frozen at closing, as members will read it forever after. */
export interface StoredTally {
  eligible: number;
  participants: number;
  quorumReached: boolean;
  results: Array<{ optionId: string; votes: string }>;
  rounds: Array<Array<{ optionId: string; votes: string }>> | null;
  notes: string[];
}

@Entity('proposals')
@Index('proposals_due', ['closesAt'], { where: `status = 'OPEN' AND closes_at IS NOT NULL` })
@Index('proposals_listing', ['createdAt', 'id'])
@Check('proposals_status_check', `status IN ('DRAFT', 'DISCUSSION', 'OPEN', 'CLOSED', 'WITHDRAWN')`)
@Check('proposals_method_check', `method IN ('MAJORITY', 'SUPERMAJORITY', 'CONSENT', 'APPROVAL', 'RANKED_CHOICE', 'SCHULZE', 'SCORE')`)
@Check('proposals_outcome_check', `outcome IS NULL OR outcome IN ('PASSED', 'REJECTED', 'NO_QUORUM')`)
@Check('proposals_quorum_check', 'quorum >= 0 AND quorum <= 1')
@Check('proposals_threshold_check', 'threshold >= 0 AND threshold <= 1')
@Check('proposals_seats_check', 'seats >= 1')
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'proposals_author_fk' })
  author?: Relation<MemberEntity>;

  @Column({ type: 'varchar', length: 20 })
  method: string;

  @Column({ type: 'varchar', length: 12, default: ProposalStatus.DRAFT })
  status: ProposalStatus;

  @Column({ type: 'boolean', default: false })
  secret: boolean;

  /** Exact decimal strings: the share of eligible members who must take part, and the passing share. */
  @Column({ type: 'numeric', precision: 5, scale: 4, default: '0' })
  quorum: string;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  threshold: string;

  @Column({ type: 'int', default: 1 })
  seats: number;

  @Column({ type: 'jsonb', nullable: true })
  colleges: CollegeWeight[] | null;

  /**
   * Voted at a general assembly's sitting: it opens and closes with the sitting, only members checked in
   * vote (each for themself and the proxies they hold), delegations do not apply, minVotingHours does not.
   */
  @Column({ name: 'at_sitting', type: 'boolean', default: false })
  atSitting: boolean;

  /** When it was put up for discussion (DRAFT -> DISCUSSION); null if it never was. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'opens_at', type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'eligible_count', type: 'int', nullable: true })
  eligibleCount: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome: Outcome | null;

  @Column({ type: 'jsonb', nullable: true })
  winners: string[] | null;

  @Column({ name: 'final_tally', type: 'jsonb', nullable: true })
  finalTally: StoredTally | null;

  @OneToMany(() => ProposalOptionEntity, (option) => option.proposal)
  options?: Relation<ProposalOptionEntity[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
