import assert from 'node:assert/strict';
import type { Viewer } from '../../src/access/access-policy.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit-log.js';
import { EMPTY_CLIENT_INPUT, type ClientInput } from '../../src/clients/client-fields.js';
import type { Role } from '../../src/db/schema.js';
import type { MemberEntryInput } from '../../src/enrollments/enrollment-fields.js';
import type { ProjectInput } from '../../src/projects/projects.service.js';
import type { TestApp } from '../helpers/app.js';
import { textOf, type Page, type TestClient } from '../helpers/client.js';
import { addCoc } from '../helpers/project-coc.js';
import { signedInUser } from '../helpers/users.js';

/** The test clock's today (2026-11-27T14:00Z is the 27th in America/New_York). */
export const TODAY = '2026-11-27';

const ACTOR = { userId: null, username: 'setup', ip: null };
/** Setting up agencies and projects as an HMIS administrator would. */
const SETUP_ADMIN: Viewer = { userId: 0, username: 'setup', role: 'admin', organizationIds: new Set() };

export interface World {
  agencyA: string;
  agencyB: string;
  /** Emergency Shelter – Entry Exit (0) of agency A: a street/shelter project for 3.917. */
  shelterA: string;
  /** Services Only (6) of agency A. */
  servicesA: string;
  /** Operated by agency A from 2020 to 2025-12-31: old project data. */
  endedA: string;
  /** Transitional Housing (2) of agency B. */
  housingB: string;
}

function project(name: string, overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    name,
    commonName: '',
    operatingStartDate: '2020-01-01',
    operatingEndDate: '',
    continuumProject: '1',
    projectType: '0',
    housingType: '1',
    rrhSubType: '',
    ...overrides,
  };
}

/** Two agencies and their projects, made through the services (projects are tested elsewhere). */
export async function buildWorld(t: TestApp): Promise<World> {
  const projects = t.sites.live.projects;
  const a = await projects.createOrganization({ name: 'Harbor Light', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const b = await projects.createOrganization({ name: 'Northside Housing', commonName: '', victimServiceProvider: '0' }, ACTOR);
  const shelterA = await projects.createProject(SETUP_ADMIN, a.organizationId, project('Harbor Night Shelter'), ACTOR);
  const servicesA = await projects.createProject(SETUP_ADMIN, a.organizationId, project('Harbor Case Management', { projectType: '6', housingType: '', residentialAffiliation: '0' }), ACTOR);
  const endedA = await projects.createProject(SETUP_ADMIN, a.organizationId, project('Harbor Winter Shelter 2025', { operatingEndDate: '2025-12-31' }), ACTOR);
  const housingB = await projects.createProject(SETUP_ADMIN, b.organizationId, project('Northside Transitional', { projectType: '2' }), ACTOR);
  await addCoc(t.sites.live, [shelterA.projectId, servicesA.projectId, endedA.projectId, housingB.projectId]);
  return {
    agencyA: a.organizationId,
    agencyB: b.organizationId,
    shelterA: shelterA.projectId,
    servicesA: servicesA.projectId,
    endedA: endedA.projectId,
    housingB: housingB.projectId,
  };
}

let clientCounter = 0;

/** A client with a unique name and SSN (so no duplicate warning stands in the way). */
export async function createClient(t: TestApp, firstName: string, lastName: string, dob: string | null): Promise<string> {
  clientCounter += 1;
  const ssn = `5${String(clientCounter).padStart(2, '0')}${String(10 + clientCounter).padStart(2, '0')}${String(1000 + clientCounter).padStart(4, '0')}`;
  const input: ClientInput = {
    ...EMPTY_CLIENT_INPUT,
    firstName,
    lastName,
    nameDataQuality: '1',
    ssn,
    ssnDataQuality: '1',
    dob: dob ?? '',
    dobDataQuality: dob ? '1' : '99',
    races: ['white'],
    sex: '0',
    veteranStatus: '0',
  };
  const created = await t.sites.live.clients.create(input, SYSTEM_ACTOR);
  assert.equal(created.status, 'created');
  if (created.status !== 'created') throw new Error('not created');
  return created.client.personalId;
}

export async function user(t: TestApp, role: Role, agencies: readonly string[], firstName: string): Promise<TestClient> {
  const { client } = await signedInUser(t, { role, agencies, firstName, lastName: 'Tester' });
  // Any signed-in page carries a CSRF token (the logout form); later POSTs use it.
  await client.get('/live/');
  return client;
}

/** An adult head of household's answers: homeless before entry, with the history HUD then asks. */
export const HOMELESS_ADULT: MemberEntryInput = {
  relationshipToHoH: '1',
  disablingCondition: '0',
  livingSituation: '116',
  rentalSubsidyType: '',
  lengthOfStay: '4',
  previousStreetEssh: '',
  dateToStreetEssh: '06/01/2026',
  timesHomelessPastThreeYears: '1',
  monthsHomelessPastThreeYears: '106',
};

/** A child's answers: HUD's 3.917 may stay empty. */
export const CHILD: MemberEntryInput = {
  relationshipToHoH: '2',
  disablingCondition: '0',
  livingSituation: '',
  rentalSubsidyType: '',
  lengthOfStay: '',
  previousStreetEssh: '',
  dateToStreetEssh: '',
  timesHomelessPastThreeYears: '',
  monthsHomelessPastThreeYears: '',
};

/** The step-two form as a browser sends it: one set of fields per member, prefixed m0., m1., … */
export function enrollForm(options: {
  client: string;
  projectId: string;
  entryDate?: string;
  /** 3.16: the fixtures' projects operate in XX-501 (buildWorld). */
  enrollmentCoc?: string;
  members: [string, Partial<MemberEntryInput>][];
}): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {
    client: options.client,
    projectId: options.projectId,
    entryDate: options.entryDate ?? '11/20/2026',
    enrollmentCoc: options.enrollmentCoc ?? 'XX-501',
    members: options.members.map(([id]) => id),
  };
  options.members.forEach(([, entry], i) => {
    for (const [key, value] of Object.entries(entry)) form[`m${i}.${key}`] = value;
  });
  return form;
}

/**
 * Enrolls through the pages and returns the enrollment id the redirect names. Warnings (answers HUD's checker
 * questions but allows, tested in hud-conformance.test.ts) are confirmed.
 */
export async function enroll(browser: TestClient, options: Parameters<typeof enrollForm>[0]): Promise<string> {
  const response = await browser.post('/live/enrollments/new', { ...enrollForm(options), confirmWarnings: 'on' });
  assert.equal(response.status, 303, textOf(response.body).slice(0, 1500));
  return enrollmentIdFrom(response);
}

export function enrollmentIdFrom(response: Page): string {
  const match = /^\/live\/enrollments\/([0-9a-f]{32})\?done=/.exec(response.location ?? '');
  assert.ok(match, `redirect to an enrollment page, got ${response.status} ${response.location}`);
  return match[1]!;
}

/** Every enrollment of a client, straight from the database (tests only). */
export async function enrollmentsOf(t: TestApp, personalId: string) {
  return t.sites.live.db
    .selectFrom('enrollments')
    .selectAll()
    .where('personal_id', '=', personalId)
    .orderBy('date_created')
    .execute();
}

export async function count(t: TestApp, table: 'enrollments' | 'exits'): Promise<number> {
  const row = await t.sites.live.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
