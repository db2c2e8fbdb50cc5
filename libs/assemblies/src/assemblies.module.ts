import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { VotingModule } from '@commons/voting';
import { AssembliesDirectoryService } from './assemblies-directory.service.js';
import { AgendaItemsResolver, AssembliesResolver, AttendeesResolver, ProxiesResolver } from './assemblies.resolver.js';
import { AssembliesService } from './assemblies.service.js';
import { AssemblyMinutesController } from './assembly-minutes.controller.js';
import { ProxiesService } from './proxies.service.js';

/** General assemblies: convening, proxies, the sitting and its minutes. Above voting (its agenda's proposals). */
@Module({
  imports: [MembersModule, VotingModule],
  providers: [
    AssembliesService,
    ProxiesService,
    AssembliesDirectoryService,
    AssembliesResolver,
    AgendaItemsResolver,
    AttendeesResolver,
    ProxiesResolver,
  ],
  controllers: [AssemblyMinutesController],
})
export class AssembliesModule {}
