import { HOUR, MINUTE } from '../../clock.js';
import type { Config } from '../../config.js';
import type { AttemptCounter } from './attempt-counter.js';

export class TooManyAttemptsError extends Error {
  override name = 'TooManyAttemptsError';
  readonly statusCode = 429;
  constructor(readonly retryAt: Date | null) {
    super('Too many attempts from your network. Please wait a few minutes and try again.');
  }
}

const LOGIN_WINDOW = 15 * MINUTE;
const RESET_WINDOW = HOUR;

/**
 * Per-client-address limits (a sliding window over the shared counter) on failed logins and on
 * requests that send email, plus a per-account limit on reset emails. Per-account lockout is separate
 * (LoginService).
 */
export class Throttle {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly config: Pick<Config, 'ipLoginFailureLimit' | 'ipResetLimit' | 'accountResetLimit'>,
  ) {}

  async assertLoginAllowed(ip: string | null): Promise<void> {
    if (!ip) return;
    const failures = await this.counter.count('login-failure-ip', ip, LOGIN_WINDOW);
    if (failures >= this.config.ipLoginFailureLimit) {
      throw new TooManyAttemptsError(await this.counter.oldestExpiry('login-failure-ip', ip, LOGIN_WINDOW));
    }
  }

  async recordLoginFailure(ip: string | null): Promise<void> {
    if (ip) await this.counter.hit('login-failure-ip', ip, LOGIN_WINDOW);
  }

  /** Every reset request counts against its address, whether or not it matched an account. */
  async assertResetAllowed(ip: string | null): Promise<void> {
    if (!ip) return;
    const count = await this.counter.hit('reset-ip', ip, RESET_WINDOW);
    if (count > this.config.ipResetLimit) {
      throw new TooManyAttemptsError(await this.counter.oldestExpiry('reset-ip', ip, RESET_WINDOW));
    }
  }

  /** False when this account has had enough reset emails this hour; the screen stays the same. */
  async mayEmailAccount(userId: number): Promise<boolean> {
    return (await this.counter.hit('reset-account', String(userId), RESET_WINDOW)) <= this.config.accountResetLimit;
  }
}
