/**
 * The least a report needs to know about each client it counts, until the shared universe (universe.ts, written
 * on the `reports` branch) replaces it: the client's latest active enrollment in the chosen projects (reference
 * hud-apr-caper.md §1.2) and what the length of participation needs (§1.5, §1.6).
 */
export interface ActiveStay {
  enrollmentId: string;
  personalId: string;
  projectId: string;
  projectType: number | null;
  entryDate: string;
  /** The exit date when it falls in the report period (a leaver); null for a stayer. */
  exitDate: string | null;
  /** Night-by-night shelters (project type 1): distinct bed nights from project start through the report end. */
  bedNights: number;
}

export interface StayUniverse {
  stays: readonly ActiveStay[];
}
