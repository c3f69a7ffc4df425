import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { replayDeliveryBodySchema, type ReplayDeliveryBody } from '@hookflow/shared';
import { z } from 'zod';
import { IdParam } from '../common/id-param.js';
import { JsonBody, parseOrBadRequest, ValidBody } from '../common/validated-body.js';
import { TeamRoute } from '../teams/team-access.js';
import { DeliveriesService } from './deliveries.service.js';

const listQuerySchema = z.object({ cursor: z.iso.datetime().optional() });

@ApiTags('deliveries')
@Controller('api/teams/:teamId/flows/:flowId/deliveries')
export class DeliveriesController {
  constructor(@Inject(DeliveriesService) private readonly deliveries: DeliveriesService) {}

  @TeamRoute('viewer')
  @Get()
  @ApiQuery({ name: 'cursor', required: false })
  list(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') flowId: string,
    @Query() query: Record<string, string>,
  ) {
    return this.deliveries.list(teamId, flowId, parseOrBadRequest(listQuerySchema, query).cursor);
  }

  @TeamRoute('viewer')
  @Get(':deliveryId')
  get(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') flowId: string,
    @IdParam('deliveryId', 'Delivery') id: string,
  ) {
    return this.deliveries.get(teamId, flowId, id);
  }

  @TeamRoute('editor')
  @Post(':deliveryId/replay')
  @HttpCode(202)
  @JsonBody(replayDeliveryBodySchema)
  replay(
    @IdParam('teamId', 'Team') teamId: string,
    @IdParam('flowId', 'Flow') flowId: string,
    @IdParam('deliveryId', 'Delivery') id: string,
    @ValidBody() body: ReplayDeliveryBody,
  ) {
    return this.deliveries.replay(teamId, flowId, id, body);
  }
}
