import type { EntityManager } from 'typeorm';
import { assertUuid, NotFoundError } from '@commons/core';
import { AssemblyEntity } from './entities/assembly.entity.js';

/** The advisory-lock space of assemblies: every change to one assembly (its status, proxies, check-ins) takes it. */
export const ASSEMBLY_LOCK_SPACE = 7272;

/**
 * Takes the assembly for a change, for the rest of the unit of work. Lock order everywhere: the assembly's
 * advisory lock, then its row, then proposals (their advisory lock, then row), then roll rows.
 */
export async function lockAssembly(manager: EntityManager, id: string, field = 'assemblyId'): Promise<AssemblyEntity> {
  const assemblyId = assertUuid(id, field);
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ASSEMBLY_LOCK_SPACE, assemblyId]);
  const assembly = await manager.getRepository(AssemblyEntity).findOne({ where: { id: assemblyId }, lock: { mode: 'pessimistic_write' } });
  if (!assembly) throw new NotFoundError('Assembly', assemblyId);
  return assembly;
}

/** The agenda's proposals being voted now (OPEN, at this sitting). */
export async function openAgendaProposals(manager: EntityManager, assemblyId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT p.id FROM agenda_items i JOIN proposals p ON p.id = i.proposal_id
      WHERE i.assembly_id = $1 AND p.status = 'OPEN' ORDER BY p.id`,
    [assemblyId],
  );
  return rows.map((row) => row.id);
}
