import type { AnswerBucket } from '../universe.model.js';

/**
 * §1.10: FY2026 counts 8 (client doesn't know) and 9 (prefers not to answer) together, and 99 with a missing
 * answer as "Data Not Collected"; every other code is an answer.
 */
export function answerBucket(code: number | null | undefined): AnswerBucket {
  if (code === 8 || code === 9) return 'dont-know';
  if (code === 99 || code === null || code === undefined) return 'not-collected';
  return 'answered';
}

export const DONT_KNOW_LABEL = 'Client Doesn’t Know/Prefers Not to Answer';
export const NOT_COLLECTED_LABEL = 'Data Not Collected';
