import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator.js';
import { hookResponseHeaders } from './hook-response-headers.js';
import { TriggerIngressService, type IngressReply } from './trigger-ingress.service.js';

/** Trigger URLs. Documented in the editor rather than OpenAPI: any method, any body. */
@ApiExcludeController()
@Public()
@Controller('hooks')
export class HooksController {
  constructor(@Inject(TriggerIngressService) private readonly ingress: TriggerIngressService) {}

  @All(':key')
  async production(@Param('key') key: string, @Req() request: Request, @Res() response: Response) {
    send(response, await this.ingress.receive(key, false, request, request.ip ?? ''));
  }

  @All(':key/test')
  async test(@Param('key') key: string, @Req() request: Request, @Res() response: Response) {
    send(response, await this.ingress.receive(key, true, request, request.ip ?? ''));
  }
}

function send(response: Response, reply: IngressReply) {
  response.status(reply.status).set(hookResponseHeaders(reply.headers));
  if (reply.raw || typeof reply.body === 'string') response.send(reply.body);
  else response.json(reply.body);
}
