import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { ProposalStatus } from './entities/proposal.entity.js';
import { ProposalsService } from './proposals.service.js';

const INTERVAL_MS = 2_000;

/**
 * Closes proposals whose `closesAt` has passed, within a few seconds. Every API process runs it, one
 * proposal per transaction (so one failing count cannot hold back the others). Each close takes the
 * proposal's lock as a hand-made close does and checks the status inside it, so a proposal closes once
 * whichever process (or admin) gets there first; the others find it CLOSED and move on.
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
    private readonly work: UnitOfWork,
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
    const due: Array<{ id: string }> = await this.work.manager.query(
      `SELECT id FROM proposals WHERE status = 'OPEN' AND closes_at <= now() ORDER BY closes_at LIMIT 100`,
    );
    let closed = 0;
    for (const { id } of due) {
      const didClose = await this.work.transaction(async () => {
        const proposal = await this.proposals.lock(id);
        if (proposal.status !== ProposalStatus.OPEN || !proposal.closesAt || proposal.closesAt.getTime() > Date.now()) return false;
        await this.proposals.count(proposal, null);
        return true;
      });
      if (didClose) closed += 1;
    }
    return closed;
  }
}
