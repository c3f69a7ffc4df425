import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { applyHookResponsePolicy, isHookPath } from '../triggers/hook-response-headers.js';

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Security headers of the editor, the API and Swagger UI (/api/docs). The built editor loads
 * only its own files; React Flow and Swagger UI set inline styles, hence 'unsafe-inline' for
 * styles only (no inline script anywhere). Trigger URLs get their sandbox policy instead.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const https = config.http.publicUrl.startsWith('https:');
  const appHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Upgrading would break an instance served over plain http on a LAN address.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 15_552_000 } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isHookPath(req.path)) return appHeaders(req, res, next);
    applyHookResponsePolicy(res);
    next();
  };
}

/**
 * With HOOKS_PUBLIC_URL on a host of its own, each host answers only its part: requests for the
 * hooks host get trigger URLs (and probes), never the editor or API, so that origin never holds
 * a session; the app host sends trigger URLs to the hooks host. Other Host headers (an internal
 * address, a proxy's upstream name) are different origins already and are served as before.
 */
export function separateHooksHost(config: AppConfig): RequestHandler | undefined {
  const appHost = new URL(config.http.publicUrl).host;
  const hooksHost = new URL(config.http.hooksUrl).host;
  if (appHost === hooksHost) return undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const hook = isHookPath(req.path);
    if (host === hooksHost && !hook && !PROBES.has(req.path))
      return notHere(
        res,
        `This host serves trigger URLs only; the editor is at ${config.http.publicUrl}`,
      );
    if (host === appHost && hook)
      return notHere(res, `Trigger URLs are served at ${config.http.hooksUrl}${req.path}`);
    next();
  };
}

function notHere(res: Response, message: string): void {
  res.status(404).json({ statusCode: 404, error: 'Not Found', message });
}
