import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ceParticipationValues, funderValues, hmisParticipationValues, inventoryValues, projectCocValues, projectValues } from '../../src/projects/pages/fields.js';
import { statusPeriodsOverlap } from '../../src/projects/project-fields.js';
import { validateCeParticipation, validateFunder, validateHmisParticipation, validateInventory, validateProjectCoc } from '../../src/projects/project-setup-fields.js';
import { grantWarnings, setupReminders } from '../../src/projects/project-setup.service.js';
import type { ProjectSetup } from '../../src/projects/project-setup.model.js';
import { asksResidentialAffiliation, collectsInventory, isEmergencyShelter, isResidential, validateProject } from '../../src/projects/projects.service.js';
import { TRAINING_COC } from '../../src/training/catalogue.js';
import { generateTrainingData, type TrainingData } from '../../src/training/training-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/client.js';
import { signedInUser } from '../helpers/users.js';

/** The test clock's today. */
const TODAY = '2026-11-27';
const ACTOR = { userId: null, username: 'setup', ip: null };
const HUD_COC_FUNDERS = new Set([1, 2, 3, 4, 5, 6, 7, 43, 44, 56]);
const HUD_ESG_FUNDERS = new Set([8, 9, 10, 11]);

/** A record's own fields: without its ids and HUD's bookkeeping, as a validator returns them. */
function fieldsOf<T extends { projectId: string; dateCreated: Date; dateUpdated: Date; userId: string }>(record: T, id: keyof T): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record };
  for (const key of ['projectId', 'dateCreated', 'dateUpdated', 'userId', id]) delete fields[key as string];
  return fields;
}

/**
 * The Training projects come with the HUD set-up a real CoC would have entered: the same rules as the project
 * set-up forms, nothing the project page would ask to complete, and funders that match each project's type.
 */
