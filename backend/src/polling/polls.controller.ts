import { ConflictException, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PollNowResponse } from '@hookflow/shared';
import { IdParam } from '../common/id-param.js';
import { badRequest } from '../common/validated-body.js';
import { FlowsService } from '../flows/flows.service.js';
import { TeamRoute } from '../teams/team-access.js';
import { PollerService } from './poller.service.js';
import { pollTriggerOf } from './poll-plan.js';

/** "Poll now" in the trigger panel: one poll of the published version, answered with its result. */
@ApiTags('flows')
@Controller('api/teams/:teamId/flows')
export class PollsController {
  constructor(
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(PollerService) private readonly poller: PollerService,
  ) {}

  @TeamRoute('editor')
  @Post(':flowId/poll')
  @HttpCode(200)
  async pollNow(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') id: string,
  ): Promise<PollNowResponse> {
    const flow = await this.flows.find(teamId, id);
    if (!pollTriggerOf(flow.definition))
      throw badRequest([
        { field: 'trigger', message: 'this flow does not start with "Poll an API"' },
      ]);
    if (flow.status !== 'published')
      throw new ConflictException(
        flow.status === 'disabled'
          ? 'This flow is disabled: enable it to poll'
          : 'Publish the flow first: polls run the published version',
      );
    const outcome = await this.poller.poll(flow.id, 'manual');
    if (!outcome)
      throw new ConflictException('The published version does not start with "Poll an API"');
    return outcome;
  }
}
