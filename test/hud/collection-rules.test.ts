import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  collects,
  elementsAtStage,
  elementsCollectedBy,
  isAskedOf,
  PROGRAM_ELEMENTS,
  type ProgramElement,
} from '../../src/hud/collection-rules.js';

const DISABILITIES: ProgramElement[] = ['4.05', '4.06', '4.07', '4.08', '4.09', '4.10'];
const collected = (projectType: number, funders: number[]) => elementsCollectedBy({ projectType, funders }).map((c) => c.element);

describe('HUD collection rules: the CoC and ESG matrix (reference §3.2), one row per component', () => {
  const rows: { name: string; type: number; funders: number[]; expected: ProgramElement[] }[] = [
    { name: 'CoC PSH', type: 3, funders: [2], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '3.20'] },
    { name: 'CoC RRH', type: 13, funders: [3], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '3.20'] },
    { name: 'CoC TH', type: 2, funders: [5], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'CoC SSO services only (the dictionary: collected)', type: 6, funders: [4], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'CoC SSO street outreach', type: 4, funders: [4], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '4.12', '4.13'] },
    { name: 'CoC SSO coordinated entry', type: 14, funders: [4], expected: ['4.12', '4.19', '4.20'] },
    { name: 'CoC HP', type: 12, funders: [1], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'CoC Safe Haven', type: 8, funders: [6], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'ESG ES entry/exit', type: 0, funders: [8], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'ESG ES night-by-night', type: 1, funders: [8], expected: [...DISABILITIES, '4.11', '4.12', '4.13', '4.14'] },
    { name: 'ESG street outreach', type: 4, funders: [11], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '4.12', '4.13'] },
    { name: 'ESG RRH', type: 13, funders: [10], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '3.20'] },
    { name: 'ESG HP', type: 12, funders: [9], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11'] },
    { name: 'ESG-RUSH night-by-night', type: 1, funders: [53], expected: ['4.12', '4.14'] },
    { name: 'ESG-RUSH RRH', type: 13, funders: [53], expected: ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11', '3.20'] },
  ];
  for (const row of rows) {
    it(`${row.name} (type ${row.type}, funder ${row.funders.join(', ')})`, () => {
      assert.deepEqual(collected(row.type, row.funders), PROGRAM_ELEMENTS.filter((e) => row.expected.includes(e)));
    });
  }
});

describe('HUD collection rules: funders combine, and some rules ignore the funder', () => {
  it('funders combine: an ESG night-by-night shelter also funded by HOPWA collects income (HOPWA asks it everywhere)', () => {
    assert.equal(collects({ projectType: 1, funders: [8] }, '4.02'), false);
    assert.equal(collects({ projectType: 1, funders: [8, 13] }, '4.02'), true);
  });

  it('bed nights in every night-by-night shelter and move-in dates in every permanent housing project, whatever funds them', () => {
    assert.equal(collects({ projectType: 1, funders: [] }, '4.14'), true);
    assert.equal(collects({ projectType: 1, funders: [46] }, '4.14'), true);
    for (const type of [3, 9, 10, 13]) assert.equal(collects({ projectType: type, funders: [] }, '3.20'), true);
    assert.equal(collects({ projectType: 2, funders: [5] }, '3.20'), false);
    assert.equal(collects({ projectType: 7, funders: [35] }, '3.20'), true, 'Pay for Success, any type');
    assert.equal(collects({ projectType: 6, funders: [45] }, '3.20'), true, 'FY2026: VA GPD case management/housing retention');
  });

  it('HIV/AIDS is not asked by PATH or RHY projects, the other disabilities are', () => {
    for (const funder of [21, 24]) {
      assert.equal(collects({ projectType: 6, funders: [funder] }, '4.08'), false);
      assert.equal(collects({ projectType: 6, funders: [funder] }, '4.09'), true);
    }
  });

  it('FY2026: HUD-VASH and VA projects no longer collect 4.05–4.10, but still income and domestic violence', () => {
    for (const funder of [20, 37, 30, 27]) {
      for (const element of DISABILITIES) assert.equal(collects({ projectType: 3, funders: [funder] }, element), false, `${funder} ${element}`);
      assert.equal(collects({ projectType: 3, funders: [funder] }, '4.02'), true);
      assert.equal(collects({ projectType: 3, funders: [funder] }, '4.11'), true);
    }
  });

  it('domestic violence is not an RHY element; non-cash benefits are asked by four RHY programs, insurance by all five', () => {
    assert.equal(collects({ projectType: 2, funders: [24] }, '4.11'), false);
    assert.equal(collects({ projectType: 4, funders: [25] }, '4.03'), false);
    assert.equal(collects({ projectType: 4, funders: [25] }, '4.04'), true);
    assert.equal(collects({ projectType: 1, funders: [22] }, '4.03'), true);
    assert.equal(collects({ projectType: 1, funders: [22] }, '4.02'), false);
  });

  it('a project with no HUD funder collects only what every project of its type collects', () => {
    assert.deepEqual(collected(0, [46]), []);
    assert.deepEqual(collected(3, []), ['3.20']);
  });
});

describe('HUD collection rules: stages and who is asked', () => {
  it('the annual assessment holds 4.02–4.04 only; the exit has no domestic violence; the start has every stage element', () => {
    const psh = { projectType: 3, funders: [2] };
    assert.deepEqual(elementsAtStage(psh, 'annual').map((c) => c.element), ['4.02', '4.03', '4.04']);
    assert.deepEqual(elementsAtStage(psh, 'exit').map((c) => c.element), ['4.02', '4.03', '4.04', ...DISABILITIES]);
    assert.deepEqual(elementsAtStage(psh, 'start').map((c) => c.element), ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11']);
    assert.deepEqual(elementsAtStage(psh, 'update').map((c) => c.element), ['4.02', '4.03', '4.04', ...DISABILITIES, '4.11']);
  });

  it('income is asked of the head and adults, insurance of everyone, move-in of the head only; unknown age counts as adult', () => {
    const [income, insurance, moveIn] = (['4.02', '4.04', '3.20'] as const).map((e) => elementsCollectedBy({ projectType: 3, funders: [2] }).find((c) => c.element === e)!);
    const child = { isHead: false, adult: false };
    const adult = { isHead: false, adult: true };
    const unknownAge = { isHead: false, adult: null };
    const youngHead = { isHead: true, adult: false };
    assert.deepEqual([income, insurance, moveIn].map((c) => isAskedOf(c!, child)), [false, true, false]);
    assert.deepEqual([income, insurance, moveIn].map((c) => isAskedOf(c!, adult)), [true, true, false]);
    assert.deepEqual([income, insurance, moveIn].map((c) => isAskedOf(c!, unknownAge)), [true, true, false]);
    assert.deepEqual([income, insurance, moveIn].map((c) => isAskedOf(c!, youngHead)), [true, true, true]);
  });
});
