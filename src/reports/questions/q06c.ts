import type { ReportQuestion } from '../report.model.js';
import type { IncomeRecord, ReportPerson, ReportUniverse } from '../universe.model.js';
import { dqRow, DQ_HEADER, missingBucket, type Bucket } from './data-quality.js';

/** 4.02 at a stage: no record (or one of another day) is missing; Yes without a source, or No with one, is an issue. */
function incomeBucket(record: IncomeRecord | null): Bucket {
  if (record === null) return 'missing';
  const any = record.incomeFromAnySource;
  const unknown = missingBucket(any);
  if (unknown !== null) return unknown;
  const hasSource = record.sources.some((s) => s === 1);
  return (any === 0 && hasSource) || (any === 1 && !hasSource) ? 'issue' : null;
}

const DESTINATION_MISSING = new Set([30, 99]);

export const q06c: ReportQuestion<ReportUniverse> = {
  id: 'Q6c',
  title: 'Data Quality: Income and Housing Data Quality',
  reports: ['apr', 'caper', 'dq'],
  compute(universe) {
    const people = universe.people.filter((p) => p.inDqUniverse);
    const leavers = people.filter((p) => p.isLeaver);
    const adultsAndHeads = people.filter((p) => p.isAdultOrHead);
    const stage = (label: string, group: ReportPerson[], of: (p: ReportPerson) => IncomeRecord | null, denominator: number) =>
      dqRow({ label, people: group, bucket: (p) => incomeBucket(of(p)), denominator, blank: [] });
    const rows = [
      dqRow({
        label: 'Destination (3.12)',
        people: leavers,
        bucket: (p) => {
          const d = p.enrollment.destination;
          if (d === 8 || d === 9) return 'dont-know';
          return d === null || DESTINATION_MISSING.has(d) ? 'missing' : null;
        },
        denominator: leavers.length,
        blank: ['issue'],
      }),
      stage('Income and Sources (4.02) at Start', adultsAndHeads, (p) => p.income.start.record, adultsAndHeads.length),
      stage(
        'Income and Sources (4.02) at Annual Assessment',
        adultsAndHeads.filter((p) => p.annualRequired),
        (p) => p.income.annual.record,
        people.filter((p) => p.isLongStayer).length,
      ),
      stage(
        'Income and Sources (4.02) at Exit',
        adultsAndHeads.filter((p) => p.isLeaver),
        (p) => p.income.exit.record,
        leavers.filter((p) => p.isAdultOrHead).length,
      ),
    ];
    return { question: 'Q6c', title: this.title, header: DQ_HEADER, rows: rows.map((r) => r.row) };
  },
};
