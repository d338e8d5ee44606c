import path from 'node:path';
import type { Kysely } from 'kysely';
import { AccountService } from '../accounts/accounts.service.js';
import { UserService } from '../accounts/users.service.js';
import { AuditLog } from '../audit/audit-log.js';
import { LoginService } from '../auth/login/login.service.js';
import { PasswordService } from '../auth/password/password.service.js';
import { ResetService } from '../auth/reset/reset.service.js';
import { SessionService } from '../auth/session/session.service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { Mailer } from '../mail/mailer.js';
import { loadSealerKey, Sealer } from '../mail/sealer.js';
import { createMailTransport, type MailTransport } from '../mail/transport.js';
import { MailWorker, type MailWorkerLog } from '../mail/worker.js';
import { DatabaseAttemptCounter, type AttemptCounter } from '../auth/throttle/attempt-counter.js';
import { Throttle } from '../auth/throttle/throttle.js';
import { DeviceService } from '../auth/devices/device.service.js';
import { SignInFlow } from '../auth/login/sign-in-flow.js';
import { SecondFactorService } from '../auth/second-factor/second-factor.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { ProjectService } from '../projects/projects.service.js';
import { ProjectSetupService } from '../projects/project-setup.service.js';
import { ClientService } from '../clients/clients.service.js';
import { AccessService } from '../access/access.service.js';
import { EnrollmentService } from '../enrollments/enrollments.service.js';
import { TrainingService } from '../training/training.service.js';
import { HudCsvExportService, implementationIdOf } from '../exchange/hud-csv-export.service.js';
import { HudCsvImportService } from '../exchange/import/hud-csv-import.service.js';
import { HudCsvImportUploads } from '../exchange/import/hud-csv-import-uploads.service.js';
import { ShelterService } from '../shelter/shelter.service.js';
import { AssessmentService } from '../assessments/assessments.service.js';
import { ExportJobService } from '../exports/export-jobs.service.js';
import { ExportWorker } from '../exports/export-worker.js';
import { ReportService } from '../reports/reports.service.js';
import { ToFixService } from '../reports/to-fix.service.js';
import { ReportWorker } from '../reports/report-worker.js';
import { siteDataDir } from '../db/database.js';
import { MoveInService } from '../move-in/move-in.service.js';
import { ContactService } from '../contacts/contacts.service.js';
import { CoordinatedEntryService } from '../coordinated-entry/coordinated-entry.service.js';
import { SITE_NAMES, type SiteId } from '../site-id.js';

/** Everything one site (Training or Live) needs, wired to that site's own database. */
export interface SiteServices {
  id: SiteId;
  name: string;
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  audit: AuditLog;
  mailer: Mailer;
  sealer: Sealer;
  sessions: SessionService;
  passwords: PasswordService;
  login: LoginService;
  reset: ResetService;
  accounts: AccountService;
  throttle: Throttle;
  settings: SettingsService;
  secondFactors: SecondFactorService;
  devices: DeviceService;
  signIn: SignInFlow;
  projects: ProjectService;
  /** A project's HUD set-up records: CoCs, funders, inventory, affiliations, HMIS and CE participation. */
  projectSetup: ProjectSetupService;
  clients: ClientService;
  /** Who works for which agency, and the viewer the access policy (src/access/access-policy.ts) judges. */
  access: AccessService;
  /** Households, enrollments and exits (HUD Enrollment.csv and Exit.csv). */
  enrollments: EnrollmentService;
  /** 4.14 bed nights and the check-in screen of night-by-night shelters. */
  shelter: ShelterService;
  /** The stage-based elements of a household: income, benefits, insurance, disabilities, domestic violence. */
  assessments: AssessmentService;
  /** 3.20 housing move-in dates of permanent housing projects. */
  moveIn: MoveInService;
  /** 4.12 current living situation contacts and 4.13 dates of engagement. */
  contacts: ContactService;
  /** 4.19 coordinated entry assessments and 4.20 events. */
  coordinatedEntry: CoordinatedEntryService;
  /** Refilling the Training site with generated data (the Live site refuses). */
  training: TrainingService;
  /** HUD HMIS CSV exports (src/exchange/). */
  hudExports: HudCsvExportService;
  /** The Exports page's background exports (run by the server's export worker). */
  exportJobs: ExportJobService;
  /** HUD HMIS CSV imports (src/exchange/import/). */
  hudImports: HudCsvImportService;
  /** The Import page's uploads: the zip kept privately until it is imported or abandoned. */
  hudImportUploads: HudCsvImportUploads;
  /** HUD reports (APR, CAPER, Data Quality) from live data, computed by the server's report worker. */
  reports: ReportService;
  /** Each user's "to fix" list: the data-quality problems of the clients whose enrollments they recorded. */
  toFix: ToFixService;
}

