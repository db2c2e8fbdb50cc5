import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ProposalEntity } from '@commons/voting';

/**
 * One version of the co-op's bylaws: its rules as data. Version 1 holds the founding rules (created by the
 * migration, adjustable by admins until a first proposal closes); each later version was enacted by the
 * bylaws amendment (a proposal) that passed, in the transaction that closed it.
 */
@Entity('bylaws')
@Check('bylaws_version_check', 'version >= 1')
@Check('bylaws_adopted_by_check', '(version = 1) = (adopted_by IS NULL)')
@Check('bylaws_notice_days_check', 'notice_days >= 0')
@Check('bylaws_assembly_quorum_check', 'assembly_quorum >= 0 AND assembly_quorum <= 1')
@Check('bylaws_max_proxies_check', 'max_proxies_per_member >= 0')
@Check('bylaws_default_quorum_check', 'default_quorum >= 0 AND default_quorum <= 1')
@Check('bylaws_amendment_threshold_check', 'amendment_threshold > 0.5 AND amendment_threshold <= 1')
@Check('bylaws_min_voting_hours_check', 'min_voting_hours >= 0')
@Check('bylaws_reserve_minimum_check', 'reserve_minimum >= 0 AND reserve_minimum <= 100')
@Check('bylaws_shares_to_join_check', 'shares_to_join >= 0')
@Check('bylaws_redemption_cap_check', 'redemption_cap_percent >= 0 AND redemption_cap_percent <= 100')
export class BylawsEntity {
  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ name: 'adopted_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  adoptedAt: Date;

  /** The amendment that enacted this version; null for version 1. */
  @Column({ name: 'adopted_by', type: 'uuid', nullable: true, unique: true })
  adoptedBy: string | null;

  @OneToOne(() => ProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'adopted_by', foreignKeyConstraintName: 'bylaws_adopted_by_fk' })
  adoptingProposal?: Relation<ProposalEntity>;

  @Column({ name: 'notice_days', type: 'int' })
  noticeDays: number;

  @Column({ name: 'assembly_quorum', type: 'numeric', precision: 5, scale: 4 })
  assemblyQuorum: string;

  @Column({ name: 'max_proxies_per_member', type: 'int' })
  maxProxiesPerMember: number;

  @Column({ name: 'default_quorum', type: 'numeric', precision: 5, scale: 4 })
  defaultQuorum: string;

  @Column({ name: 'amendment_threshold', type: 'numeric', precision: 5, scale: 4 })
  amendmentThreshold: string;

  @Column({ name: 'min_voting_hours', type: 'int' })
  minVotingHours: number;

  @Column({ name: 'reserve_minimum', type: 'numeric', precision: 5, scale: 2 })
  reserveMinimum: string;

  @Column({ name: 'shares_to_join', type: 'int', default: 0 })
  sharesToJoin: number;

  @Column({ name: 'redemption_cap_percent', type: 'numeric', precision: 5, scale: 2, default: '10' })
  redemptionCapPercent: string;
}
