import { addDays } from '../../src/hud/calendar-days.js';
import type { Viewer } from '../../src/access/access-policy.js';
import type { MemberAnswersInput } from '../../src/assessments/assessments.model.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import type { TestApp } from '../helpers/app.js';
import { CHILD, createClient, HOMELESS_ADULT } from '../enrollments/fixtures.js';

export const ACTOR = { userId: null, username: 'setup', ip: null };
/** Setting up as an HMIS administrator would. */
export const ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

const project = (name: string, overrides: Partial<ProjectInput>): ProjectInput => ({
  name,
  commonName: '',
  operatingStartDate: '2020-01-01',
  operatingEndDate: '',
  continuumProject: '1',
  projectType: '3',
  housingType: '1',
  rrhSubType: '',
  ...overrides,
});

export interface AssessmentWorld {
  agencyA: string;
  agencyB: string;
  /** PH – Permanent Supportive Housing of agency A, funded by HUD CoC PSH (2): every element 4.02–4.11. */
  pshA: string;
}

export async function buildAssessmentWorld(t: TestApp): Promise<AssessmentWorld> {
  const live = t.sites.live;
  const a = await live.projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await live.projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const psh = await live.projects.createProject(ADMIN, a.organizationId, project('Harbor Permanent Housing', {}), ACTOR);
  await live.projectSetup.addProjectCoc(ADMIN, psh.projectId, { cocCode: 'XX-501', geocode: '119999', address1: '', address2: '', city: '', state: '', zip: '', geographyType: '1' }, ACTOR);
  await live.projectSetup.addFunder(ADMIN, psh.projectId, { funder: '2', otherFunder: '', grantId: 'PSH-1', startDate: '01/01/2020', endDate: '' }, true, ACTOR);
  return { agencyA: a.organizationId, agencyB: b.organizationId, pshA: psh.projectId };
}

let households = 0;
const SURNAMES = ['Rivers', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Castillo', 'Novak', 'Haddad', 'Brennan', 'Kowalski', 'Achebe', 'Delgado', 'Fitzgerald', 'Nakamura', 'Oyelaran', 'Petrov', 'Quintero', 'Sorensen', 'Varga', 'Whitfield'];
const FIRST_NAMES = ['Dana', 'Imani', 'Rosalind', 'Tobias', 'Ximena', 'Yusuf', 'Greta', 'Hollis'];

/** A household of three enrolled through the service: an adult head, an adult partner and a child of ten. */
export async function householdOfThree(t: TestApp, projectId: string, entryDate: string, options: { headDisabling?: string } = {}) {
  households += 1;
  const surname = SURNAMES[households % SURNAMES.length]! + (households >= SURNAMES.length ? ` ${SURNAMES[Math.floor(households / SURNAMES.length)]}` : '');
  const day = String((households % 27) + 1).padStart(2, '0');
  const head = await createClient(t, FIRST_NAMES[households % FIRST_NAMES.length]!, surname, `1985-04-${day}`);
  const partner = await createClient(t, 'Samuel', surname, `1979-09-${day}`);
  const child = await createClient(t, 'Kit', surname, `2016-01-${day}`);
  // Homeless for five months before entry, once in three years: not chronically homeless.
  const streetDate = addDays(entryDate, -150);
  const result = await t.sites.live.enrollments.enroll(
    ADMIN,
    {
      projectId,
      entryDate,
      personalIds: [head, partner, child],
      entries: [
        { ...HOMELESS_ADULT, dateToStreetEssh: streetDate, disablingCondition: options.headDisabling ?? '0' },
        { ...HOMELESS_ADULT, dateToStreetEssh: streetDate, relationshipToHoH: '3' },
        { ...CHILD, relationshipToHoH: '2' },
      ],
    },
    ACTOR,
  );
  const id = (personalId: string) => result.enrollments.find((e) => e.personalId === personalId)!.enrollmentId;
  return { householdId: result.householdId, head: id(head), partner: id(partner), child: id(child) };
}

/** An adult's answers: earned income and SSI, SNAP, Medicaid, no disability, not a survivor. */
export const ADULT_ANSWERS: MemberAnswersInput = {
  incomeFromAnySource: '1',
  earnedAmount: '1,200.50',
  ssiAmount: '300',
  benefitsFromAnySource: '1',
  benefits: ['snap'],
  insuranceFromAnySource: '1',
  insurance: ['medicaid'],
  disability5: '0',
  disability6: '0',
  disability7: '0',
  disability8: '0',
  disability9: '0',
  disability10: '0',
  domesticViolenceSurvivor: '0',
};

/** A child's answers: only what HUD asks of children (insurance and disabilities). */
export const CHILD_ANSWERS: MemberAnswersInput = {
  insuranceFromAnySource: '1',
  insurance: ['schip'],
  disability5: '0',
  disability6: '0',
  disability7: '0',
  disability8: '0',
  disability9: '0',
  disability10: '0',
};

/** Annual assessment answers: 4.02–4.04 only. */
export const ANNUAL_ADULT: MemberAnswersInput = {
  incomeFromAnySource: '0',
  benefitsFromAnySource: '0',
  insuranceFromAnySource: '1',
  insurance: ['medicaid'],
};
