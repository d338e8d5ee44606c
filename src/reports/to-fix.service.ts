import type { Kysely } from 'kysely';
import { canSeeEnrollmentsOf, canSeeToFixListOf, type Viewer } from '../access/access-policy.js';
import type { AccessService } from '../access/access.service.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { parseDate } from '../clients/client-fields.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { questionsOf } from './questions/index.js';
import type { ReportParams } from './report.model.js';
import { reportRunsRepository } from './report-runs.repository.js';
import { reportsRepository } from './reports.repository.js';
import { yearBefore } from './reports.service.js';
import { TO_FIX_TABLES, toFixIssues } from './to-fix.js';
import type { ToFixClient, ToFixIssue, ToFixList } from './to-fix.model.js';
import { universesByProject } from './universe.js';

/** How long the home page's count is reused before it is computed again (seeing one's own list refreshes it). */
export const OWN_COUNT_TTL_MS = 60_000;

/** The enrollments of a user's list that have something to fix, with the agency that operates each one's project. */
type Flagged = Map<string, { issues: ToFixIssue[]; organizationId: string }>;

/** The flagged enrollments the viewer may see (the access policy's visibility rule); the others are only counted. */
const visibleTo = (viewer: Viewer, flagged: Flagged): string[] =>
  [...flagged].filter(([, f]) => canSeeEnrollmentsOf(viewer, f.organizationId)).map(([id]) => id);

const NOT_YOURS = 'You may see only your own list of records to fix, or those of your agencies’ staff if you manage them.';

/**
 * "To fix" lists (issue 15, item 5). A user's clients are those of the enrollments they recorded (HUD UserID: who
 * entered the enrollment, or last changed its entry answers) that are active in the period. Each such client's
 * problems are the cells of the Data Quality tables that count them, computed per project exactly as the project's
 * Data Quality page computes them (the same questions over the same universe, loaded only for these clients'
 * households): the rules are the questions', never copied here. Who may see whose list, and which clients are named,
 * is the access policy's.
 */
export class ToFixService {
  /** The home page's count per user, with when it was computed: the list's work is not redone on every visit home. */
  private readonly ownCounts = new Map<number, { count: number; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
    private readonly access: AccessService,
  ) {}

  /**
   * The list of `subjectId` (null: the viewer's own) over a period (by default the twelve months to today), naming
   * the clients the viewer may see; audited with counts only.
   */
  async list(viewer: Viewer, actor: Actor, subjectId: number | null, period: { from?: string; to?: string }): Promise<ToFixList> {
    const found = await this.access.memberWithAgencies(subjectId ?? viewer.userId);
    if (!found) throw new NotFoundError('There is no such user.');
    if (!canSeeToFixListOf(viewer, { userId: found.member.userId, organizationIds: found.organizationIds })) throw new ForbiddenError(NOT_YOURS);
    const { from, to } = this.period(period);
    const flagged = await this.flagged(found.member.userId, from, to);
    const visibleIds = visibleTo(viewer, flagged);
    const names = await reportRunsRepository.drillDownClients(this.db, visibleIds);
    const clients: ToFixClient[] = names.map((client) => ({ client, issues: flagged.get(client.enrollmentId)!.issues }));
    const hidden = flagged.size - visibleIds.length;
    if (found.member.userId === viewer.userId && period.from === undefined && period.to === undefined) this.ownCounts.set(viewer.userId, { count: clients.length, at: this.clock.now().getTime() });
    const others = await this.access.toFixSubjects(viewer);
    // The list shown is always among the choices (an administrator of no agency, a former member), so the form keeps it.
    const choices = others.length === 0 || others.some((m) => m.userId === found.member.userId) ? others : [found.member, ...others];
    await this.audit.record(this.db, {
      event: 'report.to_fix_viewed',
      actor,
      subject: { id: found.member.userId, username: found.member.username },
      details: { from, to, listed: clients.length, hidden },
    });
    return { subject: found.member, from, to, clients, hidden, choices };
  }

  /**
   * How many of the viewer's own clients have something to fix over the last twelve months (the home page's link):
   * the list's own count, computed again once it is a minute old (seeing one's own list also refreshes it).
   * A record fixed a moment ago may so still be counted for up to a minute; the list itself is always computed live.
   */
  async countOwn(viewer: Viewer): Promise<number> {
    const now = this.clock.now().getTime();
    const kept = this.ownCounts.get(viewer.userId);
    if (kept && now - kept.at >= 0 && now - kept.at < OWN_COUNT_TTL_MS) return kept.count;
    const { from, to } = this.period({});
    const flagged = await this.flagged(viewer.userId, from, to);
    const count = visibleTo(viewer, flagged).length;
    this.ownCounts.set(viewer.userId, { count, at: now });
    return count;
  }

  private period(period: { from?: string; to?: string }): { from: string; to: string } {
    const today = calendarDate(this.clock.now(), this.timeZone);
    const from = parseDate((period.from ?? yearBefore(today)).trim());
    const to = parseDate((period.to ?? today).trim());
    const errors: Record<string, string[]> = {};
    if (!from) errors.from = ['Enter the first day as a real date, like 10/01/2025.'];
    if (!to) errors.to = ['Enter the last day as a real date, like 09/30/2026.'];
    else if (from && to < from) errors.to = ['The period must end on or after its first day.'];
    if (Object.keys(errors).length > 0) throw new ValidationError(`This period cannot be shown: ${Object.values(errors).flat().join(' ')}`, errors);
    return { from: from!, to: to! };
  }

  /** The user's enrollments active in the period that a Data Quality table flags: one query, then one load of 12. */
  private async flagged(userId: number, from: string, to: string): Promise<Flagged> {
    const recordedBy = String(userId);
    const theirs = await reportsRepository.enrollmentsRecordedBy(this.db, recordedBy, from, to);
    const out: Flagged = new Map();
    if (theirs.length === 0) return out;
    const own = new Set(theirs.map((e) => e.enrollmentId));
    const params: ReportParams = { kind: 'dq', from, to, projectIds: [...new Set(theirs.map((e) => e.projectId))].sort(), cocCode: null };
    const records = await reportsRepository.loadRecords(this.db, params, this.timeZone, recordedBy);
    const questions = questionsOf('dq').filter((q) => q.id in TO_FIX_TABLES);
    for (const universe of universesByProject(records, params, this.clock.now()).values()) {
      const project = [...universe.projects.values()][0]!;
      const projectParams = { ...params, projectIds: [project.projectId] };
      const issues = toFixIssues(questions.map((q) => q.compute(universe, projectParams)));
      for (const [enrollmentId, list] of issues) {
        if (own.has(enrollmentId)) out.set(enrollmentId, { issues: list, organizationId: project.organizationId });
      }
    }
    return out;
  }
}
