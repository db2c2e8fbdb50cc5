import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '@commons/core';
import { ProposalEntity } from './entities/proposal.entity.js';
import { ProposalsService } from './proposals.service.js';

const INTERVAL_MS = 2_000;
// One proposal per transaction, so that one failing count cannot hold back the others.
const BATCH = 1;

/**
 * Closes proposals whose `closesAt` has passed, within a few seconds. Every API process runs it; row
 * locks with SKIP LOCKED hand each due proposal to exactly one of them, and the status check inside the
 * lock makes a close happen once even against an admin closing by hand.
 */
@Injectable()
export class ProposalCloserService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProposalCloserService.name);
  private readonly task = new PeriodicTask(
    INTERVAL_MS,
    () => this.closeDue(),
    (error) => this.logger.warn(`Closing due proposals failed, will retry: ${String(error)}`),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Closes what is due now; returns how many it closed. */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (manager) => {
        const due: ProposalEntity[] = await manager
          .getRepository(ProposalEntity)
          .createQueryBuilder('proposal')
          .where(`proposal.status = 'OPEN' AND proposal.closes_at <= now()`)
          .orderBy('proposal.closes_at', 'ASC')
          .limit(BATCH)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getMany();
        for (const proposal of due) await this.proposals.closeIn(manager, proposal, null);
        return due.length;
      });
      closed += count;
      if (count < BATCH) return closed;
    }
  }
}
