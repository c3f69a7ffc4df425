import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RetryLaterException } from '../common/retry-later.exception.js';

const WINDOW_SECONDS = 15 * 60;
// Per address: slows spraying many accounts. Per account and address: slows guessing one password.
const MAX_PER_IP = 20;
const MAX_PER_ACCOUNT_AND_IP = 5;
// Per account, from addresses that never logged in to it: this many attempts per window, then
// each further one waits twice as long as the last (2 s, 4 s, …, at most 15 min).
const FREE_PER_ACCOUNT = 10;
const MAX_DELAY_SECONDS = 15 * 60;
// An address the account logged in from successfully stays "known" this long.
const KNOWN_CLIENT_DAYS = 30;
// Every this many attempts, rows that no longer limit anything are deleted.
const PRUNE_EVERY = 200;

// One attempt on counter $1 with a window of $2 seconds, as one statement: concurrent attempts
// queue on the row lock and each sees the count including every attempt before it.
const WINDOW_OVER = 'a.window_started_at <= now() - make_interval(secs => $2)';
const BUMP_ATTEMPTS = `
  INSERT INTO hookflow.login_attempts AS a (key, attempts, window_started_at, next_allowed_at)
  VALUES ($1, 1, now(), now())
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN ${WINDOW_OVER} THEN 1 ELSE a.attempts + 1 END,
    window_started_at = CASE WHEN ${WINDOW_OVER} THEN now() ELSE a.window_started_at END`;

/**
 * Log-in limits, kept in the database so they hold across every api process. Each attempt takes
 * its slot with one upsert (`... RETURNING`), so parallel attempts are counted one by one and no
 * more than the limit reach the password check. The account-wide limit only delays, and skips
 * addresses the account has logged in from before: an attacker's failures slow the attacker,
 * not the owner.
 */
@Injectable()
export class LoginThrottleService {
  private attemptsSincePrune = 0;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Takes this attempt's slots, or throws 429 with Retry-After. Call before checking the password. */
  async takeAttempt(email: string, ip: string): Promise<void> {
    if (++this.attemptsSincePrune >= PRUNE_EVERY) await this.prune();
    await this.takeCounted(`ip:${ip}`, MAX_PER_IP, 'address');
    await this.takeCounted(`account-ip:${email} ${ip}`, MAX_PER_ACCOUNT_AND_IP, 'account');
    if (!(await this.isKnownClient(email, ip))) await this.takeDelayed(`account:${email}`);
  }

  /** The password was right: this address is known now, and the account's counters start over. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.db.query(`DELETE FROM hookflow.login_attempts WHERE key = ANY($1)`, [
      [`account-ip:${email} ${ip}`, `account:${email}`],
    ]);
    // A good log-in does not count against the address's limit.
    await this.db.query(
      `UPDATE hookflow.login_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1`,
      [`ip:${ip}`],
    );
    await this.db.query(
      `INSERT INTO hookflow.login_known_clients (email, ip, last_login_at) VALUES ($1, $2, now())
       ON CONFLICT (email, ip) DO UPDATE SET last_login_at = now()`,
      [email, ip],
    );
  }

  /** At most `max` attempts per window for `key`. */
  private async takeCounted(key: string, max: number, what: 'address' | 'account') {
    const [row] = (await this.db.query(
      `${BUMP_ATTEMPTS}
       RETURNING attempts,
         ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int
           AS retry_after`,
      [key, WINDOW_SECONDS],
    )) as { attempts: number; retry_after: number }[];
    if (row.attempts > max) {
      const retryAfter = Math.max(1, row.retry_after);
      throw new RetryLaterException(
        `Too many log-in attempts for this ${what === 'address' ? 'address' : 'account from this address'}; try again in ${retryAfter} s`,
        retryAfter,
      );
    }
  }

  /**
   * The account-wide slot: free at first, then exponentially spaced. The wait is compared with
   * the clock, not `now()`: a parallel attempt whose statement began before the one it queued
   * behind has an earlier `now()` than the `next_allowed_at` that one just wrote.
   */
  private async takeDelayed(key: string) {
    const taken = (await this.db.query(
      `${BUMP_ATTEMPTS},
         next_allowed_at = CASE WHEN ${WINDOW_OVER} OR a.attempts + 1 <= $3 THEN now()
           ELSE now() + make_interval(secs => least(power(2, a.attempts + 1 - $3), $4)) END
       WHERE ${WINDOW_OVER} OR a.next_allowed_at <= clock_timestamp()
       RETURNING attempts`,
      [key, WINDOW_SECONDS, FREE_PER_ACCOUNT, MAX_DELAY_SECONDS],
    )) as unknown[];
    if (taken.length) return;
    const [row] = (await this.db.query(
      `SELECT ceil(extract(epoch FROM next_allowed_at - now()))::int AS retry_after
         FROM hookflow.login_attempts WHERE key = $1`,
      [key],
    )) as { retry_after: number }[];
    const retryAfter = Math.max(1, row?.retry_after ?? 1);
    throw new RetryLaterException(
      `Too many failed log-ins for this account; try again in ${retryAfter} s (or from a device that logged in before)`,
      retryAfter,
    );
  }

  /** Sprayed addresses and e-mails leave a row each: drop those whose window and wait are over. */
  private async prune() {
    this.attemptsSincePrune = 0;
    await this.db.query(
      `DELETE FROM hookflow.login_attempts
        WHERE window_started_at <= now() - make_interval(secs => $1) AND next_allowed_at <= now()`,
      [WINDOW_SECONDS],
    );
    await this.db.query(
      `DELETE FROM hookflow.login_known_clients
        WHERE last_login_at <= now() - make_interval(days => $1)`,
      [KNOWN_CLIENT_DAYS],
    );
  }

  private async isKnownClient(email: string, ip: string): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM hookflow.login_known_clients
        WHERE email = $1 AND ip = $2 AND last_login_at > now() - make_interval(days => $3)`,
      [email, ip, KNOWN_CLIENT_DAYS],
    )) as unknown[];
    return rows.length > 0;
  }
}
