import { createHash } from 'node:crypto';
import type { HousingTypeCode, ProjectTypeCode, RrhSubTypeCode } from '../hud/code-lists.js';
import type { AvailabilityCode, BedTypeCode, FunderCode, GeographyTypeCode, HouseholdTypeCode } from '../hud/project-code-lists.js';
import type { Organization, Project } from '../projects/projects.model.js';
import type { CeService } from '../projects/project-setup-fields.js';
import { BED_CATEGORIES, type BedCategory, type ProjectSetupRecords } from '../projects/project-setup.model.js';
import { asksResidentialAffiliation, collectsInventory, housingTypeRequired, isEmergencyShelter } from '../projects/projects.service.js';
import { addDays, addYears, firstOfMonth, maxDate } from './calendar.js';

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
  /** The agency's fictitious street address, where its projects are (2.03). */
  address: string;
  geographyType: GeographyTypeCode;
}

/**
 * The Training site's one Continuum of Care. `XX` is no state's postal code, so the code (HUD's format: two
 * letters, a dash, three digits) cannot be mistaken for a real CoC; the geocode, city, state and ZIP are as
 * fictitious (ZIP codes 000xx are not assigned).
 */
export const TRAINING_COC = { cocCode: 'XX-501', geocode: '990501', city: 'Marrow Bay', state: 'XX', zip: '00042' } as const;

/** A funding source of a project (2.06), one grant after another while the project runs. */
interface FunderSpec {
  funder: FunderCode;
  /** With 46 "Local or Other Funding Source". */
  otherFunder?: string;
  /** The grant identifier, without the year each renewal adds. */
  grant: string;
}

/** One household type's beds and units (2.07). */
interface BedSpec {
  householdType: HouseholdTypeCode;
  beds: Partial<Record<BedCategory, number>>;
  units: number;
}

/** 2.09: how the project takes part in coordinated entry. */
interface CeSpec {
  accessPoint: 0 | 1;
  services: readonly CeService[];
  receivesReferrals: 0 | 1;
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
  funders: readonly FunderSpec[];
  /** Residential projects: their inventory. */
  beds: readonly BedSpec[];
  /** Emergency shelters: 2.07.5 and 2.07.6. */
  shelterBeds: { bedType: BedTypeCode; availability: AvailabilityCode } | null;
  ce: CeSpec;
  /** Services-only projects: the keys of the residential projects they are affiliated with (2.02.B/C). */
  affiliatedWith: readonly string[];
}

const AGENCIES: readonly AgencySpec[] = [
  { key: 'fernbrook', name: 'Fernbrook Shelter Network', commonName: 'Fernbrook (fictitious)', address: '14 Fernbrook Lane', geographyType: 1 },
  { key: 'kestrel', name: 'Kestrel Valley Housing Alliance', commonName: 'Kestrel Valley (fictitious)', address: '220 Kestrel Valley Road', geographyType: 2 },
  { key: 'copperleaf', name: 'Copperleaf Supportive Housing', commonName: 'Copperleaf (fictitious)', address: '9 Copperleaf Court', geographyType: 1 },
  { key: 'driftwood', name: 'Driftwood Street Outreach Collective', commonName: 'Driftwood (fictitious)', address: '301 Driftwood Pier Street', geographyType: 1 },
  { key: 'bramblewood', name: 'Bramblewood Community Services', commonName: 'Bramblewood (fictitious)', address: '77 Bramblewood Highway', geographyType: 3 },
  { key: 'tallgrass', name: 'Tallgrass Coordinated Entry Hub', commonName: 'Tallgrass (fictitious)', address: '5 Tallgrass Square', geographyType: 1 },
];

// CoC- and ESG-funded components as HUD pairs them with project types (hud-psde-rules.md §3.1), a few
// non-HUD funders (HHS PATH and RHY, local money) and the coordinated entry roles each kind of project plays.
const COC_GRANT = (component: string) => `XX0${component}L9X501`;
const ESG_GRANT = 'E-MC-XX-0501';
const REFERRALS_ONLY: CeSpec = { accessPoint: 0, services: [], receivesReferrals: 1 };
const NOT_IN_CE: CeSpec = { accessPoint: 0, services: [], receivesReferrals: 0 };

