import {
  ALWAYS_DISABLING,
  BENEFIT_SOURCES,
  DISABILITY_TYPES,
  INCOME_SOURCES,
  INSURANCE_SOURCES,
  SUBSTANCE_USE_RESPONSE,
  WHEN_DV_OCCURRED,
} from '../hud/assessment-code-lists.js';
import { NO_YES_REASONS_FOR_MISSING_DATA, type CodeList } from '../hud/code-lists.js';
import type { ProgramElement } from '../hud/collection-rules.js';
import { addError, readCode, readText, type FieldErrors } from '../projects/project-fields.js';
import type {
  BenefitsFields,
  DisabilityAnswer,
  DomesticViolenceFields,
  IncomeFields,
  InsuranceFields,
  MemberAnswersInput,
  StageAnswers,
} from './assessments.model.js';

/**
 * Reading one member's answers at a stage, with HUD's dependency rules (reference §2.1–§2.5):
 *
 * - 4.02: a source's monthly amount typed means the source is Yes; "from any source" Yes needs at least one,
 *   No forbids any (every source is then recorded No, the total $0.00); the total is the sum, never typed.
 * - 4.03 and 4.04: the same with ticked sources instead of amounts.
 * - "Client doesn't know", "Client prefers not to answer" and "Data not collected" ask nothing further: what
 *   was typed below them is cleared, and the sources are stored empty (null), as HUD's CSV wants.
 * - 4.05–4.10: "long-continued and indefinite … impairs" is asked only of a positive physical, chronic health,
 *   mental health or substance use answer (developmental disability and HIV/AIDS are always disabling).
 * - A disability that is disabling makes 3.08 Disabling condition Yes: the assessments service sets it once the
 *   answers are saved, so the two never contradict each other (HUD's data-quality rule D6).
 * - 4.11: when it occurred and whether the client is currently fleeing are asked of survivors only.
 */

const YES = 1;
const NO = 0;
const CLEARS = new Set([8, 9, 99]);
/** HUD M+ amounts: whole dollars and cents, at most $999,999.99 a month (more is a typing mistake). */
const MAX_CENTS = 99_999_999;
const IDENTIFY_MAX = 50;

/** The form fields one member's answers are read from (each prefixed with the member's `m<i>.`). */
export const ANSWER_FIELDS = [
  'incomeFromAnySource',
  ...INCOME_SOURCES.map((s) => s.amount),
  'otherIncomeSourceIdentify',
  'benefitsFromAnySource',
  'otherBenefitsSourceIdentify',
  'insuranceFromAnySource',
  'otherInsuranceIdentify',
  ...DISABILITY_TYPES.flatMap((d) => [`disability${d.type}`, `impairs${d.type}`]),
  'domesticViolenceSurvivor',
  'whenOccurred',
  'currentlyFleeing',
] as const;
/** The fields that hold several ticked values. */
export const ANSWER_LIST_FIELDS = ['benefits', 'insurance'] as const;

export interface AnswerContext {
  /** Field-name prefix of this member's fields, e.g. `m0.`. */
  prefix: string;
  /** The member's name, to begin each message with (empty for a one-person form). */
  who: string;
  elements: readonly ProgramElement[];
}

function text(input: MemberAnswersInput, field: string): string {
  const value = input[field];
  return typeof value === 'string' ? value : '';
}

function list(input: MemberAnswersInput, field: string): string[] {
  const value = input[field];
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : [...value]).filter(Boolean);
}

