/**
 * Every question, in HUD's file order. One line per question, sorted, so that the questions of two engineers merge
 * without conflict; `questionsOf` picks those of one report.
 */
import type { ReportKind, ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { q05a } from './q05a.js';
import { q06a } from './q06a.js';
import { q06b } from './q06b.js';
import { q06c } from './q06c.js';
import { q06d } from './q06d.js';
import { q06e } from './q06e.js';
import { q06f } from './q06f.js';
import { q07a } from './q07a.js';
import { q07b } from './q07b.js';
import { q08a } from './q08a.js';
import { q08b } from './q08b.js';

export const QUESTIONS: readonly ReportQuestion<ReportUniverse>[] = [
  q05a,
  q06a,
  q06b,
  q06c,
  q06d,
  q06e,
  q06f,
  q07a,
  q07b,
  q08a,
  q08b,
];

export function questionsOf(kind: ReportKind): ReportQuestion<ReportUniverse>[] {
  return QUESTIONS.filter((q) => q.reports.includes(kind));
}
