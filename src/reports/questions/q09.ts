/**
 * Q9a Number of Persons Contacted and Q9b Number of Persons Engaged (street outreach and night-by-night shelters):
 * contacts from project start to the earliest of exit, engagement and report end, the engagement itself counting
 * as a contact when no contact was recorded that day; columns by the first contact's situation.
 */
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { count, rate, row } from './table-kit.js';

const CONTACT_PROJECT_TYPES: ReadonlySet<number> = new Set([1, 4]);
const UNABLE_TO_DETERMINE = new Set([37, 8, 9, 99]);

type FirstContact = 'not' | 'was' | 'unable';

interface Contacted {
  person: ReportPerson;
  contacts: number;
  first: FirstContact;
  engaged: boolean;
}

function contactsOf(p: ReportPerson, from: string, to: string): Contacted | null {
  const e = p.enrollment;
  const engagement = e.dateOfEngagement !== null && e.dateOfEngagement <= to ? e.dateOfEngagement : null;
  const last = [e.exitDate, engagement, to].filter((d): d is string => d !== null).sort()[0]!;
  const counted = e.contacts.filter((c) => c.informationDate >= e.entryDate && c.informationDate <= last);
  const engagedInReport = engagement !== null && engagement >= from;
  const contactedInReport = counted.some((c) => c.informationDate >= from);
  if (!engagedInReport && !contactedInReport) return null;
  const pseudo = engagement !== null && !counted.some((c) => c.informationDate === engagement);
  const situation = counted[0]?.currentLivingSituation ?? null;
  const first: FirstContact =
    situation === null || UNABLE_TO_DETERMINE.has(situation) ? 'unable' : situation >= 100 && situation <= 199 ? 'was' : 'not';
  return { person: p, contacts: counted.length + (pseudo ? 1 : 0), first, engaged: engagedInReport };
}

const HEADER_COLUMNS = [
  'All Persons Contacted',
  'First contact - NOT staying on the Streets, ES, or SH',
  'First contact - WAS staying on Streets, ES, or SH',
  'First contact - Worker unable to determine',
];
const COLUMNS: readonly (FirstContact | null)[] = [null, 'not', 'was', 'unable'];
const BANDS = [
  { min: 1, max: 1 },
  { min: 2, max: 5 },
  { min: 6, max: 9 },
  { min: 10, max: Number.POSITIVE_INFINITY },
];

function contacted(universe: ReportUniverse, from: string, to: string): Contacted[] {
  return universe.people
    .filter((p) => p.isAdultOrHead && CONTACT_PROJECT_TYPES.has(p.projectType))
    .map((p) => contactsOf(p, from, to))
    .filter((c): c is Contacted => c !== null);
}

const cellsOf = (group: readonly Contacted[]) => COLUMNS.map((col) => count(group.filter((c) => col === null || c.first === col).map((c) => c.person)));

function bandRows(group: readonly Contacted[], labels: readonly string[]) {
  return BANDS.map((b, i) => row(labels[i]!, cellsOf(group.filter((c) => c.contacts >= b.min && c.contacts <= b.max))));
}

export const q09a: ReportQuestion<ReportUniverse> = {
  id: 'Q9a',
  title: 'Number of Persons Contacted',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const all = contacted(universe, params.from, params.to);
    return {
      question: 'Q9a',
      title: this.title,
      header: ['Number of Persons Contacted', ...HEADER_COLUMNS],
      rows: [...bandRows(all, ['Once', '2-5 Times', '6-9 Times', '10+ Times']), row('Total Persons Contacted', cellsOf(all))],
    };
  },
};

export const q09b: ReportQuestion<ReportUniverse> = {
  id: 'Q9b',
  title: 'Number of Persons Engaged',
  reports: ['apr', 'caper'],
  compute(universe, params) {
    const all = contacted(universe, params.from, params.to);
    const engaged = all.filter((c) => c.engaged);
    const contactedCells = cellsOf(all);
    const engagedCells = cellsOf(engaged);
    return {
      question: 'Q9b',
      title: this.title,
      header: ['Number of Persons Engaged', ...HEADER_COLUMNS],
      rows: [
        ...bandRows(engaged, ['Once', '2-5 Contacts', '6-9 Contacts', '10+ Contacts']),
        row('Total Persons Engaged', engagedCells),
        row(
          'Rate of Engagement',
          engagedCells.map((c, i) => rate(c.value as number, contactedCells[i]!.value as number)),
        ),
      ],
    };
  },
};
