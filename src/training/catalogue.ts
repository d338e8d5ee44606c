import { createHash } from 'node:crypto';
import type { HousingTypeCode, ProjectTypeCode, RrhSubTypeCode } from '../hud/code-lists.js';
import type { Organization, Project } from '../projects/projects.model.js';
import { housingTypeRequired } from '../projects/projects.service.js';
import { addYears, firstOfMonth } from './calendar.js';

/**
 * The fictitious agencies and projects of the Training site. Their ids are derived from fixed keys, not
 * drawn at random, so they are the same after every reset: a trainee's agency memberships survive it.
 */

/** HUD's UserID on every generated row: who "entered" it. */
export const TRAINING_USER_ID = 'training-data';

/** A stable 32-hex id for a generated record (HUD ids are at most 32 characters). */
export function trainingId(kind: string, key: string | number): string {
  return createHash('sha256').update(`hearth-training:${kind}:${key}`).digest('hex').slice(0, 32);
}

interface AgencySpec {
  key: string;
  name: string;
  commonName: string;
}

/** Who a project serves, for choosing where a generated household goes. */
export type Serves = 'singles' | 'families' | 'all';

export interface ProjectSpec {
  key: string;
  agency: string;
  name: string;
  projectType: ProjectTypeCode;
  rrhSubType: RrhSubTypeCode | null;
  /** Used when HUD requires a housing type for this project type (see housingTypeRequired). */
  housingType: HousingTypeCode;
  continuumProject: 0 | 1;
  /** Operating since the first of the month this many years ago. */
  startYearsAgo: number;
  /** Old project data: closed this many months ago. */
  endedMonthsAgo: number | null;
  serves: Serves;
  /** Youth projects: nobody older at entry. */
  maxAge: number | null;
}

const AGENCIES: readonly AgencySpec[] = [
  { key: 'fernbrook', name: 'Fernbrook Shelter Network', commonName: 'Fernbrook (fictitious)' },
  { key: 'kestrel', name: 'Kestrel Valley Housing Alliance', commonName: 'Kestrel Valley (fictitious)' },
  { key: 'copperleaf', name: 'Copperleaf Supportive Housing', commonName: 'Copperleaf (fictitious)' },
  { key: 'driftwood', name: 'Driftwood Street Outreach Collective', commonName: 'Driftwood (fictitious)' },
  { key: 'bramblewood', name: 'Bramblewood Community Services', commonName: 'Bramblewood (fictitious)' },
  { key: 'tallgrass', name: 'Tallgrass Coordinated Entry Hub', commonName: 'Tallgrass (fictitious)' },
];

const P = (spec: Omit<ProjectSpec, 'rrhSubType' | 'housingType' | 'continuumProject' | 'endedMonthsAgo' | 'maxAge'> & Partial<ProjectSpec>): ProjectSpec => ({
  rrhSubType: null,
  housingType: 1,
  continuumProject: 1,
  endedMonthsAgo: null,
  maxAge: null,
  ...spec,
});