const P = (
  spec: Omit<ProjectSpec, 'rrhSubType' | 'housingType' | 'continuumProject' | 'endedMonthsAgo' | 'maxAge' | 'beds' | 'shelterBeds' | 'ce' | 'affiliatedWith'> & Partial<ProjectSpec>,
): ProjectSpec => ({
  rrhSubType: null,
  housingType: 1,
  continuumProject: 1,
  endedMonthsAgo: null,
  maxAge: null,
  beds: [],
  shelterBeds: null,
  ce: REFERRALS_ONLY,
  affiliatedWith: [],
  ...spec,
});

export const PROJECTS: readonly ProjectSpec[] = [
  P({
    key: 'fernbrook-es',
    agency: 'fernbrook',
    name: 'Fernbrook Emergency Shelter',
    projectType: 0,
    housingType: 1,
    startYearsAgo: 12,
    serves: 'all',
    funders: [{ funder: 8, grant: ESG_GRANT }, { funder: 46, otherFunder: 'Marrow Bay Community Foundation (fictitious)', grant: 'MBCF-SHELTER' }],
    beds: [
      { householdType: 1, beds: { vetBedInventory: 4, otherBedInventory: 36 }, units: 40 },
      { householdType: 3, beds: { otherBedInventory: 24 }, units: 8 },
    ],
    shelterBeds: { bedType: 1, availability: 1 },
    ce: { accessPoint: 1, services: ['crisisAssessment'], receivesReferrals: 1 },
  }),
  P({
    key: 'fernbrook-winter',
    agency: 'fernbrook',
    name: 'Fernbrook Winter Night Shelter',
    projectType: 1,
    housingType: 1,
    startYearsAgo: 7,
    serves: 'singles',
    funders: [{ funder: 8, grant: `${ESG_GRANT}-WINTER` }],
    beds: [{ householdType: 1, beds: { otherBedInventory: 30 }, units: 30 }],
    shelterBeds: { bedType: 1, availability: 2 },
  }),
  P({
    key: 'fernbrook-youth',
    agency: 'fernbrook',
    name: 'Fernbrook Youth Shelter (closed)',
    projectType: 0,
    housingType: 1,
    startYearsAgo: 9,
    endedMonthsAgo: 18,
    serves: 'singles',
    maxAge: 24,
    funders: [{ funder: 22, grant: 'RHY-BCP-XX-0501' }],
    beds: [{ householdType: 1, beds: { youthBedInventory: 12 }, units: 12 }],
    shelterBeds: { bedType: 1, availability: 1 },
  }),
  P({
    key: 'kestrel-th',
    agency: 'kestrel',
    name: 'Kestrel Transitional Housing',
    projectType: 2,
    housingType: 2,
    startYearsAgo: 10,
    serves: 'all',
    funders: [{ funder: 5, grant: COC_GRANT('105') }],
    beds: [
      { householdType: 1, beds: { youthBedInventory: 6, otherBedInventory: 14 }, units: 20 },
      { householdType: 3, beds: { otherBedInventory: 30 }, units: 10 },
    ],
  }),
  P({
    key: 'kestrel-rrh-services',
    agency: 'kestrel',
    name: 'Kestrel Rapid Re-Housing – Services',
    projectType: 13,
    rrhSubType: 1,
    startYearsAgo: 6,
    serves: 'all',
    funders: [{ funder: 3, grant: COC_GRANT('113') }],
    affiliatedWith: ['kestrel-rrh'],
  }),
  P({
    key: 'kestrel-rrh',
    agency: 'kestrel',
    name: 'Kestrel Rapid Re-Housing',
    projectType: 13,
    rrhSubType: 2,
    housingType: 3,
    startYearsAgo: 8,
    serves: 'all',
    funders: [{ funder: 3, grant: COC_GRANT('114') }, { funder: 10, grant: `${ESG_GRANT}-RRH` }],
    beds: [
      { householdType: 1, beds: { otherBedInventory: 18 }, units: 18 },
      { householdType: 3, beds: { otherBedInventory: 45 }, units: 15 },
    ],
  }),
  P({
    key: 'copperleaf-psh',
    agency: 'copperleaf',
    name: 'Copperleaf Scattered-Site PSH',
    projectType: 3,
    housingType: 3,
    startYearsAgo: 11,
    serves: 'all',
    funders: [{ funder: 2, grant: COC_GRANT('102') }],
    beds: [
      { householdType: 1, beds: { chVetBedInventory: 5, chBedInventory: 20, otherBedInventory: 15 }, units: 40 },
      { householdType: 3, beds: { chBedInventory: 12, otherBedInventory: 18 }, units: 10 },
    ],
  }),
  P({
    key: 'copperleaf-commons',
    agency: 'copperleaf',
    name: 'Copperleaf Commons PSH',
    projectType: 3,
    housingType: 1,
    startYearsAgo: 6,
    serves: 'singles',
    funders: [{ funder: 2, grant: COC_GRANT('202') }, { funder: 46, otherFunder: 'Marrow Bay Housing Trust Fund (fictitious)', grant: 'MBHTF-COMMONS' }],
    beds: [{ householdType: 1, beds: { chVetBedInventory: 4, vetBedInventory: 6, chBedInventory: 30, otherBedInventory: 20 }, units: 60 }],
  }),
  P({
    key: 'copperleaf-bridge',
    agency: 'copperleaf',
    name: 'Copperleaf Bridge Housing (closed)',
    projectType: 2,
    housingType: 2,
    startYearsAgo: 8,
    endedMonthsAgo: 10,
    serves: 'all',
    funders: [{ funder: 5, grant: COC_GRANT('205') }],
    beds: [
      { householdType: 1, beds: { otherBedInventory: 10 }, units: 10 },
      { householdType: 3, beds: { otherBedInventory: 16 }, units: 5 },
    ],
  }),
  P({
    key: 'driftwood-outreach',
    agency: 'driftwood',
    name: 'Driftwood Street Outreach',
    projectType: 4,
    startYearsAgo: 9,
    serves: 'singles',
    funders: [{ funder: 11, grant: `${ESG_GRANT}-SO` }, { funder: 21, grant: 'PATH-XX-0501' }],
    ce: { accessPoint: 1, services: ['crisisAssessment', 'housingAssessment'], receivesReferrals: 0 },
  }),
  P({
    key: 'driftwood-haven',
    agency: 'driftwood',
    name: 'Driftwood Safe Haven',
    projectType: 8,
    housingType: 1,
    startYearsAgo: 7,
    serves: 'singles',
    funders: [{ funder: 6, grant: COC_GRANT('108') }],
    beds: [{ householdType: 1, beds: { chBedInventory: 10, otherBedInventory: 8 }, units: 18 }],
  }),
  P({
    key: 'driftwood-day',
    agency: 'driftwood',
    name: 'Driftwood Day Center',
    projectType: 11,
    continuumProject: 0,
    startYearsAgo: 5,
    serves: 'singles',
    funders: [{ funder: 46, otherFunder: 'Marrow Bay City General Fund (fictitious)', grant: 'MB-GF-DAY' }],
    ce: NOT_IN_CE,
  }),
  P({
    key: 'bramblewood-sso',
    agency: 'bramblewood',
    name: 'Bramblewood Case Management',
    projectType: 6,
    startYearsAgo: 10,
    serves: 'all',
    funders: [{ funder: 4, grant: COC_GRANT('104') }],
    affiliatedWith: ['copperleaf-psh', 'kestrel-th'],
  }),
  P({
    key: 'bramblewood-hp',
    agency: 'bramblewood',
    name: 'Bramblewood Homelessness Prevention',
    projectType: 12,
    startYearsAgo: 6,
    serves: 'all',
    funders: [{ funder: 9, grant: `${ESG_GRANT}-HP` }],
    ce: { accessPoint: 1, services: ['preventionAssessment'], receivesReferrals: 1 },
  }),
  P({
    key: 'tallgrass-ce',
    agency: 'tallgrass',
    name: 'Tallgrass Coordinated Entry',
    projectType: 14,
    startYearsAgo: 7,
    serves: 'all',
    funders: [{ funder: 4, grant: COC_GRANT('314') }],
    ce: { accessPoint: 1, services: ['preventionAssessment', 'crisisAssessment', 'housingAssessment', 'directServices'], receivesReferrals: 0 },
  }),
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
    residentialAffiliation: asksResidentialAffiliation(spec.projectType, spec.rrhSubType) ? (spec.affiliatedWith.length > 0 ? 1 : 0) : null,
    // No Training project targets survivors of domestic violence or people with HIV, and none is HOPWA-funded.
    targetPopulation: 4,
    hopwaMedAssistedLivingFac: 2,
    // The HIC fills it, on the night of the count.
    pitCount: null,
    dateCreated: now,
    dateUpdated: now,
    userId: TRAINING_USER_ID,
  }));
}

