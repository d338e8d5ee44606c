/**
 * Chronic homelessness at project start, as HUD's HMIS Standard Reporting Terminology Glossary computes it
 * ("Chronic Homelessness Status – at Project Start", the flowchart's rows), for one head of household or adult,
 * from the data collected at project start:
 *
 *   1. Disability: 3.08 Disabling condition = Yes, or a 4.05–4.10 record at project start that is disabling
 *      (developmental or HIV/AIDS = Yes; physical, chronic health, mental health or substance use positive and
 *      "expected to be long-continued … and substantially impairs" = Yes). Else 3.08 = No → No;
 *      8/9 → don't know / prefers not to answer; 99 or nothing → missing.
 *   2. Where the person came from (3.917): in shelter, outreach and safe haven projects (3.917A) go on.
 *      Otherwise (3.917B): from a homeless situation, go on; from an institution (stayed under 90 days) or from
 *      other housing (stayed under 7 nights), go on only if they were on the street, in shelter or a safe
 *      haven the night before; a longer stay or "No" → No; an unanswered question → missing.
 *   3. Time: homeless since a day at least 365 days before project start → Yes. Else four or more times in three
 *      years AND 12 or more months in total → Yes; fewer times or months → No; 8/9 → don't know / prefers not
 *      to answer; 99 or nothing → missing.
 *
 * The household's status follows the members present at its start (householdChronicStatus).
 */
import { addDays } from './calendar-days.js';
import { livingSituationGroup } from './enrollment-code-lists.js';

export type ChronicStatus = 'yes' | 'no' | 'dont-know' | 'missing';

/** The project types whose prior living situation is HUD's 3.917A: shelter, street outreach, safe haven. */
const FORM_A_PROJECT_TYPES: ReadonlySet<number> = new Set([0, 1, 4, 8]);

/** A 4.05–4.10 record at project start. */
export interface StartDisability {
  /** 1.3 DisabilityType: 5 physical, 6 developmental, 7 chronic health, 8 HIV/AIDS, 9 mental health, 10 substance use. */
  disabilityType: number;
  /** 1.8 (or 4.10.2 for substance use: 1 alcohol, 2 drug, 3 both). */
  disabilityResponse: number | null;
  indefiniteAndImpairs: number | null;
}

export interface ChronicInputs {
  projectType: number;
  projectStart: string;
  disablingCondition: number | null;
  disabilities: readonly StartDisability[];
  livingSituation: number | null;
  losUnderThreshold: number | null;
  previousStreetEssh: number | null;
  dateToStreetEssh: string | null;
  timesHomelessPastThreeYears: number | null;
  monthsHomelessPastThreeYears: number | null;
}

/** Whether a 4.05–4.10 answer makes the person disabled by HUD's definition (Open Path's "qualifying" test too). */
export function isDisablingRecord(record: StartDisability): boolean {
  const positive = record.disabilityResponse !== null && [1, 2, 3].includes(record.disabilityResponse);
  if (!positive) return false;
  if (record.disabilityType === 6 || record.disabilityType === 8) return record.disabilityResponse === 1;
  // 2 and 3 are answers only of substance use (4.10.2); elsewhere only 1 is Yes.
  if (record.disabilityType !== 10 && record.disabilityResponse !== 1) return false;
  return record.indefiniteAndImpairs === 1;
}

const unknown = (code: number | null): ChronicStatus => (code === 8 || code === 9 ? 'dont-know' : 'missing');

export function chronicStatusAtStart(input: ChronicInputs): ChronicStatus {
  // 1. Disability.
  if (input.disablingCondition !== 1 && !input.disabilities.some(isDisablingRecord)) {
    return input.disablingCondition === 0 ? 'no' : unknown(input.disablingCondition);
  }
  // 2. Where from.
  if (!FORM_A_PROJECT_TYPES.has(input.projectType)) {
    if (input.livingSituation === null) return 'missing';
    if (livingSituationGroup(input.livingSituation) !== 'homeless') {
      if (input.losUnderThreshold === 0) return 'no';
      if (input.losUnderThreshold !== 1) return 'missing';
      if (input.previousStreetEssh === 0) return 'no';
      if (input.previousStreetEssh !== 1) return 'missing';
    }
  }
  // 3. Time.
  if (input.dateToStreetEssh !== null && input.dateToStreetEssh <= addDays(input.projectStart, -365)) return 'yes';
  const times = input.timesHomelessPastThreeYears;
  if (times === 1 || times === 2 || times === 3) return 'no';
  if (times !== 4) return unknown(times);
  const months = input.monthsHomelessPastThreeYears;
  if (months === 112 || months === 113) return 'yes';
  if (months !== null && months >= 101 && months <= 111) return 'no';
  return unknown(months);
}

/**
 * A household's status, from its members present at its start (HUD: members who join later cannot change it):
 * chronic if any head or adult is; otherwise not chronic if every head and adult is known not to be; otherwise
 * don't know if any said so; otherwise missing. Children carry the household's status: their own answers never
 * make it.
 */
export function householdChronicStatus(members: readonly { isHeadOrAdult: boolean; status: ChronicStatus }[]): ChronicStatus {
  const adults = members.filter((m) => m.isHeadOrAdult).map((m) => m.status);
  if (adults.includes('yes')) return 'yes';
  if (adults.length > 0 && adults.every((s) => s === 'no')) return 'no';
  if (adults.includes('dont-know')) return 'dont-know';
  return 'missing';
}