export const PROJECTS: readonly ProjectSpec[] = [
  P({ key: 'fernbrook-es', agency: 'fernbrook', name: 'Fernbrook Emergency Shelter', projectType: 0, housingType: 1, startYearsAgo: 12, serves: 'all' }),
  P({ key: 'fernbrook-winter', agency: 'fernbrook', name: 'Fernbrook Winter Night Shelter', projectType: 1, housingType: 1, startYearsAgo: 7, serves: 'singles' }),
  P({ key: 'fernbrook-youth', agency: 'fernbrook', name: 'Fernbrook Youth Shelter (closed)', projectType: 0, housingType: 1, startYearsAgo: 9, endedMonthsAgo: 18, serves: 'singles', maxAge: 24 }),
  P({ key: 'kestrel-th', agency: 'kestrel', name: 'Kestrel Transitional Housing', projectType: 2, housingType: 2, startYearsAgo: 10, serves: 'all' }),
  P({ key: 'kestrel-rrh-services', agency: 'kestrel', name: 'Kestrel Rapid Re-Housing – Services', projectType: 13, rrhSubType: 1, startYearsAgo: 6, serves: 'all' }),
  P({ key: 'kestrel-rrh', agency: 'kestrel', name: 'Kestrel Rapid Re-Housing', projectType: 13, rrhSubType: 2, housingType: 3, startYearsAgo: 8, serves: 'all' }),
  P({ key: 'copperleaf-psh', agency: 'copperleaf', name: 'Copperleaf Scattered-Site PSH', projectType: 3, housingType: 3, startYearsAgo: 11, serves: 'all' }),
  P({ key: 'copperleaf-commons', agency: 'copperleaf', name: 'Copperleaf Commons PSH', projectType: 3, housingType: 1, startYearsAgo: 6, serves: 'singles' }),
  P({ key: 'copperleaf-bridge', agency: 'copperleaf', name: 'Copperleaf Bridge Housing (closed)', projectType: 2, housingType: 2, startYearsAgo: 8, endedMonthsAgo: 10, serves: 'all' }),
  P({ key: 'driftwood-outreach', agency: 'driftwood', name: 'Driftwood Street Outreach', projectType: 4, startYearsAgo: 9, serves: 'singles' }),
  P({ key: 'driftwood-haven', agency: 'driftwood', name: 'Driftwood Safe Haven', projectType: 8, housingType: 1, startYearsAgo: 7, serves: 'singles' }),
  P({ key: 'driftwood-day', agency: 'driftwood', name: 'Driftwood Day Center', projectType: 11, continuumProject: 0, startYearsAgo: 5, serves: 'singles' }),
  P({ key: 'bramblewood-sso', agency: 'bramblewood', name: 'Bramblewood Case Management', projectType: 6, startYearsAgo: 10, serves: 'all' }),
  P({ key: 'bramblewood-hp', agency: 'bramblewood', name: 'Bramblewood Homelessness Prevention', projectType: 12, startYearsAgo: 6, serves: 'all' }),
  P({ key: 'tallgrass-ce', agency: 'tallgrass', name: 'Tallgrass Coordinated Entry', projectType: 14, startYearsAgo: 7, serves: 'all' }),
];

/** A project with its operating dates worked out for the current today. */
export interface CatalogueProject {
  spec: ProjectSpec;
  projectId: string;
  organizationId: string;
  start: string;
  end: string | null;
}

export function organizationIdOf(agencyKey: string): string {
  return trainingId('organization', agencyKey);
}

export function catalogueProjects(today: string): CatalogueProject[] {
  return PROJECTS.map((spec) => ({
    spec,
    projectId: trainingId('project', spec.key),
    organizationId: organizationIdOf(spec.agency),
    start: firstOfMonth(addYears(today, -spec.startYearsAgo)),
    // Closed on the first of the month, that many months ago.
    end: spec.endedMonthsAgo === null ? null : firstOfMonth(today, -spec.endedMonthsAgo),
  }));
}

export function catalogueOrganizations(now: Date): Organization[] {
  return AGENCIES.map((agency) => ({
    organizationId: organizationIdOf(agency.key),
    organizationName: agency.name,
    organizationCommonName: agency.commonName,
    victimServiceProvider: 0,
    dateCreated: now,
    dateUpdated: now,
    userId: TRAINING_USER_ID,
  }));
}

export function projectsOf(projects: readonly CatalogueProject[], now: Date): Project[] {
  return projects.map(({ spec, projectId, organizationId, start, end }) => ({
    projectId,
    organizationId,
    projectName: spec.name,
    projectCommonName: null,
    operatingStartDate: start,
    operatingEndDate: end,
    continuumProject: spec.continuumProject,
    projectType: spec.projectType,
    housingType: housingTypeRequired(spec.projectType, spec.rrhSubType) ? spec.housingType : null,
    rrhSubType: spec.rrhSubType,
    residentialAffiliation: null,
    // Not collected by Hearth's project form either.
    targetPopulation: null,
    hopwaMedAssistedLivingFac: null,
    pitCount: null,
    dateCreated: now,
    dateUpdated: now,
    userId: TRAINING_USER_ID,
  }));
}
