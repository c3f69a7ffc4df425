import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { TeamRequest } from './team-access.js';

/** The credentials an open stream was let in with: the guards' checks are repeated on them. */
interface Holder {
  userId: string;
  teamId: string;
  /** Log-in token (not API key) streams: which session, its token version and expiry. */
  session?: { id: string; version: number; expiresAt: number };
  apiKeyId?: string;
  close: () => void;
}

// Any team role may watch (streams are viewer routes), so only "still a member" is checked.
// A NULL version or key id means "not that kind of credential". The user row is joined the way
// the AuthGuard reads it: a deleted user or a bumped token version ends log-in streams.
const STILL_ALLOWED_SQL = `
  SELECT c.n FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::int[], $5::uuid[])
    AS c(n, user_id, team_id, version, key_id)
  WHERE EXISTS (
    SELECT 1 FROM hookflow.team_members m JOIN hookflow.users u ON u.id = m.user_id
    WHERE m.team_id = c.team_id AND m.user_id = c.user_id
      AND (c.version IS NULL OR u.token_version = c.version)
      AND (c.key_id IS NULL OR EXISTS (
        SELECT 1 FROM hookflow.api_keys k
        WHERE k.id = c.key_id AND k.user_id = c.user_id AND k.revoked_at IS NULL)))`;

/**
 * Open event streams outlive the request the guards checked, so this re-checks them: every
 * STREAM_RECHECK_SECONDS, one query for all of this process's streams (by distinct
 * credential) ends those whose viewer left the team, whose session expired or was ended by
 * "log out everywhere", or whose API key was revoked. Log-outs made in this process end their
 * streams at once.
 */
@Injectable()
export class TeamStreamAccess implements OnModuleDestroy {
  private readonly logger = new Logger(TeamStreamAccess.name);
  private readonly holders = new Set<Holder>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timer = setInterval(
      () => void this.check(),
      config.security.streamRecheckSeconds * 1000,
    ).unref();
  }

  /**
   * Keeps `response`'s stream under watch until it closes; `close` ends it. Call right after the
   * stream opened, on a request that passed the AuthGuard and TeamAccessGuard.
   */
  hold(request: TeamRequest, teamId: string, response: Response, close: () => void): void {
    const { session } = request;
    const holder: Holder = {
      userId: request.user!.id,
      teamId,
      session: session && {
        id: session.sessionId,
        version: session.version,
        expiresAt: session.expiresAt,
      },
      apiKeyId: request.apiKeyId,
      close,
    };
    this.holders.add(holder);
    response.once('close', () => this.holders.delete(holder));
  }

  /** Log out on this device: its streams end now, not at the next check. */
  endSession(sessionId: string): void {
    this.endWhere((holder) => holder.session?.id === sessionId);
  }

  /** Log out everywhere: the user's log-in streams in this process end now (API keys stay). */
  endSessionsOf(userId: string): void {
    this.endWhere((holder) => holder.userId === userId && holder.session !== undefined);
  }

  private async check(): Promise<void> {
    if (this.checking || this.holders.size === 0) return;
    this.checking = true;
    try {
      const now = Date.now() / 1000;
      this.endWhere((holder) => holder.session !== undefined && holder.session.expiresAt <= now);
      // Many tabs of one user share a credential: each is checked once.
      const byCredential = new Map<string, Holder[]>();
      for (const holder of this.holders) {
        const key = [holder.userId, holder.teamId, holder.session?.version, holder.apiKeyId].join();
        const group = byCredential.get(key);
        if (group) group.push(holder);
        else byCredential.set(key, [holder]);
      }
      const groups = [...byCredential.values()];
      if (groups.length === 0) return;
      const credentials = groups.map((holders) => holders[0]);
      const rows: Array<{ n: number }> = await this.dataSource.query(STILL_ALLOWED_SQL, [
        credentials.map((_, n) => n),
        credentials.map((c) => c.userId),
        credentials.map((c) => c.teamId),
        credentials.map((c) => c.session?.version ?? null),
        credentials.map((c) => c.apiKeyId ?? null),
      ]);
      const allowed = new Set(rows.map((row) => Number(row.n)));
      groups.forEach((holders, n) => {
        if (!allowed.has(n)) holders.forEach((holder) => this.end(holder));
      });
    } catch (error) {
      // A failed round is retried at the next tick; the streams stay open meanwhile.
      this.logger.warn(`Stream access check failed: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private endWhere(matches: (holder: Holder) => boolean): void {
    for (const holder of [...this.holders]) if (matches(holder)) this.end(holder);
  }

  private end(holder: Holder): void {
    this.holders.delete(holder);
    holder.close();
  }
}
