import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { dqRow, DQ_HEADER, missingBucket, type Bucket } from './data-quality.js';
import { BLANK, count, rate, row } from './table-kit.js';

const OLDEST_DOB = '1915-01-01';

function name(p: ReportPerson): Bucket {
  const q = p.client.nameDataQuality;
  if (q === 8 || q === 9) return 'dont-know';
  if (q === 99 || !p.client.hasFirstName || !p.client.hasLastName) return 'missing';
  return q === 2 ? 'issue' : null;
}

function ssn(p: ReportPerson): Bucket {
  const q = p.client.ssnDataQuality;
  if (q === 8 || q === 9) return 'dont-know';
  if (q === 99 || p.client.ssnBlank) return 'missing';
  return q === 2 || p.client.ssnInvalid ? 'issue' : null;
}

/** DOB issues: quality 2, a DOB with an unknown-quality code, before 1915, after the record was made, or on or after an adult's or head's entry. */
function dob(p: ReportPerson): Bucket {
  const { dob: day, dobDataQuality: q } = p.client;
  if (day === null) return q === 2 ? 'issue' : missingBucket(q === 8 || q === 9 ? q : 99);
  if (q === 2 || q === 8 || q === 9 || q === 99) return 'issue';
  if (day < OLDEST_DOB || day > p.client.createdOn) return 'issue';
  return p.isAdultOrHead && day >= p.enrollment.entryDate ? 'issue' : null;
}

function race(p: ReportPerson): Bucket {
  const none = p.client.raceNone;
  if (none === 8 || none === 9) return 'dont-know';
  return none === 99 || !p.client.races.some(Boolean) ? 'missing' : null;
}

export const q06a: ReportQuestion<ReportUniverse> = {
  id: 'Q6a',
  title: 'Data Quality: Personally Identifiable Information',
  reports: ['apr', 'caper', 'dq'],
  compute(universe) {
    const people = universe.people.filter((p) => p.inDqUniverse);
    const rows = (
      [
        ['Name (3.01)', name],
        ['Social Security Number (3.02)', ssn],
        ['Date of Birth (3.03)', dob],
        ['Race/Ethnicity (3.04)', race],
      ] as const
    ).map(([label, bucket]) => dqRow({ label, people, bucket, denominator: people.length, blank: label.startsWith('Race') ? ['issue'] : [] }));
    const flagged = [...new Set(rows.flatMap((r) => r.flagged))];
    return {
      question: 'Q6a',
      title: this.title,
      header: DQ_HEADER,
      rows: [...rows.map((r) => r.row), row('Overall Score', [BLANK, BLANK, BLANK, count(flagged), rate(flagged.length, people.length)])],
    };
  },
};
