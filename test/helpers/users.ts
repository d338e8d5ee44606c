import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import type { Role, User } from '../../src/accounts/accounts.model.js';
import type { SiteId } from '../../src/site-id.js';
import type { TestApp } from './app.js';
import { textOf, type TestClient } from './client.js';

export const SIGNED_IN_PASSWORD = 'Meadow-Lark-2026';

export interface SignedInUser {
  client: TestClient;
  user: User;
  username: string;
}

/**
 * A user who has done their first login and set their own password, with a full session, working for the
 * given agencies (OrganizationIDs).
 */
export async function signedInUser(
  t: TestApp,
  options: { site?: SiteId; role?: Role; firstName?: string; lastName?: string; agencies?: readonly string[] } = {},
): Promise<SignedInUser> {
  const site = options.site ?? 'live';
  const { user, temporaryPassword } = await t.createUser(site, { firstName: options.firstName ?? 'Casey', lastName: options.lastName ?? 'Worker', role: options.role ?? 'case_manager' });
  if (options.agencies?.length) await t.sites[site].access.setOrganizations(user, options.agencies, SYSTEM_ACTOR);
  const client = t.client();
  const first = await client.login(site, user.username, temporaryPassword);
  assert.equal(first.location, `/${site}/password/expired`);
  const changed = await client.submit(`/${site}/password/expired`, { newPassword: SIGNED_IN_PASSWORD, confirmPassword: SIGNED_IN_PASSWORD });
  assert.equal(changed.status, 303, textOf(changed.body));
  return { client, user, username: user.username };
}
