import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { permit, type Principal } from '@commons/auth';
import { DecimalScalar, type RequestContext, requestLoader } from '@commons/core';
import { type MemberEntity, MemberModel } from '@commons/members';
import { ShareHoldingModel } from './models/share.model.js';
import { type HoldingRow, ShareRegisterService } from './share-register.service.js';
import { SharesPolicy } from './shares.policy.js';

/** A member's shares: what the register says they hold, loaded once per request for every member asked. */
@Resolver(() => MemberModel)
export class MemberSharesResolver {
  constructor(private readonly register: ShareRegisterService) {}

  @ResolveField('holdings', () => [ShareHoldingModel], { description: 'What the member holds, by class: the member, admins and auditors.' })
  async holdings(@Parent() member: MemberEntity, @Context() context: RequestContext): Promise<HoldingRow[]> {
    permit(SharesPolicy.readOperation, context.req.user as Principal | undefined, { memberId: member.id });
    return (await requestLoader(context, 'shareHoldings', (ids) => this.register.holdings(ids)).load(member.id)) ?? [];
  }

  @ResolveField('shareCapital', () => DecimalScalar, { description: 'The sum of the amounts of their paid holdings.' })
  async shareCapital(@Parent() member: MemberEntity, @Context() context: RequestContext): Promise<string> {
    return (await requestLoader(context, 'shareCapital', (ids) => this.register.shareCapital(ids)).load(member.id)) ?? '0.00';
  }
}
