/**
 * Q27 Youth (APR only; there is no Q27c in FY2026). Each table is an earlier table's rows for the youth of §1.9
 * (members aged 12–24 of households with nobody known to be over 24), or for the "youth adults and heads": youth
 * aged 18–24 and youth heads of household (so a 16-year-old head counts where a 16-year-old child does not).
 */
import type { AgeBracket } from '../definitions/age.js';
import { HOUSEHOLD_TYPE_COLUMNS } from '../definitions/household.js';
import { timesPriorToHousing } from '../definitions/time-to-housing.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { ageRows } from './age-rows.js';
import { livingSituationRows } from './q15.js';
import { INCOME_STAGE_HEADER, incomeSourceRows } from './q17.js';
import { incomeCategoryRows } from './q18.js';
import { disablingConditionTable } from './q19b.js';
import { averageAndMedianTable } from './q22b.js';
import { startToMoveInRows } from './q22c.js';
import { timePriorToHousingRows } from './q22e.js';
import { destinationRows } from './q23c.js';
import { subsidyTypeRows } from './q23d.js';
import { COC_BUCKETS, participationTable } from './length-of-participation.js';
import { BLANK, byHouseholdType, count, householdTypeHeader, row } from './table-kit.js';

export const youthOf = (universe: ReportUniverse) => universe.people.filter((p) => p.isYouth);
export const youthAdultsAndHeads = (universe: ReportUniverse) => youthOf(universe).filter((p) => p.isAdultOrHead);

const YOUTH_AGE_BRACKETS: readonly AgeBracket[] = [
  { label: '12-17', min: 12, max: 17 },
  { label: '18-24', min: 18, max: 24 },
];

export const q27a: ReportQuestion<ReportUniverse> = {
  id: 'Q27a',
  title: 'Age of Youth',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q27a',
      title: this.title,
      header: householdTypeHeader(),
      // HUD leaves the unknown-age rows empty (a youth's age is known) and, with Open Path, the unknown-household
      // column from 18-24 down.
      rows: ageRows(youthOf(universe), YOUTH_AGE_BRACKETS, (people, kind) =>
        kind === 'unknown'
          ? [BLANK, ...HOUSEHOLD_TYPE_COLUMNS.map(() => BLANK)]
          : byHouseholdType(people, kind === 'child' ? ['adults-only'] : kind === 'adult' ? ['children-only', 'unknown'] : ['unknown']),
      ),
    };
  },
};

/**
 * Q27b's rows: the households whose head is a parenting youth (§1.9), by the head's age; in each, the parenting youth
 * (the head and youth adults), the head's children aged 0–17, every member, and the households (their heads).
 * Members are the reported people of the household, so a client whose latest stay is elsewhere is counted there.
 */
function parentingYouthRows(people: readonly ReportPerson[]): ReportRow[] {
  const heads = new Map<string, ReportPerson>();
  for (const p of people) {
    if (!p.isHead || !p.isParentingYouth) continue;
    const other = heads.get(p.enrollment.householdId);
    if (!other || other.enrollment.entryDate < p.enrollment.entryDate) heads.set(p.enrollment.householdId, p);
  }
  const byAge = (test: (age: number) => boolean) => {
    const chosen = [...heads.values()].filter((h) => test(h.age!));
    const households = new Set(chosen.map((h) => h.enrollment.householdId));
    const members = people.filter((p) => households.has(p.enrollment.householdId));
    return [
      count(members.filter((p) => p.isParentingYouth)),
      count(members.filter((p) => p.enrollment.relationshipToHoh === 2 && p.isChild)),
      count(members),
      count(chosen),
    ];
  };
  return [row('Parent youth < 18', byAge((age) => age < 18)), row('Parent youth 18 to 24', byAge((age) => age >= 18))];
}

export const q27b: ReportQuestion<ReportUniverse> = {
  id: 'Q27b',
  title: 'Parenting Youth',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q27b',
      title: this.title,
      header: [' ', 'Total parenting youth', 'Total children of parenting youth', 'Total persons', 'Total Households'],
      rows: parentingYouthRows(universe.people),
    };
  },
};

export const q27d: ReportQuestion<ReportUniverse> = {
  id: 'Q27d',
  title: 'Living Situation - Youth',
  reports: ['apr'],
  compute(universe) {
    return { question: 'Q27d', title: this.title, header: householdTypeHeader(), rows: livingSituationRows(youthOf(universe).filter((p) => p.isHead)) };
  },
};