describe('Training data: every project’s HUD set-up', () => {
  let data: TrainingData;
  const setupOf = (projectId: string): ProjectSetup => ({
    cocs: data.setup.cocs.filter((r) => r.projectId === projectId),
    funders: data.setup.funders.filter((r) => r.projectId === projectId),
    inventories: data.setup.inventories.filter((r) => r.projectId === projectId),
    affiliations: data.setup.affiliations.filter((r) => r.projectId === projectId).map((a) => ({ ...a, resProjectName: '' })),
    hmisParticipations: data.setup.hmisParticipations.filter((r) => r.projectId === projectId),
    ceParticipations: data.setup.ceParticipations.filter((r) => r.projectId === projectId),
  });

  before(() => {
    data = generateTrainingData({ today: TODAY, now: new Date('2026-11-27T14:00:00Z'), clients: 60 });
  });

  it('each project passes the project form’s rules (2.02.B asked of the services-only ones) and leaves nothing to complete', () => {
    for (const project of data.projects) {
      validateProject(projectValues(project));
      const organization = data.organizations.find((o) => o.organizationId === project.organizationId)!;
      assert.deepEqual(setupReminders(project, organization, setupOf(project.projectId), TODAY), [], project.projectName);
    }
  });

  it('one 2.03 record per project, for the fictitious Training CoC, in HUD’s formats', () => {
    for (const project of data.projects) {
      const cocs = setupOf(project.projectId).cocs;
      assert.equal(cocs.length, 1, project.projectName);
      assert.deepEqual(validateProjectCoc(projectCocValues(cocs[0]!)), fieldsOf(cocs[0]!, 'projectCocId'));
      assert.equal(cocs[0]!.cocCode, TRAINING_COC.cocCode);
    }
    assert.match(TRAINING_COC.cocCode, /^[A-Z]{2}-[0-9]{3}$/);
  });

  it('funders match each project’s type: CoC components for PSH, RRH, TH, SH, SSO and CE; ESG for shelter, outreach, RRH and prevention; and non-HUD funders', () => {
    const byType = new Map<string, Set<number>>();
    for (const project of data.projects) {
      const { funders } = setupOf(project.projectId);
      assert.ok(funders.length > 0, `${project.projectName} has a funder`);
      for (const funder of funders) {
        assert.deepEqual(validateFunder(funderValues(funder)), fieldsOf(funder, 'funderId'));
        assert.deepEqual(grantWarnings(project, funder), {}, `${project.projectName}: grant dates within the operating period`);
        assert.ok(funder.startDate >= project.operatingStartDate);
      }
      const key = `${project.projectType}${project.rrhSubType ? `/${project.rrhSubType}` : ''}`;
      byType.set(key, new Set([...(byType.get(key) ?? []), ...funders.map((f) => f.funder)]));
      if (project.operatingEndDate === null) assert.ok(funders.some((f) => f.endDate === null), `${project.projectName} has a current grant`);
    }
    const has = (type: string, funders: Set<number>) => [...(byType.get(type) ?? [])].some((f) => funders.has(f));
    for (const type of ['2', '3', '8', '6', '13/1', '13/2', '14']) assert.ok(has(type, HUD_COC_FUNDERS), `a CoC-funded project of type ${type}`);
    for (const type of ['0', '1', '4', '12', '13/2']) assert.ok(has(type, HUD_ESG_FUNDERS), `an ESG-funded project of type ${type}`);
    const all = data.setup.funders.map((f) => f.funder);
    assert.ok(all.includes(21) && all.includes(22), 'HHS funders (PATH, RHY)');
    assert.ok(data.setup.funders.some((f) => f.funder === 46 && f.otherFunder), 'a local funder, named');
    assert.ok(data.setup.funders.some((f) => f.endDate !== null) && data.setup.funders.some((f) => f.endDate === null), 'past and current grants');
  });

  it('inventory for the residential projects only, within their operating dates, the total the sum of its categories', () => {
    for (const project of data.projects) {
      const { inventories } = setupOf(project.projectId);
      assert.equal(inventories.length > 0, collectsInventory(project), project.projectName);
      const context = { cocCodes: [TRAINING_COC.cocCode], emergencyShelter: isEmergencyShelter(project), operatingStartDate: project.operatingStartDate, operatingEndDate: project.operatingEndDate };
      for (const inventory of inventories) assert.deepEqual(validateInventory(inventoryValues(inventory), context), fieldsOf(inventory, 'inventoryId'));
    }
    assert.ok(data.setup.inventories.some((i) => i.householdType === 3), 'beds for families');
    assert.ok(data.setup.inventories.some((i) => i.chBedInventory > 0 && i.chVetBedInventory > 0), 'dedicated beds');
  });

  it('HMIS and CE participation over each operating period, one record open while the project operates; access points provide CE services', () => {
    for (const project of data.projects) {
      const { hmisParticipations, ceParticipations } = setupOf(project.projectId);
      for (const records of [hmisParticipations, ceParticipations]) {
        assert.equal(records.length, 1, project.projectName);
        assert.equal(records[0]!.endDate, project.operatingEndDate);
        for (const a of records) for (const b of records) if (a !== b) assert.ok(!statusPeriodsOverlap({ start: a.startDate, end: a.endDate }, { start: b.startDate, end: b.endDate }));
      }
      assert.deepEqual(validateHmisParticipation(hmisParticipationValues(hmisParticipations[0]!)), fieldsOf(hmisParticipations[0]!, 'hmisParticipationId'));
      assert.deepEqual(validateCeParticipation(ceParticipationValues(ceParticipations[0]!)), fieldsOf(ceParticipations[0]!, 'ceParticipationId'));
    }
    const ce = data.projects.find((p) => p.projectType === 14)!;
    assert.deepEqual(setupOf(ce.projectId).ceParticipations.map((r) => [r.accessPoint, r.preventionAssessment, r.crisisAssessment, r.housingAssessment, r.directServices]), [[1, 1, 1, 1, 1]]);
    assert.ok(data.setup.ceParticipations.some((r) => r.accessPoint === 0 && r.receivesReferrals === 1), 'housing projects receive referrals');
  });

  it('the Services Only and RRH: Services Only projects are affiliated (2.02.B Yes) with residential projects of their CoC', () => {
    const servicesOnly = data.projects.filter((p) => asksResidentialAffiliation(p.projectType, p.rrhSubType));
    assert.deepEqual(servicesOnly.map((p) => `${p.projectType}/${p.rrhSubType}`).sort(), ['13/1', '6/null']);
    for (const project of servicesOnly) {
      assert.equal(project.residentialAffiliation, 1);
      const { affiliations } = setupOf(project.projectId);
      assert.ok(affiliations.length > 0, project.projectName);
      for (const a of affiliations) {
        const residential = data.projects.find((p) => p.projectId === a.resProjectId)!;
        assert.ok(isResidential(residential.projectType, residential.rrhSubType), residential.projectName);
      }
    }
    for (const project of data.projects.filter((p) => !asksResidentialAffiliation(p.projectType, p.rrhSubType))) assert.equal(project.residentialAffiliation, null);
  });

  describe('written by a Training reset', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ sites: ['training'] });
      await t.sites.training.training.reset(ACTOR);
    });
    after(() => t.close());

    it('every set-up table is filled, the project pages show it, and a second reset replaces it', async () => {
      const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where date_deleted is null`.execute(t.sites.training.db)).rows[0]!.n);
      const tables = ['project_cocs', 'funders', 'inventories', 'affiliations', 'hmis_participations', 'ce_participations'];
      const first = await Promise.all(tables.map(count));
      assert.ok(first.every((n) => n > 0), first.join(', '));
      assert.equal(first[0], 15, 'one CoC record per project');
      await t.sites.training.training.reset(ACTOR);
      assert.deepEqual(await Promise.all(tables.map(count)), first);

      const { client } = await signedInUser(t, { site: 'training', role: 'case_manager', firstName: 'Tia' });
      const [sso] = (await t.sites.training.projects.overview()).flatMap((e) => e.current).filter((p) => p.projectType === 6);
      const page = textOf((await client.get(`/training/projects/${sso!.projectId}`)).body);
      assert.match(page, /Continuum of Care \(2\.03\).*XX-501 990501/);
      assert.match(page, /Funding sources \(2\.06\).*HUD: CoC – Supportive Services Only/);
      assert.match(page, /Affiliated residential projects \(2\.02\.C\).*Copperleaf Scattered-Site PSH/);
      assert.doesNotMatch(page, /HUD set-up to complete/);
      assert.deepEqual(await t.sites.training.projects.cocCodesOf(sso!.projectId), ['XX-501']);
    });
  });
});
