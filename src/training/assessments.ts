import type { GeneratedStage, StageAnswers, StageCode } from '../assessments/assessments.model.js';
import type { Client } from '../clients/clients.model.js';
import type { Enrollment, Exit } from '../enrollments/enrollments.model.js';
import { BENEFIT_SOURCES, DISABILITY_TYPES, INCOME_SOURCES, INSURANCE_SOURCES } from '../hud/assessment-code-lists.js';
import { annualWindow } from '../hud/annual-assessment.js';
import { DATA_COLLECTION_STAGE, elementsAtStage, isAskedOf, type CollectionPoint, type ProgramElement } from '../hud/collection-rules.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import type { Project } from '../projects/projects.model.js';
import type { Funder } from '../projects/project-setup.model.js';
import { addDays, ageOn, minDate, momentOn } from './calendar.js';
import { TRAINING_USER_ID, trainingId } from './catalogue.js';

/**
 * The stage-based elements of the generated stays (4.02–4.11): a project-start record for every member on their
 * entry date, an exit record on their exit date, and the annual assessments of stays longer than a year, each
 * asking what HUD's collection table asks of that member in that project (collection-rules.ts). Incomes come with
 * amounts, benefits and insurance with their sources, disabilities agree with 3.08, and some answers are
 * "doesn't know", "prefers not to answer" or not collected, and some annual assessments are missing, so that
 * data-quality work can be practised. Pure and deterministic: the same seed gives the same records.
 */
export function generateStageRecords(
  seed: number,
  input: { today: string; now: Date; projects: readonly Project[]; funders: readonly Funder[]; clients: readonly Client[]; enrollments: readonly Enrollment[]; exits: readonly Exit[] },
): GeneratedStage[] {
  const projects = new Map(input.projects.map((p) => [p.projectId, p]));
  const dobs = new Map(input.clients.map((c) => [c.personalId, c.dob]));
  const exits = new Map(input.exits.map((e) => [e.enrollmentId, e.exitDate]));
  const households = new Map<string, Enrollment[]>();
  for (const e of input.enrollments) {
    const members = households.get(e.householdId);
    if (members) members.push(e);
    else households.set(e.householdId, [e]);
  }
  const fundersOf = new Map<string, Funder[]>();
  for (const f of input.funders) fundersOf.set(f.projectId, [...(fundersOf.get(f.projectId) ?? []), f]);
  const out: GeneratedStage[] = [];
  const random = new StageRandom(seed);
  const recent = addDays(input.today, -RECENT_DAYS);
  let n = 0;

  const record = (e: Enrollment, stage: CollectionPoint, day: string) => {
    const project = projects.get(e.projectId);
    if (!project) return;
    const funders = (fundersOf.get(e.projectId) ?? []).filter((f) => f.startDate <= day && (f.endDate === null || f.endDate >= day)).map((f) => f.funder);
    const dob = dobs.get(e.personalId) ?? null;
    const member = { isHead: e.relationshipToHoH === HEAD_OF_HOUSEHOLD, adult: dob === null ? null : ageOn(dob, day) >= 18 };
    const elements = elementsAtStage({ projectType: project.projectType, funders }, stage)
      .filter((c) => isAskedOf(c, member))
      .map((c) => c.element);
    if (elements.length === 0) return;
    n += 1;
    const key = n;
    const answers = answersFor(random, elements, e.disablingCondition, member.adult !== false);
    out.push({
      enrollmentId: e.enrollmentId,
      personalId: e.personalId,
      informationDate: day,
      dataCollectionStage: DATA_COLLECTION_STAGE[stage] as StageCode,
      answers,
      ids: {
        incomeBenefitsId: trainingId('income-benefits', key),
        healthAndDvId: trainingId('health-and-dv', key),
        disabilitiesIds: Object.fromEntries(answers.disabilities.map((d) => [d.disabilityType, trainingId(`disability-${d.disabilityType}`, key)])),
      },
      dateCreated: momentOn(day, random.int(0, 240), input.now),
      userId: TRAINING_USER_ID,
    });
  };

  for (const members of households.values()) {
    const start = members.reduce((min, m) => minDate(min, m.entryDate), members[0]!.entryDate);
    const ended = members.every((m) => exits.has(m.enrollmentId)) ? members.map((m) => exits.get(m.enrollmentId)!).reduce((a, b) => (a > b ? a : b)) : null;
    if (ended !== null && ended < recent) continue;
    for (const e of members) {
      // A few stays have no start record at all: the data-quality report's "missing" row.
      if (random.chance(0.97)) record(e, 'start', e.entryDate);
      const exit = exits.get(e.enrollmentId);
      if (exit && random.chance(0.95)) record(e, 'exit', exit);
    }
    const last = ended ?? input.today;
    for (let year = 1; ; year += 1) {
      const window = annualWindow(start, year);
      if (window.anniversary > last) break;
      // About one annual in eight is never done (overdue or missing, for practice).
      if (!random.chance(0.88)) continue;
      const day = minDate(addDays(window.anniversary, random.int(-25, 20)), last);
      if (day < window.opens) continue;
      for (const e of members) {
        const exit = exits.get(e.enrollmentId) ?? null;
        if (e.entryDate <= window.anniversary && (exit === null || exit >= day)) record(e, 'annual', day);
      }
    }
  }
  return out;
}

/**
 * Households that left more than this many days ago get no stage records: trainees practise on the households
 * in the projects now and those that just left, and a reset stays fast (every stage of every member writes a
 * Disabilities row per type, each checked against its enrollment).
 */
const RECENT_DAYS = 30;

/**
 * A small seeded generator (mulberry32) for these records' many draws: the same seed, the same sequence, and
 * far cheaper per draw than faker, which the people need for names but these answers do not.
 */
