/** Bench accounts: made through the services, with a password of their own (not temporary). */
import { randomBytes } from 'node:crypto';
import type { Role, User } from '../../src/accounts/accounts.model.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import type { SiteServices } from '../../src/sites/site-services.js';

export interface BenchUser {
  user: User;
  username: string;
  password: string;
  hash: string;
}

/**
 * Account number `n`, with its own password set through the same prepare + apply path as a password change, so a
 * sign-in with it is an ordinary complete one. A volunteer without email: no mail is queued.
 */
export async function createBenchUser(site: SiteServices, n: number, role: Role = 'case_manager'): Promise<BenchUser> {
  const issued = await site.accounts.create(
    { firstName: 'Load', lastName: `Tester ${n}`, email: null, isVolunteer: true, role, username: `benchuser${String(n).padStart(4, '0')}` },
    SYSTEM_ACTOR,
  );
  // Upper, lower, digit and symbol up front, 96 random bits after: passes every policy rule.
  const password = `Kq7!${randomBytes(12).toString('base64url')}`;
  const hash = await site.passwords.prepare(issued.user, password, password);
  const user = await site.db.transaction().execute((trx) => site.passwords.apply(trx, issued.user, hash, 'change', SYSTEM_ACTOR));
  return { user, username: user.username, password, hash };
}
