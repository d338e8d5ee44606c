import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canReportOnProjectsOf,
  canRunReports,
  canSeeEnrollmentsOf,
  canSeeReportRun,
  canSeeToFixListOf,
  reportScope,
  roleCanRunReports,
  type Viewer,
} from '../../src/access/access-policy.js';

const viewer = (role: Viewer['role'], organizationIds: string[]): Viewer => ({ userId: 1, username: 'u', role, organizationIds: new Set(organizationIds) });
const admin = viewer('admin', []);
const managerAB = viewer('agency_manager', ['b', 'a']);
const managerNone = viewer('agency_manager', []);
const caseManager = viewer('case_manager', ['a']);

describe('The access policy for HUD reports (issue 15, item 2)', () => {
  test('administrators run reports on any project; agency managers on their agencies’; case managers on none', () => {
    assert.deepEqual(reportScope(admin), { kind: 'all' });
    assert.deepEqual(reportScope(managerAB), { kind: 'organizations', organizationIds: ['a', 'b'] });
    assert.deepEqual(reportScope(managerNone), { kind: 'organizations', organizationIds: [] });
    assert.equal(reportScope(caseManager), null);
    assert.deepEqual([canRunReports(admin), canRunReports(managerAB), canRunReports(caseManager)], [true, true, false]);
    assert.deepEqual([roleCanRunReports('admin'), roleCanRunReports('agency_manager'), roleCanRunReports('case_manager')], [true, true, false]);
    assert.ok(canReportOnProjectsOf(admin, 'z'));
    assert.ok(canReportOnProjectsOf(managerAB, 'a'));
    assert.ok(!canReportOnProjectsOf(managerAB, 'z'));
    assert.ok(!canReportOnProjectsOf(caseManager, 'a'), 'working for the agency is not enough');
  });

  test('a past run is seen by whoever may report on every agency it covers', () => {
    assert.ok(canSeeReportRun(admin, ['a', 'z']));
    assert.ok(canSeeReportRun(managerAB, ['a', 'b']));
    assert.ok(canSeeReportRun(managerAB, ['a']));
    assert.ok(!canSeeReportRun(managerAB, ['a', 'z']), 'one project of another agency hides the whole run');
    assert.ok(!canSeeReportRun(managerNone, ['a']));
    assert.ok(!canSeeReportRun(caseManager, ['a']));
  });

  test('the drill-down names a client only when the enrollment rule lets the viewer see the enrollment', () => {
    assert.ok(canSeeEnrollmentsOf(admin, 'z'));
    assert.ok(canSeeEnrollmentsOf(managerAB, 'b'));
    assert.ok(!canSeeEnrollmentsOf(managerAB, 'z'));
  });

  test('a "to fix" list: one’s own for anyone, a colleague’s for their agencies’ managers, anyone’s for administrators (issue 15, item 5)', () => {
    const self = { userId: 7, username: 'c', role: 'case_manager' as const, organizationIds: new Set(['a']) };
    const colleague = { userId: 8, organizationIds: new Set(['a']) };
    const elsewhere = { userId: 9, organizationIds: new Set(['z']) };
    assert.ok(canSeeToFixListOf(self, self), 'a case manager sees their own list');
    assert.ok(!canSeeToFixListOf(self, colleague), 'but not another case manager’s, even in the same agency');
    assert.ok(canSeeToFixListOf(managerAB, colleague), 'an agency manager sees the list of a user of their agencies');
    assert.ok(!canSeeToFixListOf(managerAB, elsewhere), 'but not of another agency’s user');
    assert.ok(!canSeeToFixListOf(managerNone, colleague));
    assert.ok(canSeeToFixListOf(admin, elsewhere), 'administrators see anyone’s');
    assert.ok(canSeeToFixListOf(admin, { userId: 10, organizationIds: new Set() }));
  });
});
