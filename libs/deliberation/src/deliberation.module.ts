import { Module } from '@nestjs/common';
import { MembersModule } from '@commons/members';
import { VotingModule } from '@commons/voting';
import { AmendmentsResolver, RevisionsResolver } from './amendments.resolver.js';
import { AmendmentsService } from './amendments.service.js';
import { CommentEventsService } from './comment-events.service.js';
import { CommentsResolver } from './comments.resolver.js';
import { CommentsService } from './comments.service.js';
import { DiscussionService } from './discussion.service.js';
import { ProposalDiscussionResolver } from './proposal-discussion.resolver.js';
import { ReactionsService } from './reactions.service.js';
import { RevisionsService } from './revisions.service.js';

/** Deliberation before decision: a discussion phase, comments, revisions and amendments (above voting). */
@Module({
  imports: [MembersModule, VotingModule],
  providers: [
    DiscussionService,
    RevisionsService,
    CommentsService,
    ReactionsService,
    CommentEventsService,
    AmendmentsService,
    ProposalDiscussionResolver,
    CommentsResolver,
    AmendmentsResolver,
    RevisionsResolver,
  ],
})
export class DeliberationModule {}
