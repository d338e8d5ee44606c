import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as clientLists from '../../src/hud/client-code-lists.js';
import * as lists from '../../src/hud/code-lists.js';
import * as enrollmentLists from '../../src/hud/enrollment-code-lists.js';
import * as projectLists from '../../src/hud/project-code-lists.js';

const modules = { 'code-lists': lists, 'client-code-lists': clientLists, 'enrollment-code-lists': enrollmentLists, 'project-code-lists': projectLists };

describe('HUD code list names (finding 19)', () => {
  it('a name exported by two code-list modules is the same list in both, so a wrong import cannot widen an answer', () => {
    const seen = new Map<string, { module: string; value: unknown }>();
    for (const [module, exports] of Object.entries(modules)) {
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value !== 'object' || value === null) continue;
        const earlier = seen.get(name);
        if (earlier) assert.deepEqual(value, earlier.value, `${name} in ${module} differs from ${name} in ${earlier.module}`);
        else seen.set(name, { module, value });
      }
    }
  });

  it('3.07 VeteranStatus uses list 1.8 (0, 1, 8, 9, 99) and 1.7 NO_YES_MISSING stays 0, 1, 99', () => {
    assert.deepEqual(Object.keys(clientLists.VETERAN_STATUS).map(Number), [0, 1, 8, 9, 99]);
    assert.deepEqual(Object.keys(lists.NO_YES_MISSING).map(Number), [0, 1, 99]);
    assert.equal('NO_YES_MISSING' in clientLists, false);
  });
});
