import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { RetryLaterException } from '../common/retry-later.exception.js';
import { LoginFailureEntity } from './login-failure.entity.js';

const WINDOW_MS = 15 * 60 * 1000;
// Per account: slows guessing one password. Per address: slows spraying many accounts.
const MAX_FAILURES = { account: 5, ip: 20 } as const;

/**
 * Failed log-ins counted in the database, so the limit holds across every api process.
 * A success clears the account's failures; the address's expire with the window.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginFailureEntity) private readonly failures: Repository<LoginFailureEntity>,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    for (const [kind, key] of [
      ['account', `account:${email}`],
      ['ip', `ip:${ip}`],
    ] as const) {
      const recent = await this.failures.find({
        where: { key, at: MoreThan(new Date(Date.now() - WINDOW_MS)) },
        order: { at: 'ASC' },
        take: MAX_FAILURES[kind],
      });
      if (recent.length >= MAX_FAILURES[kind]) {
        const retryAfter = Math.max(
          1,
          Math.ceil((recent[0].at.getTime() + WINDOW_MS - Date.now()) / 1000),
        );
        throw new RetryLaterException(
          `Too many failed log-ins for this ${kind === 'ip' ? 'address' : 'account'}; try again in ${retryAfter} s`,
          retryAfter,
        );
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.failures.insert([{ key: `account:${email}` }, { key: `ip:${ip}` }]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.delete({ key: `account:${email}` });
  }
}
