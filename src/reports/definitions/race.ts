/**
 * §1.15 Race and ethnicity from the seven FY2026 Client columns: the 33 rows of Q12 and the 10 groups of Q22f,
 * Q22g and Q23e. The labels are OP's, which Sage accepted.
 */
import type { ReportClient } from '../universe.model.js';
import { DONT_KNOW_LABEL, NOT_COLLECTED_LABEL } from './answers.js';

/** In the order of the Client columns (RACE_FIELDS). */
export const RACE_LABELS = [
  'American Indian, Alaska Native, or Indigenous',
  'Asian or Asian American',
  'Black, African American, or African',
  'Hispanic/Latina/e/o',
  'Middle Eastern or North African',
  'Native Hawaiian or Pacific Islander',
  'White',
] as const;

const HISPANIC = 3;

/** The columns selected, as indexes into RACE_LABELS. */
export const selectedRaces = (client: ReportClient) => client.races.flatMap((selected, i) => (selected ? [i] : []));

export interface RaceRow {
  label: string;
  test: (client: ReportClient) => boolean;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const noRace = (c: ReportClient) => selectedRaces(c).length === 0;

/** Q12's 33 rows, without the total. */
export const Q12_RACE_ROWS: readonly RaceRow[] = [
  ...RACE_LABELS.map((label, i) => ({ label, test: (c: ReportClient) => same(selectedRaces(c), [i]) })),
  ...RACE_LABELS.flatMap((_, i) =>
    RACE_LABELS.slice(i + 1).map((second, k) => ({
      label: `${second} & ${RACE_LABELS[i]}`,
      test: (c: ReportClient) => same(selectedRaces(c), [i, i + 1 + k]),
    })),
  ),
  {
    label: 'Multiracial – more than 2 races/ethnicity, with one being Hispanic/Latina/e/o',
    test: (c) => selectedRaces(c).length > 2 && c.races[HISPANIC] === true,
  },
  { label: 'Multiracial – more than 2 races, where no option is Hispanic/Latina/e/o', test: (c) => selectedRaces(c).length > 2 && !c.races[HISPANIC] },
  { label: DONT_KNOW_LABEL, test: (c) => noRace(c) && (c.raceNone === 8 || c.raceNone === 9) },
  { label: NOT_COLLECTED_LABEL, test: (c) => noRace(c) && c.raceNone !== 8 && c.raceNone !== 9 },
];

/** The 10 groups of Q22f, Q22g and Q23e. */
export const RACE_GROUPS: readonly RaceRow[] = [
  ...RACE_LABELS.map((label, i) => ({ label, test: (c: ReportClient) => same(selectedRaces(c), [i]) })),
  { label: 'At Least 1 Race and Hispanic/Latina/e/o', test: (c) => selectedRaces(c).length > 1 && c.races[HISPANIC] === true },
  { label: 'Multi-racial (does not include Hispanic/Latina/e/o)', test: (c) => selectedRaces(c).length > 1 && !c.races[HISPANIC] },
  { label: 'Unknown (Doesn’t Know, Prefers not to Answer, Data not Collected)', test: noRace },
];

/**
 * The items in each row of `rows`, in one pass. A row's test depends only on the client's seven race columns and
 * their "none" answer, so it runs once per combination of answers (at most a few hundred), not once per person and row.
 */
export function groupByRace<T>(rows: readonly RaceRow[], items: readonly T[], clientOf: (item: T) => ReportClient): T[][] {
  const groups = rows.map((): T[] => []);
  const rowsOfAnswers = new Map<string, number[]>();
  for (const item of items) {
    const client = clientOf(item);
    const answers = `${client.races.map((selected) => (selected ? 1 : 0)).join('')}:${client.raceNone}`;
    let matching = rowsOfAnswers.get(answers);
    if (!matching) rowsOfAnswers.set(answers, (matching = rows.flatMap((r, i) => (r.test(client) ? [i] : []))));
    for (const i of matching) groups[i]!.push(item);
  }
  return groups;
}
