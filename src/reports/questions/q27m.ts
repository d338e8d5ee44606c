import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from '../definitions/answers.js';
import type { ReportQuestion, ReportRow } from '../report.model.js';
import type { ReportPerson, ReportProject, ReportUniverse } from '../universe.model.js';
import { youthOf } from './q27.js';
import { count, row, titleRow } from './table-kit.js';

const YHDP = 43;

/** 2.06 Funder 43 (HUD: CoC – Youth Homeless Demonstration Program) with a grant open during the report. */
export function isYhdpFunded(project: ReportProject, from: string, to: string): boolean {
  return project.funders.some((f) => f.funder === YHDP && f.startDate <= to && (f.endDate === null || f.endDate >= from));
}

/** C3's three questions, in HUD's order, each with its answer rows. */
const SECTIONS: readonly { title: string | null; answers: readonly string[] }[] = [
  {
    title: null,
    answers: ['Not currently enrolled in any school or education course', 'Currently enrolled but not attending regularly', 'Currently enrolled and attending regularly'],
  },
  {
    title: 'For those not enrolled – most recent education status',
    answers: [
      'K12: Graduated from high school',
      'K12: Obtained GED',
      'K12: Dropped out',
      'K12: Suspended',
      'K12: Expelled',
      'Higher education: Pursuing a credential but not currently attending',
      'Higher education: Dropped out',
      'Higher education: Obtained a credential/degree',
    ],
  },
  {
    title: 'For those currently enrolled – current status',
    answers: [
      'Pursuing a high school diploma or GED',
      'Pursuing Associate Degree',
      'Pursuing Bachelor Degree',
      'Pursuing Graduate Degree',
      'Pursuing other post-secondary credential',
    ],
  },
];

/**
 * Q27m's rows. Hearth does not record C3 Youth Education Status yet (the HUD CSV export leaves the file empty), so
 * every youth head is "Data Not Collected" for school attendance at project start and at exit, and the two follow-on
 * questions, asked only of those who answered the first, count nobody. The table keeps HUD's shape for Sage.
 */
function educationRows(heads: readonly ReportPerson[]): ReportRow[] {
  const none = [count([]), count([])];
  const rows: ReportRow[] = [];
  SECTIONS.forEach((section, i) => {
    if (section.title !== null) rows.push(titleRow(section.title, 2));
    for (const answer of section.answers) rows.push(row(answer, none));
    rows.push(row(DONT_KNOW_LABEL, none), row(NOT_COLLECTED_LABEL, i === 0 ? [count(heads), count(heads)] : none));
  });
  rows.push(row('Total', [count(heads), count(heads)]));
  return rows;
}

/** Q27m: youth heads who left a YHDP-funded project (DL's universe; decided in docs/reports.md, §7 #13). */
export const q27m: ReportQuestion<ReportUniverse> = {
  id: 'Q27m',
  title: 'Education Status - Youth',
  reports: ['apr'],
  compute(universe, params) {
    const heads = youthOf(universe).filter((p) => p.isHead && p.isLeaver && isYhdpFunded(p.project, params.from, params.to));
    return { question: 'Q27m', title: this.title, header: ['Current school and attendance', 'At Project Start', 'At Project Exit'], rows: educationRows(heads) };
  },
};
