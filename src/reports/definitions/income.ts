import { addYears, daysBetween, wholeYears } from '../../hud/calendar-days.js';
import { ANNUAL_WINDOW_DAYS } from '../../hud/annual-assessment.js';
import type { IncomeAtStage, IncomeRecord } from '../universe.model.js';

const EARNED = 0;

/**
 * §1.11 "Determining Total and Earned Income": TotalMonthlyIncome when positive; else the positive amounts of the
 * sources answered Yes; else 0 when 4.02 says no income, or when a total (≤ 0) was recorded with 4.02 Yes or
 * unanswered; else unknown.
 */
export function incomeAt(record: IncomeRecord | null): IncomeAtStage {
  if (record === null) return { record, total: null, earned: null, unknown: 'not-collected' };
  const earnedAmount = record.sources[EARNED] === 1 && (record.amounts[EARNED] ?? 0) > 0 ? record.amounts[EARNED]! : 0;
  const known = (total: number): IncomeAtStage => ({ record, total, earned: Math.min(earnedAmount, total), unknown: null });
  if (record.totalMonthlyIncome !== null && record.totalMonthlyIncome > 0) return known(record.totalMonthlyIncome);
  const amounts = record.amounts.filter((amount, i) => record.sources[i] === 1 && amount !== null && amount > 0) as number[];
  if (amounts.length > 0) return known(amounts.reduce((a, b) => a + b, 0));
  const any = record.incomeFromAnySource;
  if (any === 0) return known(0);
  if (record.totalMonthlyIncome !== null && (any === 1 || any === null)) return known(0);
  return { record, total: null, earned: null, unknown: any === 8 || any === 9 ? 'dont-know' : 'not-collected' };
}

/** The last record of a stage dated exactly `day` (start: the entry date; exit: the exit date). */
export function recordOn<R extends { informationDate: string; dataCollectionStage: number }>(records: readonly R[], stage: number, day: string | null): R | null {
  if (day === null) return null;
  return records.filter((r) => r.dataCollectionStage === stage && r.informationDate === day).at(-1) ?? null;
}

/**
 * §1.11 annual assessment: the anniversary of the household's earliest head-of-household entry that falls last in
 * the report (none in the first year); a stayer who entered on or before it needs one.
 */
export function annualAnniversary(headEntryDate: string, reportEnd: string): string | null {
  const years = wholeYears(headEntryDate, reportEnd);
  return years < 1 ? null : addYears(headEntryDate, years);
}

export function annualRequired(member: { isStayer: boolean; entryDate: string }, anniversary: string | null): boolean {
  return member.isStayer && anniversary !== null && member.entryDate <= anniversary;
}

/** The latest stage-5 record within 30 days of the anniversary, no later than the report end. */
export function annualRecord<R extends { informationDate: string; dataCollectionStage: number }>(records: readonly R[], anniversary: string | null, reportEnd: string): R | null {
  if (anniversary === null) return null;
  return (
    records.filter(
      (r) => r.dataCollectionStage === 5 && Math.abs(daysBetween(anniversary, r.informationDate)) <= ANNUAL_WINDOW_DAYS && r.informationDate <= reportEnd,
    ).at(-1) ?? null
  );
}

/** The income categories of Q18 and Q19a (§1.11): earned income, other income (total − earned) and total income. */
export type IncomeCategory = 'earned' | 'other' | 'total';

/** A category's monthly amount at a stage, null when the total is unknown. */
export function categoryAmount(income: IncomeAtStage, category: IncomeCategory): number | null {
  if (income.total === null) return null;
  const earned = income.earned ?? 0;
  if (category === 'earned') return earned;
  return category === 'other' ? income.total - earned : income.total;
}
