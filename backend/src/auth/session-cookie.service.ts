import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHmac } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { secretEquals } from '../triggers/verification/crypto-utils.js';

export const SESSION_COOKIE = 'hf_session';
export const CSRF_HEADER = 'x-csrf-token';
// Only the API reads the session: trigger URLs (/hooks/*) and pages never receive the cookie.
const COOKIE_PATH = '/api';

/**
 * The browser's session: the log-in JWT in an HttpOnly, SameSite=Lax cookie (Secure when the app
 * is served over https), so page script can never read it. Writes authenticated by the cookie
 * must carry X-CSRF-Token, an HMAC of the session id that the API hands to the editor in the
 * log-in and /api/me answers (a cross-site page can neither read it nor send custom headers).
 */
@Injectable()
export class SessionCookieService {
  private readonly csrfKey: Buffer;
  private readonly httpsPublicUrl: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.csrfKey = createHmac('sha256', config.security.jwtSecret).update('csrf').digest();
    this.httpsPublicUrl = config.http.publicUrl.startsWith('https:');
  }

  /** The session token the request's cookie carries, if any. */
  read(request: Request): string | undefined {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
    }
    return undefined;
  }

  set(request: Request, response: Response, token: string, expiresAt: number): void {
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      // request.secure follows X-Forwarded-Proto only from proxies TRUST_PROXY names.
      secure: this.httpsPublicUrl || request.secure,
      path: COOKIE_PATH,
      expires: new Date(expiresAt * 1000),
    });
  }

  clear(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.httpsPublicUrl || request.secure,
      path: COOKIE_PATH,
    });
  }

  csrfTokenFor(sessionId: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionId).digest('base64url');
  }

  csrfMatches(sessionId: string, request: Request): boolean {
    const sent = request.headers[CSRF_HEADER];
    return typeof sent === 'string' && secretEquals(this.csrfTokenFor(sessionId), sent);
  }
}
