import express, { type NextFunction, type Request, type Response } from 'express';
import { unstorableField } from './storable-json.js';
import { badRequest } from './validated-body.js';

const API_BODY_LIMIT = '1mb';
const parseJson = express.json({ limit: API_BODY_LIMIT, type: () => true });

/**
 * JSON bodies for the REST API only (trigger URLs keep their raw bytes). Parser failures answer
 * in the API's error shape instead of Express's HTML page; so do values the database cannot
 * store (NUL, lone surrogates, absurd depth), for every route at once, naming the field.
 */
export function apiJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/api/') || req.method === 'GET' || req.method === 'HEAD') return next();
  parseJson(req, res, (error?: unknown) => {
    if (!error) {
      const issue = unstorableField(req.body);
      if (!issue) return next();
      res.status(400).json(badRequest([issue]).getResponse());
      return;
    }
    const failure = error as { status?: number; type?: string; message?: string };
    if (failure.type === 'entity.too.large') {
      res.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `Request body is larger than ${API_BODY_LIMIT}`,
      });
    } else if (failure.type === 'entity.parse.failed') {
      res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: `Malformed JSON body: ${failure.message}`,
      });
    } else {
      res.status(failure.status ?? 400).json({
        statusCode: failure.status ?? 400,
        error: 'Bad Request',
        message: failure.message ?? 'Unreadable body',
      });
    }
  });
}
