import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentMember, type Principal } from '@commons/auth';
import { ForbiddenError, NotFoundError } from '@commons/core';
import { AssembliesDirectoryService } from './assemblies-directory.service.js';
import { canReadAssemblies } from './assemblies.policy.js';

/**
 * `GET /assemblies/:id/minutes.md`: the minutes of a closed assembly, the very bytes whose sha256 is in the
 * close's audit entry (and `Minutes.hash`). With a bearer token like any other call; the assemblies policy
 * decides who may read (active members, admins, auditors).
 */
@Controller('assemblies')
export class AssemblyMinutesController {
  constructor(private readonly directory: AssembliesDirectoryService) {}

  @Get(':id/minutes.md')
  async minutes(@CurrentMember() principal: Principal, @Param('id') id: string, @Res() response: Response): Promise<void> {
    if (!canReadAssemblies(principal)) throw new ForbiddenError('Only active members, admins and auditors can read the minutes.');
    const assembly = await this.directory.find(id);
    if (!assembly) throw new NotFoundError('Assembly', id);
    if (!assembly.minutesText) throw new NotFoundError(`Minutes of assembly ${assembly.id} (it is ${assembly.status})`);
    const fileName = `minutes-${assembly.id}.md`;
    response
      .status(200)
      .set({
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
        etag: `"${assembly.minutesHash}"`,
      })
      .end(Buffer.from(assembly.minutesText, 'utf8'));
  }
}
