/**
 * §1.12 Physical and mental health conditions (Q13, Q26e): a condition is present when its 4.05–4.10 answer is
 * Yes (for substance use: alcohol, drug or both); "indefinite and impairs" is not required here.
 */
import type { DisabilityRecord } from '../universe.model.js';

export const CONDITIONS: readonly { label: string; type: number; responses: readonly number[]; weight: number }[] = [
  { label: 'Mental Health Disorder', type: 9, responses: [1], weight: 1 },
  { label: 'Alcohol Use Disorder', type: 10, responses: [1], weight: 1 },
  { label: 'Drug Use Disorder', type: 10, responses: [2], weight: 1 },
  { label: 'Both Alcohol and Drug Use Disorders', type: 10, responses: [3], weight: 2 },
  { label: 'Chronic Health Condition', type: 7, responses: [1], weight: 1 },
  { label: 'HIV/AIDS', type: 8, responses: [1], weight: 1 },
  { label: 'Developmental Disability', type: 6, responses: [1], weight: 1 },
  { label: 'Physical Disability', type: 5, responses: [1], weight: 1 },
];

/** The latest record of each type among `records`. */
export function latestByType(records: readonly DisabilityRecord[]): DisabilityRecord[] {
  const latest = new Map<number, DisabilityRecord>();
  for (const r of records) latest.set(r.disabilityType, r);
  return [...latest.values()];
}

/** Records at start (stage 1), at exit (stage 3, dated the exit), or for a stayer the latest date's (stages 1, 2, 5 — DL). */
export function conditionRecords(records: readonly DisabilityRecord[], stage: 'start' | 'exit' | 'latest', exitDate: string | null, reportEnd: string): DisabilityRecord[] {
  if (stage === 'start') return latestByType(records.filter((r) => r.dataCollectionStage === 1));
  if (stage === 'exit') return latestByType(records.filter((r) => r.dataCollectionStage === 3 && r.informationDate === exitDate));
  const eligible = records.filter((r) => [1, 2, 5].includes(r.dataCollectionStage) && r.informationDate <= reportEnd);
  const lastDate = eligible.reduce((max, r) => (r.informationDate > max ? r.informationDate : max), '');
  return latestByType(eligible.filter((r) => r.informationDate === lastDate));
}

export const hasCondition = (records: readonly DisabilityRecord[], condition: (typeof CONDITIONS)[number]) =>
  records.some((r) => r.disabilityType === condition.type && condition.responses.includes(r.disabilityResponse));

/** How many conditions, "both alcohol and drug" counting two (DL). */
export const conditionCount = (records: readonly DisabilityRecord[]) => CONDITIONS.reduce((n, c) => n + (hasCondition(records, c) ? c.weight : 0), 0);
