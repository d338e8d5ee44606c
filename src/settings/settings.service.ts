import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database, Db, Role } from '../db/schema.js';
import { ValidationError } from '../errors.js';
import { settingsRepository } from './settings.repository.js';

/** Who must use a second factor: nobody (it stays optional), administrators, or everyone. */
export type SecondFactorPolicy = 'optional' | 'admins' | 'all';
export const SECOND_FACTOR_POLICIES: readonly SecondFactorPolicy[] = ['optional', 'admins', 'all'];
export const DEFAULT_SECOND_FACTOR_POLICY: SecondFactorPolicy = 'optional';

export const SECOND_FACTOR_POLICY_NAMES: Record<SecondFactorPolicy, string> = {
  optional: 'Optional: each user decides',
  admins: 'Required for HMIS administrators',
  all: 'Required for everyone',
};

const POLICY_KEY = 'second_factor_policy';

export function isSecondFactorPolicy(value: unknown): value is SecondFactorPolicy {
  return typeof value === 'string' && (SECOND_FACTOR_POLICIES as readonly string[]).includes(value);
}

/** The policy a stored value stands for. An unknown stored value fails safe towards requiring more, never less. */
export function secondFactorPolicyOf(stored: string | null | undefined): SecondFactorPolicy {
  if (stored === undefined || stored === null) return DEFAULT_SECOND_FACTOR_POLICY;
  return isSecondFactorPolicy(stored) ? stored : 'all';
}

export function policyRequiresSecondFactor(policy: SecondFactorPolicy, role: Role): boolean {
  return policy === 'all' || (policy === 'admins' && role === 'admin');
}

/** Site-wide settings that administrators change in the admin area (stored in the site's own database). */
export class SettingsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async secondFactorPolicy(db: Db = this.db): Promise<SecondFactorPolicy> {
    return secondFactorPolicyOf(await settingsRepository.get(db, POLICY_KEY));
  }

  /** Read in a batch (readBatch), it gives the stored policy; secondFactorPolicyOf() makes it a policy. */
  secondFactorPolicyRead(db: Db) {
    return settingsRepository.getQuery(db, POLICY_KEY);
  }

  async requiresSecondFactor(role: Role, db: Db = this.db): Promise<boolean> {
    return policyRequiresSecondFactor(await this.secondFactorPolicy(db), role);
  }

  /** Applies from each user's next sign-in; current sessions continue. */
  async setSecondFactorPolicy(value: string, actor: Actor): Promise<SecondFactorPolicy> {
    if (!isSecondFactorPolicy(value)) {
      throw new ValidationError('Choose who must use a second factor.', { secondFactorPolicy: ['Choose one of the options.'] });
    }
    return this.db.transaction().execute(async (trx) => {
      const stored = await settingsRepository.getForUpdate(trx, POLICY_KEY);
      const before = isSecondFactorPolicy(stored) ? stored : DEFAULT_SECOND_FACTOR_POLICY;
      if (before === value) return value;
      await settingsRepository.set(trx, POLICY_KEY, value, this.clock.now());
      await this.audit.record(trx, {
        event: 'settings.changed',
        actor,
        details: { setting: 'secondFactorPolicy', from: before, to: value },
      });
      return value;
    });
  }
}
