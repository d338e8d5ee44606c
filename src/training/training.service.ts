import type { Kysely } from 'kysely';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { calendarDate, type Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { AssessmentService } from '../assessments/assessments.service.js';
import type { ClientService } from '../clients/clients.service.js';
import type { EnrollmentService } from '../enrollments/enrollments.service.js';
import { ForbiddenError } from '../errors.js';
import type { ProjectService } from '../projects/projects.service.js';
import type { ProjectSetupService } from '../projects/project-setup.service.js';
import type { SiteId } from '../site-id.js';
import { generateTrainingData, TRAINING_SEED } from './training-data.js';
import { TRAINING_USER_ID } from './catalogue.js';
import type { ShelterService } from '../shelter/shelter.service.js';
import type { ContactService } from '../contacts/contacts.service.js';
import type { CoordinatedEntryService } from '../coordinated-entry/coordinated-entry.service.js';
import { trainingRepository, type RecordCounts } from './training.repository.js';

/** What a reset wrote and kept: shown by the CLI and the admin page, and recorded in the audit log. */
export interface TrainingResetSummary {
  agencies: number;
  projects: number;
  clients: number;
  /** Families and people alone, as they were generated (each may have had several stays). */
  households: number;
  enrollments: number;
  /** Enrollments without an exit: people in a project today. */
  currentEnrollments: number;
  exits: number;
  nearDuplicates: number;
  usersKept: number;
  membershipsKept: number;
  membershipsRemoved: number;
  seed: number;
}

export interface LastTrainingReset {
  at: Date;
  by: string | null;
  summary: Partial<TrainingResetSummary>;
}

export const LIVE_REFUSAL = 'The Live site never holds generated data: training data can only be loaded into the Training site.';

/**
 * Refills the Training site with generated, fictitious data (see training-data.ts): every client, enrollment,
 * exit, project (with its HUD set-up) and agency is replaced, in one transaction. User accounts stay, and so do
 * their agency memberships, because the generated agencies keep their OrganizationIDs. The audit log is
 * append-only and stays too. The Live site refuses, whoever asks.
 */
export class TrainingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly siteId: SiteId,
    private readonly timeZone: string,
    private readonly projects: ProjectService,
    private readonly projectSetup: ProjectSetupService,
    private readonly clients: ClientService,
    private readonly enrollments: EnrollmentService,
    private readonly occurrences: { shelter: ShelterService; contacts: ContactService; coordinatedEntry: CoordinatedEntryService },
    private readonly assessments: AssessmentService,
  ) {}

  /** Whether this site may hold generated data at all. */
  get available(): boolean {
    return this.siteId === 'training';
  }

  async reset(actor: Actor): Promise<TrainingResetSummary> {
    if (!this.available) throw new ForbiddenError(LIVE_REFUSAL);
    const now = this.clock.now();
    const data = generateTrainingData({ today: calendarDate(now, this.timeZone), now });
    const agencyIds = data.organizations.map((o) => o.organizationId);
    return this.db.transaction().execute(async (trx) => {
      await trainingRepository.lockReset(trx);
      await trainingRepository.deleteClientsAndProjects(trx);
      const membershipsRemoved = await trainingRepository.deleteMembershipsExcept(trx, agencyIds);
      await trainingRepository.deleteAgenciesExcept(trx, agencyIds);
      await this.projects.writeGenerated(trx, data.organizations, data.projects);
      await this.projectSetup.writeGenerated(trx, data.setup);
      await this.clients.writeGenerated(trx, data.clients);
      await this.enrollments.writeGenerated(trx, data.enrollments, data.exits);
      await this.occurrences.shelter.writeGenerated(trx, data.occurrences.bedNights);
      await this.occurrences.contacts.writeGenerated(trx, data.occurrences.contacts);
      await this.enrollments.writeOccurrenceDates(trx, data.occurrences.engagements, { userId: null, username: TRAINING_USER_ID, ip: null });
      await this.occurrences.coordinatedEntry.writeGenerated(trx, data.occurrences);
      await this.assessments.writeGenerated(trx, data.stageRecords);
      const summary: TrainingResetSummary = {
        agencies: data.organizations.length,
        projects: data.projects.length,
        clients: data.clients.length,
        households: data.households,
        enrollments: data.enrollments.length,
        currentEnrollments: data.enrollments.length - data.exits.length,
        exits: data.exits.length,
        nearDuplicates: data.nearDuplicates,
        usersKept: await trainingRepository.countUsers(trx),
        membershipsKept: await trainingRepository.countMemberships(trx),
        membershipsRemoved,
        seed: TRAINING_SEED,
      };
      await this.audit.record(trx, { event: 'training.reset', actor, details: { ...summary } });
      return summary;
    });
  }

  /** The most recent reset, from the audit log (null before the first one). */
  async lastReset(): Promise<LastTrainingReset | null> {
    const [entry] = await this.audit.list(this.db, { event: 'training.reset', limit: 1 });
    if (!entry) return null;
    return { at: entry.occurredAt, by: entry.actorUsername, summary: entry.details as Partial<TrainingResetSummary> };
  }

  /** What the site holds now. */
  counts(): Promise<RecordCounts> {
    return trainingRepository.countRecords(this.db);
  }
}
