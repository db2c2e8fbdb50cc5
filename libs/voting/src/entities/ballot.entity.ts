import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberEntity } from '@commons/members';
import { ProposalEntity } from './proposal.entity.js';

/** A member's current ballot on an open (not secret) proposal; a new vote replaces it. */
@Entity('ballots')
@Index('ballots_one_per_member', ['proposalId', 'memberId'], { unique: true })
@Index('ballots_receipt', ['proposalId', 'receiptHash'])
export class BallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'ballots_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'ballots_member_fk' })
  member?: Relation<MemberEntity>;

  /** The choice: one option, a set, a ranking (first = most preferred) or the scored options. */
  @Column({ name: 'option_ids', type: 'jsonb' })
  optionIds: string[];

  @Column({ type: 'jsonb', nullable: true })
  scores: number[] | null;

  /** sha256 of the receipt given to the voter; the receipt itself is never stored. */
  @Column({ name: 'receipt_hash', type: 'char', length: 64 })
  receiptHash: string;

  @Column({ name: 'cast_at', type: 'timestamptz' })
  castAt: Date;
}

/**
 * A ballot on a secret proposal: no member, no time, no receipt, a random id. The stakeholder class is
 * kept only when the proposal weighs voting colleges (the count needs it).
 */
@Entity('secret_ballots')
@Check('secret_ballots_weight_check', 'weight >= 1')
export class SecretBallotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'secret_ballots_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  @Column({ name: 'stakeholder_class', type: 'varchar', length: 40, nullable: true })
  stakeholderClass: string | null;

  @Column({ name: 'option_ids', type: 'jsonb' })
  optionIds: string[];

  @Column({ type: 'jsonb', nullable: true })
  scores: number[] | null;

  /** How many members the ballot counts for (its voter and the proxies they held at a sitting). */
  @Column({ type: 'int', default: 1 })
  weight: number;
}

/**
 * The receipt hash of a counted secret ballot, kept apart from its choice: no ballot id, and mixed into
 * an order of its own, so a voter can check that their ballot was counted but cannot show anyone which
 * ballot (and so which choice) was theirs.
 */
@Entity('secret_ballot_receipts')
export class SecretBallotReceiptEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => ProposalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'secret_ballot_receipts_proposal_fk' })
  proposal?: Relation<ProposalEntity>;

  /** sha256 of the receipt given to the voter. */
  @PrimaryColumn({ name: 'receipt_hash', type: 'char', length: 64 })
  receiptHash: string;
}
