/**
 * Every question, in HUD's file order. One line per question, in that order, so that the questions of two engineers merge
 * without conflict; `questionsOf` picks those of one report.
 */
import type { ReportKind, ReportQuestion } from '../report.model.js';
import type { ReportUniverse } from '../universe.model.js';
import { q04a } from './q04a.js';
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
import { q09a, q09b } from './q09.js';
import { q11 } from './q11.js';
import { q12 } from './q12.js';
import { q13a1, q13a2, q13b1, q13b2, q13c1, q13c2 } from './q13.js';
import { q14a, q14b } from './q14.js';
import { q15 } from './q15.js';
import { q16 } from './q16.js';
import { q17 } from './q17.js';
import { q18 } from './q18.js';
import { q19a1, q19a2 } from './q19a.js';
import { q19b } from './q19b.js';
import { q20a } from './q20a.js';
import { q20b } from './q20b.js';
import { q21 } from './q21.js';
import { q22a1 } from './q22a1.js';
import { q22a2 } from './q22a2.js';
import { q22b } from './q22b.js';
import { q22c } from './q22c.js';
import { q22d } from './q22d.js';
import { q22e } from './q22e.js';
import { q22f } from './q22f.js';
import { q22g } from './q22g.js';
import { q23c } from './q23c.js';
import { q23d } from './q23d.js';
import { q23e } from './q23e.js';
import { q24a } from './q24a.js';
import { q24b } from './q24b.js';
import { q24e } from './q24e.js';
import { q25a } from './q25a.js';
import { q25b } from './q25b.js';
import { q25d } from './q25d.js';
import { q25i } from './q25i.js';
import { q25j } from './q25j.js';
import { q26a } from './q26a.js';
import { q26b } from './q26b.js';
import { q26d } from './q26d.js';
import { q26e } from './q26e.js';
import { q27a, q27b, q27d, q27e, q27f1, q27f2, q27g, q27h, q27i, q27j, q27k, q27l } from './q27.js';
import { q27m } from './q27m.js';

export const QUESTIONS: readonly ReportQuestion<ReportUniverse>[] = [
  q04a,
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
  q09a,
  q09b,
  q11,
  q12,
  q13a1,
  q13b1,
  q13c1,
  q13a2,
  q13b2,
  q13c2,
  q14a,
  q14b,
  q15,
  q16,
  q17,
  q18,
  q19a1,
  q19a2,
  q19b,
  q20a,
  q20b,
  q21,
  q22a1,
  q22a2,
  q22b,
  q22c,
  q22d,
  q22e,
  q22f,
  q22g,
  q23c,
  q23d,
  q23e,
  q24a,
  q24b,
  q24e,
  q25a,
  q25b,
  q25d,
  q25i,
  q25j,
  q26a,
  q26b,
  q26d,
  q26e,
  q27a,
  q27b,
  q27d,
  q27e,
  q27f1,
  q27f2,
  q27g,
  q27h,
  q27i,
  q27j,
  q27k,
  q27l,
  q27m,
];

export function questionsOf(kind: ReportKind): ReportQuestion<ReportUniverse>[] {
  return QUESTIONS.filter((q) => q.reports.includes(kind));
}
