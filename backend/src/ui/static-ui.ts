import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` puts the editor, relative to backend/dist. */
export const UI_DIST = join(import.meta.dirname, '../../../frontend/dist');

// Paths owned by the API, trigger URLs and probes never fall back to the editor's index.html.
const SERVER_PATHS = /^\/(api|hooks|healthz|readyz|metrics)(\/|$)/;

/** Serves the built editor on the API's port, with history-API fallback for its client routes. */
export function serveEditor(app: NestExpressApplication, uiDir = UI_DIST): boolean {
  const index = join(uiDir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(uiDir, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      SERVER_PATHS.test(req.path) ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/** The worker role answers its probes and nothing else: no API, no trigger URLs, no editor. */
export function healthOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.path === '/healthz' || req.path === '/readyz') return next();
  res.status(404).json({
    statusCode: 404,
    error: 'Not Found',
    message: 'This process runs the worker role: only /healthz and /readyz answer here',
  });
}
