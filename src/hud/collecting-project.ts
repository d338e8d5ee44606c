import type { CollectingProject } from './collection-rules.js';

/** A 2.06 funding source as the collection rules read it: its code and its grant period (calendar days). */
export interface FundingPeriod {
  funder: number;
  startDate: string;
  endDate: string | null;
}

/**
 * The project as HUD's collection rules (collection-rules.ts) see it on one day: its type and the funders whose
 * grant is open that day (start ≤ day ≤ end).
 */
export function collectingProjectOn(projectType: number | null, funders: readonly FundingPeriod[], day: string): CollectingProject {
  return {
    projectType,
    funders: funders.filter((f) => f.startDate <= day && (f.endDate === null || f.endDate >= day)).map((f) => f.funder),
  };
}
