/**
 * HUD FY2026 code lists of project set-up (2.03–2.09), numbered and labelled as HUD's "CSV Lists", so a stored
 * value is the value an export writes. Sources: /work/shared/reference/hud-hmis-csv.md §4 and
 * hud-psde-rules.md §3.1; labels checked against Open Path's FY2026 lists (lib/data/2026_hud_lists.json), which
 * write HUD's en dashes as hyphens.
 */
import type { Code, CodeList } from './code-lists.js';

/** 2.03.4 GeographyType. HUD's ZIP crosswalk would fill it in; without it, the user chooses. */
export const GEOGRAPHY_TYPE = {
  1: 'Urban',
  2: 'Suburban',
  3: 'Rural',
  99: 'Unknown / data not collected',
} as const satisfies CodeList;

export type GeographyTypeCode = Code<typeof GEOGRAPHY_TYPE>;
