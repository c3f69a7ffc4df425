import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param.js';
import { TeamRoute } from '../teams/team-access.js';
import { SampleDataService } from './sample-data.service.js';

/** The data picker's real data; lives with executions, which it reads. */
@ApiTags('flows')
@Controller('api/teams/:teamId/flows')
export class SampleDataController {
  constructor(@Inject(SampleDataService) private readonly samples: SampleDataService) {}

  @TeamRoute('viewer')
  @Get(':flowId/sample-data')
  get(@IdParam('teamId', 'Team') teamId: string, @IdParam('flowId', 'Flow') flowId: string) {
    return this.samples.forFlow(teamId, flowId);
  }
}
