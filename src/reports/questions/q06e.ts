import { daysBetween } from '../../hud/calendar-days.js';
import type { ReportQuestion } from '../report.model.js';
import type { ReportPerson, ReportUniverse } from '../universe.model.js';
import { bucketOf, count, row } from './table-kit.js';

const BUCKETS = [
  { label: '< 0 days', max: -1 },
  { label: '0 days', max: 0 },
  { label: '1-3 days', max: 3 },
  { label: '4-6 days', max: 6 },
  { label: '7-10 days', max: 10 },
  { label: '11+ days', max: Number.POSITIVE_INFINITY },
];

/** Days from the event to the day its record was made, or null when the person has no such event. */
const delays = (people: readonly ReportPerson[], days: (p: ReportPerson) => number | null) =>
  BUCKETS.map((b) =>
    people.filter((p) => {
      const d = days(p);
      return d !== null && bucketOf(BUCKETS, d) === b;
    }),
  );

export const q06e: ReportQuestion<ReportUniverse> = {
  id: 'Q6e',
  title: 'Data Quality: Timeliness',
  reports: ['apr', 'caper', 'dq'],
  compute(universe, params) {
    const people = universe.people.filter((p) => p.inDqUniverse);
    const starts = delays(people, (p) =>
      p.enrollment.entryDate >= params.from && p.enrollment.entryDate <= params.to ? daysBetween(p.enrollment.entryDate, p.enrollment.createdOn) : null,
    );
    const exits = delays(people, (p) =>
      p.enrollment.exitDate !== null && p.enrollment.exitCreatedOn !== null ? daysBetween(p.enrollment.exitDate, p.enrollment.exitCreatedOn) : null,
    );
    return {
      question: 'Q6e',
      title: this.title,
      header: ['Time for Record Entry', 'Number of Project Start Records', 'Number of Project Exit Records'],
      rows: BUCKETS.map((b, i) => row(b.label, [count(starts[i]!), count(exits[i]!)])),
    };
  },
};