class StageRandom {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.#next() * total;
    for (const [value, weight] of choices) {
      draw -= weight;
      if (draw < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
}

const MISSING = [[8, 3], [9, 2], [99, 4]] as const;

function anySource(random: StageRandom, yes: number, no: number): number {
  return random.weighted<number>([[1, yes], [0, no], ...MISSING]);
}

function answersFor(random: StageRandom, elements: readonly ProgramElement[], disablingCondition: number, adult: boolean): StageAnswers {
  const asks = (element: ProgramElement) => elements.includes(element);
  const answers: StageAnswers = { income: null, benefits: null, insurance: null, disabilities: [], domesticViolence: null };
  if (asks('4.02')) {
    const any = anySource(random, 55, 36);
    const chosen = new Map<string, number>();
    if (any === 1) {
      const count = random.weighted([[1, 70], [2, 25], [3, 5]] as const);
      while (chosen.size < count) {
        const source = random.weighted<(typeof INCOME_SOURCES)[number]>(INCOME_SOURCES.map((s) => [s, INCOME_WEIGHTS[s.flag] ?? 1] as const));
        chosen.set(source.flag, AMOUNTS[source.flag]?.(random) ?? random.int(50, 600) * 100);
      }
    }
    const income = { incomeFromAnySource: any, totalMonthlyIncome: null, otherIncomeSourceIdentify: null } as NonNullable<StageAnswers['income']>;
    for (const s of INCOME_SOURCES) {
      income[s.flag] = any === 1 || any === 0 ? (chosen.has(s.flag) ? 1 : 0) : null;
      income[s.amount] = chosen.get(s.flag) ?? null;
    }
    if (any === 1 || any === 0) income.totalMonthlyIncome = [...chosen.values()].reduce((a, b) => a + b, 0);
    if (chosen.has('otherIncomeSource')) income.otherIncomeSourceIdentify = random.pick(['Odd jobs', 'Family help', 'Plasma donation']);
    answers.income = income;
  }
  if (asks('4.03')) answers.benefits = ticked(random, 'benefitsFromAnySource', BENEFIT_SOURCES, ['snap'], 'otherBenefitsSource', 'otherBenefitsSourceIdentify', 'Food pantry') as StageAnswers['benefits'];
  if (asks('4.04')) {
    answers.insurance = ticked(random, 'insuranceFromAnySource', INSURANCE_SOURCES, adult ? ['medicaid'] : ['medicaid', 'schip'], 'otherInsurance', 'otherInsuranceIdentify', 'County plan') as StageAnswers['insurance'];
  }
  const asked = DISABILITY_TYPES.filter((d) => asks(d.element)).map((d) => d.type);
  const disabling = disablingCondition === 1 && asked.length > 0 ? random.pick(asked) : undefined;
  for (const d of DISABILITY_TYPES) {
    if (!asks(d.element)) continue;
    const alwaysDisabling = d.type === 6 || d.type === 8;
    let response: number;
    if (d.type === disabling) response = d.type === 10 ? random.pick([1, 2, 3]) : 1;
    else if (disablingCondition === 0 || disablingCondition === 1) response = alwaysDisabling ? 0 : random.weighted([[0, 88], [1, 8], [8, 2], [99, 2]] as const);
    else response = random.weighted([[0, 60], [8, 15], [9, 10], [99, 15]] as const);
    // A positive answer that is not the disabling one does not impair (else 3.08 would say Yes).
    const impairs = alwaysDisabling || response < 1 || response > 3 ? null : d.type === disabling ? 1 : 0;
    answers.disabilities.push({ disabilityType: d.type, disabilityResponse: response, indefiniteAndImpairs: impairs });
  }
  if (asks('4.11')) {
    const survivor = random.weighted<number>([[0, 72], [1, 18], ...MISSING]);
    answers.domesticViolence = {
      domesticViolenceSurvivor: survivor,
      whenOccurred: survivor === 1 ? random.weighted([[1, 25], [2, 20], [3, 20], [4, 30], [8, 5]] as const) : null,
      currentlyFleeing: survivor === 1 ? random.weighted([[0, 65], [1, 30], [9, 5]] as const) : null,
    };
  }
  return answers;
}

function ticked(random: StageRandom, anyField: string, sources: readonly { flag: string }[], common: readonly string[], otherFlag: string, otherField: string, otherName: string) {
  const any = anySource(random, 60, 30);
  const yes = new Set<string>();
  if (any === 1) {
    yes.add(random.pick(common));
    if (random.chance(0.2)) yes.add(random.pick(sources).flag);
  }
  const fields: Record<string, number | string | null> = { [anyField]: any, [otherField]: yes.has(otherFlag) ? otherName : null };
  for (const s of sources) fields[s.flag] = any === 1 || any === 0 ? (yes.has(s.flag) ? 1 : 0) : null;
  return fields;
}

const INCOME_WEIGHTS: Partial<Record<string, number>> = { earned: 30, ssi: 18, ssdi: 14, unemployment: 6, tanf: 6, ga: 4, socSecRetirement: 6, childSupport: 4 };

/** Typical monthly amounts, in cents. */
const AMOUNTS: Partial<Record<string, (random: StageRandom) => number>> = {
  earned: (r) => r.int(40, 260) * 1000 + r.int(0, 99),
  ssi: (r) => r.pick([94300, 96700, 48400]),
  ssdi: (r) => r.int(900, 1800) * 100,
  unemployment: (r) => r.int(800, 1900) * 100,
  tanf: (r) => r.int(250, 650) * 100,
  ga: (r) => r.int(150, 300) * 100,
  socSecRetirement: (r) => r.int(900, 2100) * 100,
  childSupport: (r) => r.int(100, 600) * 100,
};