export function createSiteServices(options: {
  id: SiteId;
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  sealer: Sealer;
  onMailQueued?: () => void;
  onExportQueued?: () => void;
  onReportQueued?: () => void;
  /** Where attempt counters live; the site's database unless Redis is configured. */
  counter?: AttemptCounter;
}): SiteServices {
  const { id, db, config, clock, sealer } = options;
  const audit = new AuditLog(id, clock);
  const mailer = new Mailer(sealer, clock, options.onMailQueued, id);
  const users = new UserService(db);
  const sessions = new SessionService(db, clock, config, audit);
  const throttle = new Throttle(options.counter ?? new DatabaseAttemptCounter(db, clock), config);
  const settings = new SettingsService(db, clock, audit);
  const secondFactors = new SecondFactorService(db, clock, config, audit, mailer, sealer, settings, id, users, sessions);
  const devices = new DeviceService(clock, config, audit, mailer, id);
  const signIn = new SignInFlow(clock, sessions, secondFactors, settings, devices);
  const passwords = new PasswordService(db, clock, config, audit, mailer, id, users, sessions, signIn);
  const reset = new ResetService(db, id, clock, config, audit, mailer, passwords, throttle, users);
  const access = new AccessService(db, clock, audit);
  // Projects ask enrollments about stays (given late, so the two can be built in either order).
  const projects = new ProjectService(db, clock, audit, config.timeZone, () => enrollments);
  const projectSetup = new ProjectSetupService(db, clock, audit, () => enrollments);
  // Clients ask enrollments about a client's stays (the date of birth, age at entry), given late like projects.
  const clients = new ClientService(db, clock, audit, config.timeZone, () => enrollments, { anyFullSsnMatches: id === 'training' });
  const enrollments: EnrollmentService = new EnrollmentService(db, clock, audit, config.timeZone, projects);
  const hudExports = new HudCsvExportService(db, clock, audit, config.timeZone, implementationIdOf(config.publicUrl, id));
  const exportsDir = path.join(siteDataDir(config, id), 'exports');
  const hudImports = new HudCsvImportService(db, clock, audit, config.timeZone, clients);
  const shelter = new ShelterService(db, clock, audit, config.timeZone, enrollments, projectSetup);
  const contacts = new ContactService(db, clock, audit, config.timeZone, enrollments, projectSetup);
  const assessments = new AssessmentService(db, clock, audit, config.timeZone, enrollments, projectSetup);
  const coordinatedEntry = new CoordinatedEntryService(db, clock, audit, config.timeZone, enrollments, projectSetup);
  return {
    id,
    name: SITE_NAMES[id],
    db,
    config,
    clock,
    audit,
    mailer,
    sealer,
    sessions,
    passwords,
    login: new LoginService(db, clock, config, audit, sessions, throttle, secondFactors, signIn, mailer, users, id),
    reset,
    accounts: new AccountService(db, clock, config, audit, access, sessions, reset),
    throttle,
    settings,
    secondFactors,
    devices,
    signIn,
    projects,
    projectSetup,
    clients,
    access,
    enrollments,
    shelter,
    assessments,
    moveIn: new MoveInService(db, clock, audit, config.timeZone, enrollments, projectSetup),
    contacts,
    coordinatedEntry,
    training: new TrainingService(db, clock, audit, id, config.timeZone, projects, projectSetup, clients, enrollments, { shelter, contacts, coordinatedEntry }, assessments),
    hudExports,
    exportJobs: new ExportJobService(db, clock, audit, hudExports, access, users, exportsDir, options.onExportQueued),
    hudImports,
    hudImportUploads: new HudCsvImportUploads(hudImports, path.join(siteDataDir(config, id), 'imports'), clock),
    reports: new ReportService(db, clock, audit, config.timeZone, options.onReportQueued),
    toFix: new ToFixService(db, clock, audit, config.timeZone, access),
  };
}

export function siteSealer(config: Config, siteDir: string): Sealer {
  return new Sealer(loadSealerKey({ secret: config.secretKey, keyFile: path.join(siteDir, 'mail-outbox.key') }));
}

/** A site's services plus its mail worker, started and stopped together. */
export interface RunningSite {
  services: SiteServices;
  worker: MailWorker;
  exportWorker: ExportWorker;
  reportWorker: ReportWorker;
  stop(): Promise<void>;
}

export function startSite(options: {
  id: SiteId;
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  siteDir: string;
  log: MailWorkerLog;
  transport?: MailTransport;
  pollMs?: number;
  counter?: AttemptCounter;
}): RunningSite {
  const { config } = options;
  const sealer = siteSealer(config, options.siteDir);
  const transport =
    options.transport ??
    createMailTransport({ smtpUrl: config.smtpUrl, mailDir: path.join(options.siteDir, 'mail'), log: options.log });
  let worker!: MailWorker;
  let exportWorker!: ExportWorker;
  let reportWorker!: ReportWorker;
  const services = createSiteServices({
    ...options,
    sealer,
    onMailQueued: () => worker.nudge(),
    onExportQueued: () => exportWorker.nudge(),
    onReportQueued: () => reportWorker.nudge(),
  });
  exportWorker = new ExportWorker(services.exportJobs, options.log, options.pollMs, [services.hudImportUploads]);
  exportWorker.start();
  reportWorker = new ReportWorker(services.reports, options.log, options.pollMs);
  reportWorker.start();
  worker = new MailWorker({
    db: options.db,
    sealer,
    transport,
    clock: options.clock,
    from: config.mailFrom,
    log: options.log,
    pollMs: options.pollMs,
  });
  worker.start();
  return {
    services,
    worker,
    exportWorker,
    reportWorker,
    stop: async () => {
      await reportWorker.stop();
      await exportWorker.stop();
      await worker.stop();
      transport.close();
    },
  };
}
