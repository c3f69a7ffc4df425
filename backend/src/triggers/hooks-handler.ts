import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hookResponseHeaders } from './hook-response-headers.js';
import { errorReply, type IngressReply } from './ingress-reply.js';
import type { TriggerIngressService } from './trigger-ingress.service.js';

/**
 * `/hooks/:key` and `/hooks/:key/test` the way Express's router matches them (any case, an
 * optional trailing slash); the key is one path segment.
 */
const HOOK_ROUTE = /^\/hooks\/([^/]+)(\/test)?\/?$/i;

const logger = new Logger('HooksHandler');

/**
 * Trigger URLs are the hot path: served by this Express middleware, mounted after the security
 * headers and the hooks-host split and before everything else (body parsers, docs, editor, the
 * Nest router with its guards and filters), whose per-request cost a delivery does not need.
 * Any method, any body; the ingress reads the raw bytes itself.
 */
export function hooksHandler(ingress: TriggerIngressService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = HOOK_ROUTE.exec(req.path);
    if (!match) return next();
    let key: string;
    try {
      key = decodeURIComponent(match[1]);
    } catch {
      return sendHookReply(res, errorReply(404, 'Not Found', 'Not Found')); // not a key's spelling
    }
    ingress.receive(key, match[2] !== undefined, req, req.ip ?? '').then(
      (reply) => sendHookReply(res, reply),
      (error: Error) => {
        // The ingress answers its own failures (503 when nothing could be recorded); this is a bug.
        logger.error(`trigger request failed: ${error.message}`);
        if (!res.headersSent)
          sendHookReply(res, errorReply(500, 'Internal Server Error', 'Internal server error'));
      },
    );
  };
}

function sendHookReply(response: Response, reply: IngressReply): void {
  response.status(reply.status).set(hookResponseHeaders(reply.headers));
  // Set after the filter, which refuses hop-by-hop headers from flows' replies.
  if (reply.closeConnection) response.set('Connection', 'close');
  if (reply.raw || typeof reply.body === 'string') response.send(reply.body);
  else response.json(reply.body);
}
