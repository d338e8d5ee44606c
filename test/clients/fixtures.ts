import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { EMPTY_CLIENT_INPUT, type ClientInput } from '../../src/clients/client-fields.js';
import type { Client } from '../../src/clients/clients.model.js';
import type { SiteId } from '../../src/site-id.js';
import type { TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';

export const ACTOR = { userId: null, username: 'intake', ip: '10.0.0.9' };

/** A complete, valid set of universal data elements, as typed into the client form. */
export function clientInput(overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    ...EMPTY_CLIENT_INPUT,
    firstName: 'John',
    lastName: 'Smith',
    nameDataQuality: '1',
    ssn: '234-57-7890',
    ssnDataQuality: '1',
    dob: '03/15/1980',
    dobDataQuality: '1',
    races: ['white'],
    sex: '1',
    veteranStatus: '0',
    ...overrides,
  };
}

/** Creates a client through the service, past any duplicate warning (tests make duplicates on purpose). */
export async function createClient(t: TestApp, overrides: Partial<ClientInput> = {}, site: SiteId = 'live'): Promise<Client> {
  const clients = t.sites[site].clients;
  let result = await clients.create(clientInput(overrides), ACTOR);
  if (result.status === 'possible-duplicates') {
    result = await clients.create(clientInput(overrides), ACTOR, { dismissedDuplicates: result.duplicates.map((d) => d.client.personalId) });
  }
  assert.equal(result.status, 'created');
  return (result as { client: Client }).client;
}

export const hex32 = () => randomBytes(16).toString('hex');

/** An agency and one of its emergency shelter projects, straight into the tables. */
export async function insertProject(t: TestApp, site: SiteId = 'live'): Promise<{ organizationId: string; projectId: string }> {
  const db = t.sites[site].db;
  const now = t.clock.now();
  const organizationId = hex32();
  const projectId = hex32();
  await db
    .insertInto('organizations')
    .values({ organization_id: organizationId, organization_name: `Shelter Agency ${organizationId.slice(0, 4)}`, victim_service_provider: 0, organization_common_name: null, date_created: now, date_updated: now, user_id: 'test', date_deleted: null })
    .execute();
  await db
    .insertInto('projects')
    .values({
      project_id: projectId,
      organization_id: organizationId,
      project_name: 'Night Shelter',
      project_common_name: null,
      operating_start_date: '2020-01-01',
      operating_end_date: null,
      continuum_project: 1,
      project_type: 0,
      housing_type: 1,
      rrh_sub_type: null,
      residential_affiliation: null,
      target_population: null,
      hopwa_med_assisted_living_fac: null,
      pit_count: null,
      date_created: now,
      date_updated: now,
      user_id: 'test',
      date_deleted: null,
    })
    .execute();
  return { organizationId, projectId };
}

/** An enrollment (alone: head of its own household), optionally with an exit, using the columns of migration 0006. */
export async function insertEnrollment(
  t: TestApp,
  options: { personalId: string; projectId: string; entryDate: string; householdId?: string; relationship?: number; exitDate?: string },
  site: SiteId = 'live',
): Promise<{ enrollmentId: string; householdId: string; exitId: string | null }> {
  const db = t.sites[site].db;
  const now = t.clock.now();
  const enrollmentId = hex32();
  const householdId = options.householdId ?? hex32();
  await db
    .insertInto('enrollments')
    .values({
      enrollment_id: enrollmentId,
      personal_id: options.personalId,
      project_id: options.projectId,
      entry_date: options.entryDate,
      household_id: householdId,
      relationship_to_hoh: options.relationship ?? 1,
      enrollment_coc: null,
      living_situation: 116,
      rental_subsidy_type: null,
      length_of_stay: 2,
      los_under_threshold: null,
      previous_street_essh: null,
      date_to_street_essh: null,
      times_homeless_past_three_years: 1,
      months_homeless_past_three_years: 101,
      disabling_condition: 0,
      move_in_date: null,
      date_created: now,
      date_updated: now,
      user_id: 'test',
      date_deleted: null,
    })
    .execute();
  let exitId: string | null = null;
  if (options.exitDate) {
    exitId = hex32();
    await db
      .insertInto('exits')
      .values({ exit_id: exitId, enrollment_id: enrollmentId, personal_id: options.personalId, exit_date: options.exitDate, destination: 116, destination_subsidy_type: null, other_destination: null, date_created: now, date_updated: now, user_id: 'test', date_deleted: null })
      .execute();
  }
  return { enrollmentId, householdId, exitId };
}

/** Each body row of the first table on a page, as its cells' text. */
export function tableRows(html: string): string[][] {
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return tbody
    .split('<tr')
    .slice(1)
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => textOf(m[1]!)));
}

/** The rows of the audit table on a page (time, event, …). */
export function auditTableRows(html: string): string[][] {
  const table = /<table class="audit-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return tableRows(table);
}
