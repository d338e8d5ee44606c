import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { collectingProjectOn } from '../hud/collecting-project.js';
import { collects, type ProgramElement } from '../hud/collection-rules.js';
import type { ProjectSetupService } from '../projects/project-setup.service.js';
import type { Funder } from '../projects/project-setup.model.js';
import type { EnrollmentDetail } from './enrollments.model.js';
import type { EnrollmentService } from './enrollments.service.js';

/** A funding source as the collection rules need it (2.06: funder code and grant period). */
export type Funding = Pick<Funder, 'funder' | 'startDate' | 'endDate'>;

/**
 * The funders of a detail's project, read once for that detail: the enrollment page's sections (move-in, bed
 * nights, contacts, coordinated entry, each its own service) all ask, for the same detail object, within one
 * request. A detail lives for one request, so this never serves funders older than the page.
 */
const fundersByDetail = new WeakMap<EnrollmentDetail, Promise<Funding[]>>();

function fundersOfDetail(detail: EnrollmentDetail, read: (projectId: string) => Promise<Funding[]>): Promise<Funding[]> {
  let funders = fundersByDetail.get(detail);
  if (!funders) {
    funders = read(detail.project.projectId);
    fundersByDetail.set(detail, funders);
    // A failed read is not kept: the next asker reads again.
    funders.catch(() => fundersByDetail.delete(detail));
  }
  return funders;
}

/**
 * What every service of the records that hang off an enrollment starts from (stage assessments, contacts and
 * engagement, coordinated entry, move-in, bed nights): the site's database, clock, audit log and time zone, the
 * enrollments service that decides who may see and change an enrollment (the access policy's rule), the
 * project set-up that holds the funders HUD's collection rules read, and HUD's 32-character ids.
 */
export abstract class EnrollmentRecordService {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly clock: Clock,
    protected readonly audit: AuditLog,
    protected readonly timeZone: string,
    protected readonly enrollments: EnrollmentService,
    protected readonly projectSetup: ProjectSetupService,
    /** HUD ids are at most 32 characters: 16 random bytes in hex. */
    protected readonly newId: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** Today in the site's time zone, YYYY-MM-DD. */
  today(): string {
    return calendarDate(this.clock.now(), this.timeZone);
  }

  /** The project's funding sources: read before any transaction (the project set-up service reads outside it). */
  async fundersOf(projectId: string): Promise<Funding[]> {
    return this.projectSetup.funders(projectId);
  }

  /** Whether the enrollment's project collects the element, under its funders open on the entry date. */
  protected async collectsAtEntry(detail: EnrollmentDetail, element: ProgramElement): Promise<boolean> {
    const funders = await fundersOfDetail(detail, (projectId) => this.fundersOf(projectId));
    return collects(collectingProjectOn(detail.project.projectType, funders, detail.enrollment.entryDate), element);
  }
}
