import { code, readDayInStay, text, type StayBounds } from '../contacts/contact-fields.js';
import { formatDay, readDate } from '../enrollments/enrollment-fields.js';
import { asksCaseManagementAfter, asksPlacementLocation, asksProblemSolvingResult, asksReferralResult, SELECTABLE_EVENTS } from '../hud/occurrence-code-lists.js';
import type { CeAssessmentFields, CeAssessmentInput, CeEventFields, CeEventInput } from './coordinated-entry.model.js';

type Errors = Record<string, string[]>;
const adder = (errors: Errors) => (field: string, message: string) => (errors[field] ??= []).push(message);

/** 4.19: every field required (HUD needs all five for reporting); the date within the stay. */
export function validateAssessment(input: CeAssessmentInput, stay: StayBounds, errors: Errors): CeAssessmentFields | null {
  const add = adder(errors);
  const date = readDayInStay(input.assessmentDate, 'the date of the assessment', stay, (m) => add('assessmentDate', m));
  const location = text(input.assessmentLocation, 250);
  if (location === null) add('assessmentLocation', 'Type where the assessment took place.');
  else if (location === undefined) add('assessmentLocation', 'Type at most 250 characters.');
  const choose = (field: 'assessmentType' | 'assessmentLevel' | 'prioritizationStatus', allowed: readonly number[], what: string) => {
    const value = code(input[field], allowed);
    if (value === null || value === undefined) add(field, `Choose ${what}.`);
    return value ?? null;
  };
  const type = choose('assessmentType', [1, 2, 3], 'how the assessment was done');
  const level = choose('assessmentLevel', [1, 2], 'the assessment level');
  const status = choose('prioritizationStatus', [1, 2], 'the prioritization status');
  if (Object.keys(errors).length > 0 || !date || !location || type === null || level === null || status === null) return null;
  return { assessmentDate: date, assessmentLocation: location, assessmentType: type, assessmentLevel: level, prioritizationStatus: status };
}

/** 4.20: the event and its dependents (A for event 2, B for 5, C for 10–15, D for 10–15 and 18, E with D). */
export function validateEvent(input: CeEventInput, stay: StayBounds, errors: Errors): CeEventFields | null {
  const add = adder(errors);
  const date = readDayInStay(input.eventDate, 'the date of the event', stay, (m) => add('eventDate', m));
  const event = code(input.event, SELECTABLE_EVENTS);
  if (event === null || event === undefined) add('event', 'Choose the event.');
  const known = event ?? null;
  const dependent = <T,>(field: keyof CeEventInput, value: T | null | undefined, asked: boolean, required: boolean, question: string): T | null => {
    if (value === undefined) add(field, 'Choose one of the answers.');
    else if (known !== null && !asked && value !== null) add(field, `Leave “${question}” empty: it is not asked for this event.`);
    else if (known !== null && asked && required && value === null) add(field, `Answer “${question}”: HUD asks it for this event.`);
    return asked ? (value ?? null) : null;
  };
  const probSol = dependent('probSolDivRrResult', code(input.probSolDivRrResult, [0, 1, 99]), known !== null && asksProblemSolvingResult(known), true, 'Client housed or re-housed in a safe alternative');
  const caseManage = dependent('referralCaseManageAfter', code(input.referralCaseManageAfter, [0, 1, 99]), known !== null && asksCaseManagementAfter(known), true, 'Enrolled in aftercare project');
  const location = dependent('locationCrisisOrPhHousing', text(input.locationCrisisOrPhHousing, 250), known !== null && asksPlacementLocation(known), false, 'Location of crisis housing or permanent housing referral');
  const result = dependent('referralResult', code(input.referralResult, [1, 2, 3]), known !== null && asksReferralResult(known), false, 'Referral result');
  const typedResultDate = input.resultDate.trim();
  let resultDate: string | null = null;
  if (result === null && typedResultDate) add('resultDate', 'Leave the result date empty until there is a referral result.');
  else if (result !== null) {
    const day = readDate(typedResultDate);
    if (!day) add('resultDate', 'Type the date of the referral result (MM/DD/YYYY).');
    else if (day > stay.today) add('resultDate', 'The result date cannot be in the future.');
    else if (date && day < date) add('resultDate', `The result date cannot be before the event (${formatDay(date)}).`);
    else resultDate = day;
  }
  if (Object.keys(errors).length > 0 || !date || known === null) return null;
  return { eventDate: date, event: known, probSolDivRrResult: probSol, referralCaseManageAfter: caseManage, locationCrisisOrPhHousing: location, referralResult: result, resultDate };
}
