import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

/** However often a session is renewed, it ends this long after its log-in. */
export const SESSION_MAX_SECONDS = 7 * 24 * 3600;

/** What a log-in token says: who, which session, since when, and under which token version. */
export interface SessionClaims {
  userId: string;
  /** Random per log-in; renewed tokens keep it (the CSRF token is derived from it). */
  sessionId: string;
  /** Unix seconds of the log-in that started the session. */
  startedAt: number;
  issuedAt: number;
  expiresAt: number;
  /** Must equal the user's `token_version`, or the session was ended by "log out everywhere". */
  version: number;
}

export interface IssuedToken {
  token: string;
  sessionId: string;
  expiresAt: number;
}

/**
 * Log-in tokens: HS256 JWTs signed with JWT_SECRET. Every claim is required, `exp` included: a
 * token without one is refused. They live SESSION_HOURS and are renewed while in use (sliding),
 * up to SESSION_MAX_SECONDS after the log-in.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  readonly lifetimeSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.security.jwtSecret);
    this.lifetimeSeconds = config.security.sessionHours * 3600;
  }

  /** A token for a new session, or a renewal of `session` (same id and start). */
  async issue(
    userId: string,
    version: number,
    session?: Pick<SessionClaims, 'sessionId' | 'startedAt'>,
  ): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const startedAt = session?.startedAt ?? now;
    const expiresAt = Math.min(now + this.lifetimeSeconds, startedAt + SESSION_MAX_SECONDS);
    const sessionId = session?.sessionId ?? randomBytes(16).toString('base64url');
    const token = await new SignJWT({ ver: version, sst: startedAt })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setJti(sessionId)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, sessionId, expiresAt };
  }

  /** The token's claims, or undefined for a token that is forged, expired, malformed or incomplete. */
  async verify(token: string): Promise<SessionClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'jti', 'ver', 'sst'],
      });
      const { sub, jti, ver, sst, iat, exp } = payload;
      if (typeof ver !== 'number' || typeof sst !== 'number') return undefined;
      if (exp! > sst + SESSION_MAX_SECONDS) return undefined;
      return {
        userId: sub!,
        sessionId: jti!,
        startedAt: sst,
        issuedAt: iat!,
        expiresAt: exp!,
        version: ver,
      };
    } catch {
      return undefined;
    }
  }
}
