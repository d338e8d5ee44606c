import type { StayUniverse } from '../active-stays.model.js';
import type { ReportKind, ReportQuestion } from '../report.model.js';
import { q22a1 } from './q22a1.js';
import { q22a2 } from './q22a2.js';
import { q22b } from './q22b.js';

/** Every question, in Sage's file order: one line each. */
export const QUESTIONS: readonly ReportQuestion<StayUniverse>[] = [
  q22a1,
  q22a2,
  q22b,
];

export const questionsOf = (kind: ReportKind): ReportQuestion<StayUniverse>[] => QUESTIONS.filter((q) => q.reports.includes(kind));
