import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import type { StaffMember } from './access.model.js';

/**
 * Which agencies each user works for (user_organizations). Written here, and by the Training reset, which
 * drops memberships of the agencies it does not keep (training/training.repository.ts); the users list reads
 * it to filter by agency (accounts/users.repository.ts).
 */
export const membershipsRepository = {
  async organizationIdsOf(db: Db, userId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('user_organizations')
      .innerJoin('organizations', 'organizations.organization_id', 'user_organizations.organization_id')
      .select('user_organizations.organization_id')
      .where('user_organizations.user_id', '=', userId)
      .where('organizations.date_deleted', 'is', null)
      .orderBy('user_organizations.organization_id')
      .execute();
    return rows.map((r) => r.organization_id);
  },

  async organizationIdsOfUsers(db: Db, userIds: readonly number[]): Promise<Map<number, string[]>> {
    const byUser = new Map<number, string[]>();
    if (userIds.length === 0) return byUser;
    const rows = await db
      .selectFrom('user_organizations')
      .innerJoin('organizations', 'organizations.organization_id', 'user_organizations.organization_id')
      .select(['user_organizations.user_id', 'user_organizations.organization_id'])
      .where('user_organizations.user_id', 'in', [...new Set(userIds)])
      .where('organizations.date_deleted', 'is', null)
      .orderBy('user_organizations.user_id')
      .orderBy('user_organizations.organization_id')
      .execute();
    for (const row of rows) {
      const list = byUser.get(row.user_id) ?? [];
      list.push(row.organization_id);
      byUser.set(row.user_id, list);
    }
    return byUser;
  },

  /** Those of these agencies (OrganizationIDs) that exist and are not deleted. */
  async liveOrganizationIds(db: Db, organizationIds: readonly string[]): Promise<string[]> {
    if (organizationIds.length === 0) return [];
    const rows = await db
      .selectFrom('organizations')
      .select('organization_id')
      .where('organization_id', 'in', [...organizationIds])
      .where('date_deleted', 'is', null)
      .execute();
    return rows.map((r) => r.organization_id);
  },

  /** Replaces a user's agencies with exactly these; returns the ones added and removed. */
  async replace(db: Transaction<Database>, userId: number, organizationIds: readonly string[], now: Date): Promise<{ added: string[]; removed: string[] }> {
    const current = new Set(
      (await db.selectFrom('user_organizations').select('organization_id').where('user_id', '=', userId).forUpdate().execute()).map((r) => r.organization_id),
    );
    const wanted = new Set(organizationIds);
    const added = [...wanted].filter((id) => !current.has(id)).sort();
    const removed = [...current].filter((id) => !wanted.has(id)).sort();
    if (removed.length > 0) {
      await db.deleteFrom('user_organizations').where('user_id', '=', userId).where('organization_id', 'in', removed).execute();
    }
    if (added.length > 0) {
      await db
        .insertInto('user_organizations')
        .values(added.map((organization_id) => ({ user_id: userId, organization_id, date_created: now })))
        .execute();
    }
    return { added, removed };
  },

  /** One user as a staff member, or undefined when there is no such account. */
  async member(db: Db, userId: number): Promise<StaffMember | undefined> {
    const row = await db
      .selectFrom('users')
      .select(['id', 'username', 'first_name', 'last_name', 'role', 'deactivated_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row && toStaffMember(row);
  },

  /** The users who work for any of these agencies (null: for any agency), each once, by name. */
  async staffOfAny(db: Db, organizationIds: readonly string[] | null): Promise<StaffMember[]> {
    if (organizationIds !== null && organizationIds.length === 0) return [];
    let members = db.selectFrom('user_organizations').innerJoin('organizations', 'organizations.organization_id', 'user_organizations.organization_id').where('organizations.date_deleted', 'is', null).select('user_organizations.user_id');
    if (organizationIds !== null) members = members.where('user_organizations.organization_id', 'in', [...organizationIds]);
    const rows = await db
      .selectFrom('users')
      .select(['id', 'username', 'first_name', 'last_name', 'role', 'deactivated_at'])
      .where('id', 'in', members)
      .orderBy('last_name')
      .orderBy('first_name')
      .orderBy('id')
      .execute();
    return rows.map(toStaffMember);
  },

  async staffOf(db: Db, organizationId: string): Promise<StaffMember[]> {
    const rows = await db
      .selectFrom('user_organizations')
      .innerJoin('users', 'users.id', 'user_organizations.user_id')
      .select(['users.id', 'users.username', 'users.first_name', 'users.last_name', 'users.role', 'users.deactivated_at'])
      .where('user_organizations.organization_id', '=', organizationId)
      .orderBy('users.last_name')
      .orderBy('users.first_name')
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      username: r.username,
      firstName: r.first_name,
      lastName: r.last_name,
      role: r.role,
      active: r.deactivated_at === null,
    }));
  },
};

function toStaffMember(r: { id: number; username: string; first_name: string; last_name: string; role: StaffMember['role']; deactivated_at: Date | null }): StaffMember {
  return { userId: r.id, username: r.username, firstName: r.first_name, lastName: r.last_name, role: r.role, active: r.deactivated_at === null };
}
