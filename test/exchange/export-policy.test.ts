import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canExport, canExportProjectsOf, canImport, exportScope, type Viewer } from '../../src/access/access-policy.js';

const viewer = (role: Viewer['role'], agencies: string[] = []): Viewer => ({ userId: 1, username: 'u', role, organizationIds: new Set(agencies) });

describe('access policy: who may export HUD CSV', () => {
  test('HMIS administrators export any project', () => {
    assert.deepEqual(exportScope(viewer('admin')), { kind: 'all' });
    assert.ok(canExportProjectsOf(viewer('admin'), 'any-agency'));
  });

  test('agency managers export their agencies’ projects only', () => {
    const manager = viewer('agency_manager', ['b', 'a']);
    assert.deepEqual(exportScope(manager), { kind: 'organizations', organizationIds: ['a', 'b'] });
    assert.ok(canExportProjectsOf(manager, 'a'));
    assert.ok(!canExportProjectsOf(manager, 'c'));
  });

  test('case managers export nothing', () => {
    assert.equal(exportScope(viewer('case_manager', ['a'])), null);
    assert.ok(!canExport(viewer('case_manager', ['a'])));
    assert.ok(!canExportProjectsOf(viewer('case_manager', ['a']), 'a'));
  });
});

describe('access policy: who may import HUD CSV', () => {
  test('HMIS administrators import; agency managers and case managers do not', () => {
    assert.ok(canImport(viewer('admin')));
    assert.ok(!canImport(viewer('agency_manager', ['a'])));
    assert.ok(!canImport(viewer('case_manager', ['a'])));
  });
});
