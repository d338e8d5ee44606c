import type { Kysely, Transaction } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { User } from '../accounts/accounts.model.js';
import type { Database } from '../db/schema.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { canSeeStaffOf, isAdministrator, type Viewer } from './access-policy.js';
import type { StaffMember } from './access.model.js';
import { membershipsRepository } from './memberships.repository.js';

/** Loads who a user is for the access policy, and keeps the list of agencies each user works for. */
export class AccessService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The signed-in user as the access policy sees them (one query: their agencies). */
  async viewerOf(user: Pick<User, 'id' | 'username' | 'role'>): Promise<Viewer> {
    const organizationIds = await membershipsRepository.organizationIdsOf(this.db, user.id);
    return { userId: user.id, username: user.username, role: user.role, organizationIds: new Set(organizationIds) };
  }

  async organizationIdsOf(userId: number): Promise<string[]> {
    return membershipsRepository.organizationIdsOf(this.db, userId);
  }

  /**
   * Sets the agencies a user works for (administrators only; the caller checks the role). Unknown or deleted
   * agencies are refused with a message for the field `agencies`.
   */
  async setOrganizations(
    subject: Pick<User, 'id' | 'username'>,
    organizationIds: readonly string[],
    actor: Actor,
    /** The transaction of an account change, so the account and its agencies are saved together. */
    inTransaction?: Transaction<Database>,
  ): Promise<void> {
    const wanted = [...new Set(organizationIds)];
    const apply = async (trx: Transaction<Database>) => {
      const known = await membershipsRepository.liveOrganizationIds(trx, wanted);
      if (known.length !== wanted.length) {
        throw new ValidationError('Please correct the highlighted fields.', { agencies: ['Choose agencies from the list.'] });
      }
      const { added, removed } = await membershipsRepository.replace(trx, subject.id, wanted, this.clock.now());
      if (added.length === 0 && removed.length === 0) return;
      await this.audit.record(trx, {
        event: 'account.agencies_changed',
        actor,
        subject: { id: subject.id, username: subject.username },
        details: { added: added.join(', ') || null, removed: removed.join(', ') || null },
      });
    };
    if (inTransaction) await apply(inTransaction);
    else await this.db.transaction().execute(apply);
  }

  /** The agencies of each of these users (deleted agencies left out); a user with none is absent. */
  async organizationIdsOfUsers(userIds: readonly number[]): Promise<Map<number, string[]>> {
    return membershipsRepository.organizationIdsOfUsers(this.db, userIds);
  }

  /** A user as a staff member, with the agencies they work for; undefined when there is no such account. */
  async memberWithAgencies(userId: number): Promise<{ member: StaffMember; organizationIds: ReadonlySet<string> } | undefined> {
    const member = await membershipsRepository.member(this.db, userId);
    if (!member) return undefined;
    return { member, organizationIds: new Set(await membershipsRepository.organizationIdsOf(this.db, userId)) };
  }

  /**
   * The users whose "to fix" lists the viewer may pick (canSeeToFixListOf): anyone who works for an agency, for
   * administrators; their agencies' staff, for agency managers; none to pick, for case managers.
   */
  async toFixSubjects(viewer: Viewer): Promise<StaffMember[]> {
    if (isAdministrator(viewer)) return membershipsRepository.staffOfAny(this.db, null);
    if (viewer.role !== 'agency_manager') return [];
    return membershipsRepository.staffOfAny(this.db, [...viewer.organizationIds]);
  }

  /** The staff list of an agency, for administrators and that agency's managers. */
  async staffOf(viewer: Viewer, organizationId: string): Promise<StaffMember[]> {
    if (!canSeeStaffOf(viewer, organizationId)) throw new ForbiddenError('Only HMIS administrators and this agency’s managers can see its staff.');
    return membershipsRepository.staffOf(this.db, organizationId);
  }
}
