import { COC_CODE_PATTERN } from '../../projects/project-setup-fields.js';
import { isDisablingRecord } from '../../hud/chronic-homelessness.js';
import type { ReportQuestion } from '../report.model.js';
import type { OtherStay, ReportPerson, ReportUniverse } from '../universe.model.js';
import { dqRow, DQ_HEADER, missingBucket, type Bucket } from './data-quality.js';

/** An earlier stay of the client in the same project that was still open when this one started. */
function overlaps(p: ReportPerson, staysOf: Map<string, OtherStay[]>): boolean {
  const e = p.enrollment;
  return (staysOf.get(e.personalId) ?? []).some(
    (s) =>
      s.projectId === e.projectId &&
      s.enrollmentId !== e.enrollmentId &&
      s.entryDate < e.entryDate &&
      (s.exitDate === null || e.entryDate < s.exitDate),
  );
}

/** The latest record of each disability type up to the report end shows a disabling condition. */
function latestRecordsDisabling(p: ReportPerson, reportEnd: string): boolean {
  const latest = new Map<number, (typeof p.enrollment.disabilities)[number]>();
  for (const d of p.enrollment.disabilities) if (d.informationDate <= reportEnd) latest.set(d.disabilityType, d);
  return [...latest.values()].some(isDisablingRecord);
}

export const q06b: ReportQuestion<ReportUniverse> = {
  id: 'Q6b',
  title: 'Data Quality: Universal Data Elements',
  reports: ['apr', 'caper', 'dq'],
  compute(universe, params) {
    const people = universe.people.filter((p) => p.inDqUniverse);
    const heads = people.filter((p) => p.isHead);
    const staysOf = new Map<string, OtherStay[]>();
    for (const s of universe.stays) {
      const list = staysOf.get(s.personalId);
      if (list) list.push(s);
      else staysOf.set(s.personalId, [s]);
    }
    const headsIn = (householdId: string) => (universe.households.get(householdId) ?? []).filter((m) => m.relationshipToHoh === 1).length;
    const rows = [
      dqRow({
        label: 'Veteran Status (3.07)',
        people,
        bucket: (p): Bucket => (p.isAdult ? missingBucket(p.client.veteranStatus) : p.isChild && p.client.veteranStatus === 1 ? 'issue' : null),
        denominator: people.filter((p) => p.isAdult || p.isChild).length,
      }),
      dqRow({
        label: 'Project Start Date (3.10)',
        people,
        bucket: (p) => (overlaps(p, staysOf) ? 'issue' : null),
        denominator: people.length,
        blank: ['dont-know', 'missing'],
      }),
      dqRow({
        label: 'Relationship to Head of Household (3.15)',
        people,
        bucket: (p) => {
          const r = p.enrollment.relationshipToHoh;
          if (r === null) return 'missing';
          return r < 1 || r > 5 || headsIn(p.enrollment.householdId) !== 1 ? 'issue' : null;
        },
        denominator: people.length,
        blank: ['dont-know'],
      }),
      dqRow({
        label: 'Enrollment CoC (3.16)',
        people: heads,
        bucket: (p) => {
          const coc = p.enrollment.enrollmentCoc;
          if (coc === null || coc.trim() === '') return 'missing';
          return COC_CODE_PATTERN.test(coc) ? null : 'issue';
        },
        denominator: heads.length,
        blank: ['dont-know'],
      }),
      dqRow({
        label: 'Disabling Condition (3.08)',
        people,
        bucket: (p) => {
          const d = p.enrollment.disablingCondition;
          if (d === 0 && latestRecordsDisabling(p, params.to)) return 'issue';
          return missingBucket(d);
        },
        denominator: people.length,
      }),
    ];
    return { question: 'Q6b', title: this.title, header: DQ_HEADER, rows: rows.map((r) => r.row) };
  },
};
