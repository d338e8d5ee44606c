import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { BLANK, count, rate, row } from './table-kit.js';

/** DL's cut-off, inclusive (decided in docs/reports.md): the day 3.917 took its present form. */
const CUT_OFF = '2016-10-01';

const ROWS: readonly { label: string; types: readonly number[] }[] = [
  { label: 'ES-EE, ES-NbN, SH, Street Outreach', types: [0, 1, 4, 8] },
  { label: 'TH', types: [2] },
  { label: 'PH (all)', types: [3, 9, 10, 13] },
  { label: 'CE', types: [14] },
  { label: 'SSO, Day Shelter, HP', types: [6, 11, 12] },
];

const unanswered = (code: number | null) => code === null || code === 8 || code === 9 || code === 99;
const institutional = (ls: number | null) => ls !== null && ls >= 200 && ls <= 299;
const otherHousing = (ls: number | null) => ls === null || (ls >= 0 && ls <= 99) || (ls >= 300 && ls <= 499);
const homeless = (ls: number | null) => ls !== null && ls >= 100 && ls <= 199;

/** The cells C–G a person is flagged in (as column indexes 0–4), for the row of their project type. */
function flags(p: ReportPerson, firstRow: boolean): boolean[] {
  const e = p.enrollment;
  const ls = e.livingSituation;
  const los = e.lengthOfStay;
  const c = !firstRow && institutional(ls) && unanswered(los);
  const d = !firstRow && otherHousing(ls) && unanswered(los);
  const required =
    firstRow ||
    homeless(ls) ||
    (e.previousStreetEssh === 1 && ((institutional(ls) && [10, 11, 2, 3].includes(los ?? -1)) || (otherHousing(ls) && [10, 11].includes(los ?? -1))));
  return [
    c,
    d,
    required && e.dateToStreetEssh === null,
    required && unanswered(e.timesHomelessPastThreeYears),
    required && unanswered(e.monthsHomelessPastThreeYears),
  ];
}

export const q06d: ReportQuestion<ReportUniverse> = {
  id: 'Q6d',
  title: 'Data Quality: Chronic Homelessness',
  reports: ['apr', 'caper', 'dq'],
  compute(universe) {
    const people = universe.people.filter((p) => p.inDqUniverse && p.isAdultOrHead && p.enrollment.entryDate >= CUT_OFF);
    let total: ReportPerson[] = [];
    let totalFlagged: ReportPerson[] = [];
    const rows = ROWS.map(({ label, types }, i) => {
      const inRow = people.filter((p) => types.includes(p.projectType));
      const flagged = inRow.map((p) => [p, flags(p, i === 0)] as const);
      const column = (k: number) => count(flagged.filter(([, f]) => f[k]).map(([p]) => p));
      const any = flagged.filter(([, f]) => f.some(Boolean)).map(([p]) => p);
      total = total.concat(inRow);
      totalFlagged = totalFlagged.concat(any);
      return row(label, [count(inRow), i === 0 ? BLANK : column(0), i === 0 ? BLANK : column(1), column(2), column(3), column(4), rate(any.length, inRow.length)]);
    });
    return {
      question: 'Q6d',
      title: this.title,
      header: [
        'Entering into project type',
        'Count of total records',
        'Missing time in institution (3.917.2)',
        'Missing time in housing (3.917.2)',
        'Approximate date this episode started (3.917.3) DK/PNTA/missing',
        'Number of times (3.917.4) DK/PNTA/missing',
        'Number of months (3.917.5) DK/PNTA/missing',
        '% of records unable to calculate',
      ],
      rows: [...rows, row('Total', [count(total), BLANK, BLANK, BLANK, BLANK, BLANK, rate(totalFlagged.length, total.length)])],
    };
  },
};