export const q27e: ReportQuestion<ReportUniverse> = {
  id: 'Q27e',
  title: 'Length of Participation - Youth',
  reports: ['apr'],
  compute: (universe) => participationTable('Q27e', q27e.title, COC_BUCKETS, youthOf(universe)),
};

export const q27f1: ReportQuestion<ReportUniverse> = {
  id: 'Q27f1',
  title: 'Exit Destination - Youth',
  reports: ['apr'],
  compute(universe) {
    return { question: 'Q27f1', title: this.title, header: householdTypeHeader(), rows: destinationRows(youthOf(universe).filter((p) => p.isLeaver)) };
  },
};

/** Q27f2: Q23d's rows for youth leavers (HP leavers left out, as in Q23d and Q25j). */
export const q27f2: ReportQuestion<ReportUniverse> = {
  id: 'Q27f2',
  title: 'Exit Destination – Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Youth',
  reports: ['apr'],
  compute(universe) {
    return { question: 'Q27f2', title: this.title, header: householdTypeHeader(), rows: subsidyTypeRows(youthOf(universe).filter((p) => p.isLeaver)) };
  },
};

/** The "with income information" row says "Youth" (DL; OP keeps Q17's "Adults"), as every label of Q27h does. */
export const q27g: ReportQuestion<ReportUniverse> = {
  id: 'Q27g',
  title: 'Cash Income - Sources - Youth',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q27g',
      title: this.title,
      header: INCOME_STAGE_HEADER,
      rows: incomeSourceRows(youthAdultsAndHeads(universe), 'Youth with Income Information at Start and Annual Assessment/Exit'),
    };
  },
};

/** Q27h: Q18's rows for youth adults and heads, every "Adults" and "adult" of Q18's labels saying "Youth" and "youth". */
export const q27h: ReportQuestion<ReportUniverse> = {
  id: 'Q27h',
  title: 'Client Cash Income Category - Earned/Other Income Category - by Start and Annual Assessment/Exit Status - Youth',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q27h',
      title: this.title,
      header: ['Number of Youth By Income Category', 'Number of Youth at Start', 'Number of Youth at Annual Assessment (Stayers)', 'Number of Youth at Exit (Leavers)'],
      rows: incomeCategoryRows(youthAdultsAndHeads(universe), { singular: 'youth', plural: 'Youth' }),
    };
  },
};

/** Q27i: Q19b for youth adults and heads, with the child-only columns (a youth head under 18 has a household of children). */
export const q27i: ReportQuestion<ReportUniverse> = {
  id: 'Q27i',
  title: 'Disabling Conditions and Income for Youth at Exit',
  reports: ['apr'],
  compute(universe) {
    return disablingConditionTable('Q27i', this.title, youthAdultsAndHeads(universe), {
      types: ['adults-only', 'adults-and-children', 'children-only', 'unknown'],
      person: 'Youth',
      total: 'Total Youths',
      unduplicatedTotal: 'Unduplicated Total Youth',
    });
  },
};

export const q27j: ReportQuestion<ReportUniverse> = {
  id: 'Q27j',
  title: 'Average and Median Length of Participation in Days - Youth',
  reports: ['apr'],
  compute: (universe) => averageAndMedianTable('Q27j', q27j.title, youthOf(universe)),
};

/** Q27k: Q22c's rows for the youth in Q22c's universe (PSH and RRH households housed in the report, leavers never housed). */
export const q27k: ReportQuestion<ReportUniverse> = {
  id: 'Q27k',
  title: 'Length of Time between Project Start Date and Housing Move-in Date - Youth',
  reports: ['apr'],
  compute(universe, params) {
    return { question: 'Q27k', title: this.title, header: householdTypeHeader(), rows: startToMoveInRows(youthOf(universe), params) };
  },
};

/** Q27l: Q22e's rows for the youth in Q22e's project types, each with the answer Q22e gives them. */
export const q27l: ReportQuestion<ReportUniverse> = {
  id: 'Q27l',
  title: 'Length of Time Prior to Housing - based on 3.917 Date Homelessness Started - Youth',
  reports: ['apr'],
  compute(universe) {
    return {
      question: 'Q27l',
      title: this.title,
      header: householdTypeHeader(),
      rows: timePriorToHousingRows(timesPriorToHousing({ people: youthOf(universe), households: universe.households })),
    };
  },
};