/** A reader that names the field with the member's prefix and begins each message with the member's name. */
function refusals(ctx: AnswerContext, errors: FieldErrors) {
  return (field: string, message: string) =>
    addError(errors, ctx.prefix + field, ctx.who ? `${ctx.who}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message);
}

function code(input: MemberAnswersInput, field: string, codes: CodeList, question: string, refuse: (field: string, message: string) => void): number | null {
  const typed = text(input, field);
  const value = readCode(codes, typed);
  if (value === undefined) refuse(field, `Choose one of the answers to “${question}”.`);
  else if (value === null) refuse(field, `Answer “${question}”.`);
  return value ?? null;
}

/** A typed monthly amount → cents; null when empty; undefined when it is not an amount. */
export function readCents(typed: string): number | null | undefined {
  const textValue = typed.trim().replace(/^\$\s*/, '');
  if (!textValue) return null;
  if (!/^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})?$/.test(textValue)) return undefined;
  const [dollars, cents = ''] = textValue.replace(/,/g, '').split('.');
  return Number(dollars) * 100 + Number(cents.padEnd(2, '0'));
}

/** Cents → "1,234.50", as the forms show an amount. */
export function formatCents(cents: number | null): string {
  if (cents === null) return '';
  return (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function identify(input: MemberAnswersInput, field: string, wanted: boolean, what: string, ctx: AnswerContext, errors: FieldErrors): string | null {
  if (!wanted) return null;
  const local: FieldErrors = {};
  const value = readText(text(input, field), field, what, { max: IDENTIFY_MAX, required: true }, local);
  for (const message of local[field] ?? []) refusals(ctx, errors)(field, message);
  return value;
}

function readIncome(input: MemberAnswersInput, ctx: AnswerContext, errors: FieldErrors): IncomeFields {
  const refuse = refusals(ctx, errors);
  const any = code(input, 'incomeFromAnySource', NO_YES_REASONS_FOR_MISSING_DATA, 'Income from any source', refuse);
  const amounts = new Map<string, number>();
  const known = any === YES || any === NO;
  for (const source of known ? INCOME_SOURCES : []) {
    const cents = readCents(text(input, source.amount));
    if (cents === undefined) refuse(source.amount, `Type the monthly amount of ${source.label} in dollars and cents (for example 450.00).`);
    else if (cents !== null && (cents <= 0 || cents > MAX_CENTS)) refuse(source.amount, `The monthly amount of ${source.label} must be more than $0 and at most $999,999.99; leave it empty if there is none.`);
    else if (cents !== null) amounts.set(source.flag, cents);
  }
  const fields = { incomeFromAnySource: any, totalMonthlyIncome: null, otherIncomeSourceIdentify: null } as IncomeFields;
  for (const source of INCOME_SOURCES) {
    fields[source.flag] = known ? (amounts.has(source.flag) ? YES : NO) : null;
    fields[source.amount] = any === YES ? (amounts.get(source.flag) ?? null) : null;
  }
  if (any === YES && amounts.size === 0) refuse('incomeFromAnySource', 'Income from any source is Yes: type the monthly amount of at least one source.');
  if (any === NO && amounts.size > 0) refuse('incomeFromAnySource', 'Income from any source is No, yet amounts are typed: answer Yes, or clear the amounts.');
  if (known) fields.totalMonthlyIncome = any === YES ? [...amounts.values()].reduce((sum, cents) => sum + cents, 0) : 0;
  fields.otherIncomeSourceIdentify = identify(input, 'otherIncomeSourceIdentify', any === YES && amounts.has('otherIncomeSource'), 'other source of income', ctx, errors);
  return fields;
}

/** 4.03 and 4.04: "from any source", and the sources ticked. */
function readTicked<F extends { flag: string }>(
  input: MemberAnswersInput,
  ctx: AnswerContext,
  errors: FieldErrors,
  spec: { anyField: string; listField: string; question: string; sources: readonly F[]; otherFlag: string; otherField: string; otherWhat: string },
): Record<string, number | string | null> {
  const refuse = refusals(ctx, errors);
  const any = code(input, spec.anyField, NO_YES_REASONS_FOR_MISSING_DATA, spec.question, refuse);
  const ticked = new Set(list(input, spec.listField));
  const flags = new Set(spec.sources.map((s) => s.flag));
  if ([...ticked].some((value) => !flags.has(value))) refuse(spec.listField, `Tick only the sources listed under “${spec.question}”.`);
  const chosen = [...ticked].filter((value) => flags.has(value));
  const known = any === YES || any === NO;
  if (any === YES && chosen.length === 0) refuse(spec.anyField, `${spec.question} is Yes: tick at least one source.`);
  if (any === NO && chosen.length > 0) refuse(spec.anyField, `${spec.question} is No, yet sources are ticked: answer Yes, or untick them.`);
  const fields: Record<string, number | string | null> = { [spec.anyField]: any };
  for (const source of spec.sources) fields[source.flag] = known ? (any === YES && ticked.has(source.flag) ? YES : NO) : null;
  fields[spec.otherField] = identify(input, spec.otherField, any === YES && ticked.has(spec.otherFlag), spec.otherWhat, ctx, errors);
  return fields;
}

function readDisabilities(input: MemberAnswersInput, ctx: AnswerContext, errors: FieldErrors): DisabilityAnswer[] {
  const refuse = refusals(ctx, errors);
  const answers: DisabilityAnswer[] = [];
  for (const d of DISABILITY_TYPES) {
    if (!ctx.elements.includes(d.element)) continue;
    const response = code(input, `disability${d.type}`, d.type === 10 ? SUBSTANCE_USE_RESPONSE : NO_YES_REASONS_FOR_MISSING_DATA, d.label, refuse);
    if (response === null) continue;
    const asksImpairs = !ALWAYS_DISABLING.has(d.type) && response >= 1 && response <= 3;
    const impairs = asksImpairs ? code(input, `impairs${d.type}`, NO_YES_REASONS_FOR_MISSING_DATA, `${d.label}: ${IMPAIRS_SHORT}`, refuse) : null;
    if (asksImpairs && impairs === null) continue;
    answers.push({ disabilityType: d.type, disabilityResponse: response, indefiniteAndImpairs: impairs });
  }
  return answers;
}

const IMPAIRS_SHORT = 'expected to be long-continued and to impair independent living?';

function readDomesticViolence(input: MemberAnswersInput, ctx: AnswerContext, errors: FieldErrors): DomesticViolenceFields | null {
  const refuse = refusals(ctx, errors);
  const survivor = code(input, 'domesticViolenceSurvivor', NO_YES_REASONS_FOR_MISSING_DATA, 'Survivor of domestic violence', refuse);
  if (survivor === null) return null;
  if (survivor !== YES) return { domesticViolenceSurvivor: survivor, whenOccurred: null, currentlyFleeing: null };
  return {
    domesticViolenceSurvivor: survivor,
    whenOccurred: code(input, 'whenOccurred', WHEN_DV_OCCURRED, 'When did the experience occur?', refuse),
    currentlyFleeing: code(input, 'currentlyFleeing', NO_YES_REASONS_FOR_MISSING_DATA, 'Are you currently fleeing?', refuse),
  };
}

/**
 * One member's answers at a stage, for the elements asked of them (the others stay null); refusals go to
 * `errors` under the member's prefixed field names. Returns null when anything was refused.
 */
export function validateStageAnswers(input: MemberAnswersInput, ctx: AnswerContext, errors: FieldErrors): StageAnswers | null {
  const own: FieldErrors = {};
  const asks = (element: ProgramElement) => ctx.elements.includes(element);
  const answers: StageAnswers = {
    income: asks('4.02') ? readIncome(input, ctx, own) : null,
    benefits: asks('4.03')
      ? (readTicked(input, ctx, own, {
          anyField: 'benefitsFromAnySource',
          listField: 'benefits',
          question: 'Non-cash benefits from any source',
          sources: BENEFIT_SOURCES,
          otherFlag: 'otherBenefitsSource',
          otherField: 'otherBenefitsSourceIdentify',
          otherWhat: 'other source of non-cash benefits',
        }) as BenefitsFields)
      : null,
    insurance: asks('4.04')
      ? (readTicked(input, ctx, own, {
          anyField: 'insuranceFromAnySource',
          listField: 'insurance',
          question: 'Covered by health insurance',
          sources: INSURANCE_SOURCES,
          otherFlag: 'otherInsurance',
          otherField: 'otherInsuranceIdentify',
          otherWhat: 'other health insurance',
        }) as InsuranceFields)
      : null,
    disabilities: readDisabilities(input, ctx, own),
    domesticViolence: asks('4.11') ? readDomesticViolence(input, ctx, own) : null,
  };
  Object.assign(errors, own);
  return Object.keys(own).length > 0 ? null : answers;
}

/** Stored answers back as the form's fields (for a correction's form). */
export function answersToInput(answers: StageAnswers): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  const set = (key: string, value: number | string | null | undefined) => {
    if (value !== null && value !== undefined) input[key] = String(value);
  };
  if (answers.income) {
    set('incomeFromAnySource', answers.income.incomeFromAnySource);
    for (const source of INCOME_SOURCES) if (answers.income[source.amount] !== null) input[source.amount] = formatCents(answers.income[source.amount]);
    set('otherIncomeSourceIdentify', answers.income.otherIncomeSourceIdentify);
  }
  if (answers.benefits) {
    set('benefitsFromAnySource', answers.benefits.benefitsFromAnySource);
    input.benefits = BENEFIT_SOURCES.filter((s) => answers.benefits![s.flag] === YES).map((s) => s.flag);
    set('otherBenefitsSourceIdentify', answers.benefits.otherBenefitsSourceIdentify);
  }
  if (answers.insurance) {
    set('insuranceFromAnySource', answers.insurance.insuranceFromAnySource);
    input.insurance = INSURANCE_SOURCES.filter((s) => answers.insurance![s.flag] === YES).map((s) => s.flag);
    set('otherInsuranceIdentify', answers.insurance.otherInsuranceIdentify);
  }
  for (const d of answers.disabilities) {
    set(`disability${d.disabilityType}`, d.disabilityResponse);
    set(`impairs${d.disabilityType}`, d.indefiniteAndImpairs);
  }
  if (answers.domesticViolence) {
    set('domesticViolenceSurvivor', answers.domesticViolence.domesticViolenceSurvivor);
    set('whenOccurred', answers.domesticViolence.whenOccurred);
    set('currentlyFleeing', answers.domesticViolence.currentlyFleeing);
  }
  return input;
}

/** Whether the member's DK/PNTA/DNC answer leaves nothing further to ask (exported for the pages' hints). */
export function clearsDependents(code: number | null): boolean {
  return code !== null && CLEARS.has(code);
}