/**
 * Grants run for a year from July (HUD's usual grant year): a project still operating has had its first grant
 * from its start until last June, and a renewal running since; a closed project had one grant until it closed.
 */
function grantPeriods(start: string, end: string | null, today: string): { startDate: string; endDate: string | null }[] {
  if (end !== null) return [{ startDate: start, endDate: end }];
  const year = Number(today.slice(0, 4)) - (today.slice(5) >= '07-01' ? 0 : 1);
  const renewal = `${year}-07-01`;
  if (renewal <= start) return [{ startDate: start, endDate: null }];
  return [
    { startDate: start, endDate: addDays(renewal, -1) },
    { startDate: renewal, endDate: null },
  ];
}

/**
 * Every project's HUD set-up, consistent with the rules the project set-up service enforces: a 2.03 record for
 * the Training CoC; its funders, grant by grant; inventory for residential projects, within the operating
 * dates; one HMIS participation and one coordinated entry participation record over the whole operating
 * period; and the affiliations of the services-only projects.
 */
export function setupOf(projects: readonly CatalogueProject[], today: string, now: Date): ProjectSetupRecords {
  const records: ProjectSetupRecords = { cocs: [], funders: [], inventories: [], affiliations: [], hmisParticipations: [], ceParticipations: [] };
  const made = { dateCreated: now, dateUpdated: now, userId: TRAINING_USER_ID };
  const byKey = new Map(projects.map((p) => [p.spec.key, p]));
  for (const { spec, projectId, start, end } of projects) {
    const agency = AGENCIES.find((a) => a.key === spec.agency)!;
    records.cocs.push({
      projectCocId: trainingId('project-coc', spec.key),
      projectId,
      cocCode: TRAINING_COC.cocCode,
      geocode: TRAINING_COC.geocode,
      address1: agency.address,
      address2: null,
      city: TRAINING_COC.city,
      state: TRAINING_COC.state,
      zip: TRAINING_COC.zip,
      geographyType: agency.geographyType,
      ...made,
    });
    spec.funders.forEach((funder, f) => {
      grantPeriods(start, end, today).forEach((period, g) => {
        records.funders.push({
          funderId: trainingId('funder', `${spec.key}:${f}:${g}`),
          projectId,
          funder: funder.funder,
          otherFunder: funder.otherFunder ?? null,
          grantId: `${funder.grant}-${period.startDate.slice(0, 4)}`,
          ...period,
          ...made,
        });
      });
    });
    const shape = { projectType: spec.projectType, rrhSubType: spec.rrhSubType };
    if (collectsInventory(shape)) {
      const shelter = isEmergencyShelter(shape) ? spec.shelterBeds : null;
      spec.beds.forEach((bed, b) => {
        const counts = Object.fromEntries(BED_CATEGORIES.map((c) => [c, bed.beds[c] ?? 0])) as Record<BedCategory, number>;
        records.inventories.push({
          inventoryId: trainingId('inventory', `${spec.key}:${b}`),
          projectId,
          cocCode: TRAINING_COC.cocCode,
          householdType: bed.householdType,
          availability: shelter?.availability ?? null,
          esBedType: shelter?.bedType ?? null,
          unitInventory: bed.units,
          ...counts,
          bedInventory: BED_CATEGORIES.reduce((sum, c) => sum + counts[c], 0),
          inventoryStartDate: start,
          inventoryEndDate: end,
          ...made,
        });
      });
    }
    for (const key of spec.affiliatedWith) {
      records.affiliations.push({ affiliationId: trainingId('affiliation', `${spec.key}:${key}`), projectId, resProjectId: byKey.get(key)!.projectId, ...made });
    }
    records.hmisParticipations.push({ hmisParticipationId: trainingId('hmis-participation', spec.key), projectId, hmisParticipationType: 1, startDate: start, endDate: end, ...made });
    const provided = (service: CeService) => (spec.ce.accessPoint === 1 && spec.ce.services.includes(service) ? 1 : 0);
    // Coordinated entry came to the Training CoC seven years ago; older projects joined it then.
    const ceStart = maxDate(start, firstOfMonth(addYears(today, -7)));
    if (end !== null && end < ceStart) continue;
    records.ceParticipations.push({
      ceParticipationId: trainingId('ce-participation', spec.key),
      projectId,
      accessPoint: spec.ce.accessPoint,
      preventionAssessment: provided('preventionAssessment'),
      crisisAssessment: provided('crisisAssessment'),
      housingAssessment: provided('housingAssessment'),
      directServices: provided('directServices'),
      receivesReferrals: spec.ce.receivesReferrals,
      startDate: ceStart,
      endDate: end,
      ...made,
    });
  }
  return records;
}
