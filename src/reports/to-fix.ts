/**
 * What a "to fix" list reads of the Data Quality tables: the cells that count clients with a missing or invalid
 * element. The rules stay in the questions (q06a.ts …); this only says which columns are problems and where each
 * row's element is fixed. Q5a counts people, and Q6e's timeliness cannot be fixed after the fact: neither is here.
 */
import type { ReportTable } from './report.model.js';
import type { FixPlace, ToFixIssue } from './to-fix.model.js';

interface FlaggedColumns {
  /** Cell indexes (0 is column B) whose clients have something to fix. */
  columns: readonly number[];
  /** The problem, when the column's header does not say it plainly. */
  problem?: string;
  /** The element is the column's header (Q6d, whose rows are project types), not the row's label. */
  elementInHeader?: boolean;
  /** Where each row's element is fixed, by the start of its label; the enrollment's page otherwise. */
  fixes: readonly (readonly [string, FixPlace])[];
}

const DQ_BUCKETS = [0, 1, 2];

/** The tables a "to fix" list reads, and how. */
export const TO_FIX_TABLES: Readonly<Record<string, FlaggedColumns>> = {
  Q6a: { columns: DQ_BUCKETS, fixes: [['', 'client']] },
  Q6b: {
    columns: DQ_BUCKETS,
    fixes: [
      ['Veteran Status', 'client'],
      ['Project Start Date', 'entry'],
      ['Enrollment CoC', 'entry'],
      ['Disabling Condition', 'entry'],
    ],
  },
  Q6c: {
    columns: DQ_BUCKETS,
    fixes: [
      ['Destination', 'exit'],
      ['Income and Sources', 'assessments'],
    ],
  },
  Q6d: { columns: [1, 2, 3, 4, 5], problem: 'Missing, or not known', elementInHeader: true, fixes: [['', 'entry']] },
  Q6f: { columns: [1], problem: 'Inactive: nothing recorded in the last 90 days of the period', fixes: [] },
};

/** The issues of each enrollment flagged in these tables, in the tables' order. */
export function toFixIssues(tables: readonly ReportTable[]): Map<string, ToFixIssue[]> {
  const out = new Map<string, ToFixIssue[]>();
  for (const table of tables) {
    const spec = TO_FIX_TABLES[table.question];
    if (!spec) continue;
    for (const row of table.rows) {
      const fix = spec.fixes.find(([start]) => row.label.startsWith(start))?.[1] ?? 'enrollment';
      for (const column of spec.columns) {
        const ids = row.cells[column]?.enrollmentIds ?? [];
        const header = table.header[column + 1] ?? '';
        const element = spec.elementInHeader ? header : row.label;
        const problem = spec.problem ?? header;
        for (const id of ids) {
          const issue: ToFixIssue = { question: table.question, element, problem, fix };
          const list = out.get(id);
          if (list) list.push(issue);
          else out.set(id, [issue]);
        }
      }
    }
  }
  return out;
}
