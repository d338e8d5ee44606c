import type { Enrollment, Exit, MemberEntryFields } from '../enrollments/enrollments.model.js';
import { addDays, addYears, ageOn, daysBetween, maxDate, minDate, momentOn } from './calendar.js';
import { TRAINING_COC, TRAINING_USER_ID, trainingId, type CatalogueProject } from './catalogue.js';
import { isMissingAnswer, livingSituationGroup, losUnderThreshold, STREET_ESSH_PROJECT_TYPES } from '../hud/enrollment-code-lists.js';
import { calendarMonthsInclusive } from '../hud/calendar-days.js';
import type { PersonDraft } from './people.js';
import type { TrainingRandom } from './random.js';

/**
 * Households and their stays: who was enrolled where, when, with which prior living situation (3.917), and
 * where they went at exit (3.12). Every row follows the rules the enrollments feature enforces: one head
 * per household stay, entry within the project's operating dates and never in the future, exits after
 * entries, no two stays of one client overlapping, 3.917 dependent fields empty unless their parent has
 * the triggering value.
 */

/** 3.15.1 RelationshipToHoH: 1 self, 2 child, 3 spouse or partner, 4 other relation, 5 non-relation. */
export type Relationship = 1 | 2 | 3 | 4 | 5;

export interface Member {
  personalId: string;
  draft: PersonDraft;
  relationship: Relationship;
  /** 1.8, drawn once per person: a disabling condition does not come and go between stays. */
  disablingCondition: number;
}

export interface Household {
  /** The head first. */
  members: Member[];
  /** Only single adults and couples without children may be found in adult-only projects. */
  withChildren: boolean;
}

/** The kinds of project a pathway goes through (a project type, and the RRH subtype for 13). */
type Slot = 'es' | 'nbn' | 'th' | 'psh' | 'so' | 'sso' | 'sh' | 'day' | 'hp' | 'rrh-services' | 'rrh' | 'ce';

const SLOT_TYPES: Record<Slot, { projectType: number; rrhSubType?: number }> = {
  es: { projectType: 0 },
  nbn: { projectType: 1 },
  th: { projectType: 2 },
  psh: { projectType: 3 },
  so: { projectType: 4 },
  sso: { projectType: 6 },
  sh: { projectType: 8 },
  day: { projectType: 11 },
  hp: { projectType: 12 },
  'rrh-services': { projectType: 13, rrhSubType: 1 },
  rrh: { projectType: 13, rrhSubType: 2 },
  ce: { projectType: 14 },
};

/** Typical lengths of a stay, in days. */
const STAY_DAYS: Record<Slot, readonly [number, number]> = {
  es: [3, 150],
  nbn: [1, 45],
  th: [60, 540],
  psh: [120, 1800],
  so: [14, 300],
  sso: [30, 240],
  sh: [30, 400],
  day: [1, 90],
  hp: [14, 120],
  'rrh-services': [45, 240],
  rrh: [60, 400],
  ce: [7, 180],
};

/** Common routes through the homeless response system, with how often each is taken. */
const SINGLE_PATHWAYS: readonly (readonly [readonly Slot[], number])[] = [
  [['so', 'nbn', 'ce', 'psh'], 8],
  [['es', 'rrh'], 14],
  [['so', 'sh'], 5],
  [['nbn'], 10],
  [['es'], 12],
  [['es', 'es'], 5],
  [['ce', 'th'], 7],
  [['hp'], 7],
  [['sso'], 7],
  [['day', 'so'], 4],
  [['so'], 7],
  [['ce', 'es', 'psh'], 6],
  [['ce', 'rrh-services'], 4],
];
const FAMILY_PATHWAYS: readonly (readonly [readonly Slot[], number])[] = [
  [['ce', 'es', 'rrh'], 25],
  [['hp'], 15],
  [['es', 'th'], 14],
  [['es'], 15],
  [['ce', 'rrh-services'], 10],
  [['es', 'psh'], 7],
  [['sso'], 7],
  [['th'], 5],
];

/** How far back the generated histories reach. */
export const HISTORY_DAYS = 4 * 365;

/** Destinations that are not allowed as a prior living situation, and the nearest one that is. */
const AS_PRIOR: Record<number, number> = { 312: 335, 313: 336, 422: 335, 423: 336, 426: 410, 327: 302, 30: 99, 17: 99, 24: 99 };

const PRIOR_BY_SLOT: Record<Slot, readonly (readonly [number, number])[]> = {
  so: [[116, 85], [101, 5], [336, 4], [99, 3], [8, 3]],
  day: [[116, 70], [101, 15], [336, 8], [99, 7]],
  es: [[116, 30], [101, 10], [336, 14], [335, 12], [314, 6], [410, 6], [207, 4], [206, 3], [205, 3], [204, 2], [302, 2], [435, 2], [99, 3], [8, 2], [9, 1]],
  nbn: [[116, 55], [101, 15], [336, 8], [314, 5], [207, 4], [206, 3], [205, 3], [99, 5], [8, 2]],
  sh: [[116, 60], [101, 25], [204, 10], [99, 5]],
  th: [[101, 40], [116, 30], [118, 4], [302, 6], [336, 6], [335, 4], [206, 3], [204, 2], [205, 2], [99, 3]],
  rrh: [[101, 45], [116, 30], [118, 4], [302, 8], [336, 4], [335, 4], [206, 2], [99, 3]],
  'rrh-services': [[101, 45], [116, 30], [118, 4], [302, 8], [336, 4], [335, 4], [206, 2], [99, 3]],
  psh: [[101, 40], [116, 35], [118, 8], [302, 5], [204, 4], [206, 3], [205, 2], [99, 3]],
  hp: [[410, 45], [435, 15], [336, 12], [335, 12], [411, 3], [421, 2], [314, 5], [332, 2], [329, 2], [99, 2]],
  ce: [[116, 25], [101, 25], [336, 12], [335, 10], [410, 8], [314, 5], [302, 5], [207, 3], [99, 5], [8, 2]],
  sso: [[116, 20], [101, 20], [336, 14], [335, 12], [410, 14], [435, 4], [314, 6], [302, 4], [99, 6]],
};

/** Where people go when they leave a project for good (or for a long while). */
const DESTINATION_BY_SLOT: Record<Slot, readonly (readonly [number, number])[]> = {
  es: [[410, 10], [435, 10], [312, 14], [313, 11], [422, 5], [423, 3], [116, 10], [30, 20], [99, 5], [207, 3], [204, 1], [205, 2], [206, 1], [17, 3], [8, 2]],
  nbn: [[116, 25], [101, 10], [312, 10], [313, 10], [30, 35], [99, 8], [207, 2]],
  th: [[410, 35], [435, 25], [422, 6], [423, 4], [312, 6], [313, 4], [30, 10], [101, 5], [17, 5]],
  psh: [[435, 30], [410, 20], [422, 10], [225, 8], [24, 8], [207, 4], [116, 5], [30, 10], [99, 5]],
  so: [[116, 25], [101, 25], [30, 30], [99, 10], [312, 5], [206, 5]],
  sso: [[410, 25], [435, 10], [312, 10], [313, 5], [101, 10], [116, 5], [30, 25], [99, 10]],
  sh: [[101, 30], [116, 20], [435, 20], [225, 10], [204, 10], [30, 10]],
  day: [[116, 40], [101, 20], [30, 30], [99, 10]],
  hp: [[410, 60], [435, 15], [422, 10], [312, 5], [411, 3], [30, 5], [17, 2]],
  rrh: [[435, 40], [410, 25], [422, 5], [423, 5], [312, 5], [313, 5], [101, 3], [116, 2], [30, 8], [99, 2]],
  'rrh-services': [[410, 40], [435, 20], [422, 8], [312, 8], [313, 6], [101, 5], [30, 10], [99, 3]],
  ce: [[30, 30], [99, 20], [410, 10], [312, 10], [101, 15], [116, 10], [313, 5]],
};

/** Where people go when the next stay follows within a week: the kind of place the next project is. */
const TRANSFER_DESTINATION: Partial<Record<Slot, number>> = { es: 101, nbn: 101, sh: 118, th: 302, so: 116, day: 116 };

const OTHER_DESTINATIONS = ['Moved out of state to live with family', 'Returned to home country', 'Employer-provided housing', 'Moved in with a new partner out of the area'];
/** 3.12.A: the subsidies a household might have in its own rental (VASH only for veterans). */
const RENTAL_SUBSIDIES = [[433, 30], [434, 20], [420, 15], [431, 15], [436, 10], [439, 10]] as const;

export interface Stay {
  project: CatalogueProject;
  slot: Slot;
  entry: string;
  exit: string | null;
}

export interface GeneratedStays {
  enrollments: Enrollment[];
  exits: Exit[];
}

type PriorFields = Omit<MemberEntryFields, 'relationshipToHoH' | 'disablingCondition'>;

const NO_PRIOR: PriorFields = {
  livingSituation: null,
  rentalSubsidyType: null,
  lengthOfStay: null,
  losUnderThreshold: null,
  previousStreetEssh: null,
  dateToStreetEssh: null,
  timesHomelessPastThreeYears: null,
  monthsHomelessPastThreeYears: null,
};

/** Makes the ids of one generator run: stable for the same sequence of calls. */
export class IdSequence {
  readonly #next = new Map<string, number>();
  next(kind: string): string {
    const n = this.#next.get(kind) ?? 0;
    this.#next.set(kind, n + 1);
    return trainingId(kind, n);
  }
}

export interface HistoryContext {
  random: TrainingRandom;
  projects: readonly CatalogueProject[];
  today: string;
  now: Date;
  ids: IdSequence;
  out: GeneratedStays;
}

/** Generates the stays of one household over the past few years, and writes their rows into `context.out`. */
export function generateHistory(context: HistoryContext, household: Household, options: { pathway?: readonly Slot[] } = {}): void {
  const { random, today } = context;
  const head = household.members[0]!;
  const pathways = (household.withChildren ? FAMILY_PATHWAYS : SINGLE_PATHWAYS).filter(
    // Permanent supportive housing and safe havens are for people with a disabling condition.
    ([slots]) => head.disablingCondition === 1 || !slots.some((s) => s === 'psh' || s === 'sh'),
  );
  const pathway = options.pathway ?? random.weighted(pathways);

  // Heads are adults at every entry: the history starts at the latest on their 18th birthday.
  let cursor = maxDate(addDays(today, -random.int(0, HISTORY_DAYS)), addYears(head.draft.trueDob, 18));
  const stays: Stay[] = [];
  for (const slot of pathway) {
    if (cursor > today) break;
    const project = chooseProject(context, slot, cursor, household);
    if (!project) continue;
    const [shortest, longest] = STAY_DAYS[slot];
    let exit: string | null = addDays(cursor, random.int(shortest, longest));
    if (project.end !== null && exit > project.end) exit = project.end;
    if (exit > today) exit = null; // still there
    stays.push({ project, slot, entry: cursor, exit });
    if (exit === null) break;
    // The next stay: straight after (a transfer) or after a while elsewhere. Never the same day.
    cursor = addDays(exit, random.chance(0.55) ? random.int(1, 7) : random.int(15, 300));
  }

  let previous: { exit: string; destination: number } | null = null;
  for (const [i, stay] of stays.entries()) {
    const next = stays[i + 1];
    const destination = stay.exit === null ? null : chooseDestination(context, household, stay, next);
    writeStay(context, household, stay, priorLivingSituation(context, household, stay, previous), destination);
    if (stay.exit !== null && destination) previous = { exit: stay.exit, destination: destination.destination };
  }
}

function chooseProject(context: HistoryContext, slot: Slot, on: string, household: Household): CatalogueProject | null {
  const head = household.members[0]!;
  const { projectType, rrhSubType } = SLOT_TYPES[slot];
  const open = context.projects.filter(
    (p) =>
      p.spec.projectType === projectType &&
      (rrhSubType === undefined || p.spec.rrhSubType === rrhSubType) &&
      p.start <= on &&
      (p.end === null || p.end > on) &&
      (p.spec.serves === 'all' || (p.spec.serves === 'families') === household.withChildren) &&
      (p.spec.maxAge === null || ageOn(head.draft.trueDob, on) <= p.spec.maxAge),
  );
  return open.length ? context.random.pick(open) : null;
}

interface Destination {
  destination: number;
  subsidy: number | null;
  other: string | null;
}

function chooseDestination(context: HistoryContext, household: Household, stay: Stay, next: Stay | undefined): Destination {
  const { random } = context;
  let destination: number;
  if (next && daysBetween(stay.exit!, next.entry) <= 7) {
    destination = TRANSFER_DESTINATION[next.slot] ?? random.weighted([[101, 3], [116, 2], [312, 1], [313, 1]] as const);
  } else {
    destination = random.weighted(DESTINATION_BY_SLOT[stay.slot]);
    // Deceased ends a history: only at the last stay of someone alone.
    if (destination === 24 && (next || household.members.length > 1)) destination = 30;
  }
  const veteran = household.members[0]!.draft.input.veteranStatus === '1';
  return {
    destination,
    subsidy: destination === 435 ? (veteran && random.chance(0.5) ? 419 : random.weighted(RENTAL_SUBSIDIES)) : null,
    other: destination === 17 ? random.pick(OTHER_DESTINATIONS) : null,
  };
}

/**
 * 3.917 for the head (and the household's other adults, who came from the same place). Street outreach,
 * shelters and safe havens ask 3.917A: every field, no LOSUnderThreshold and no PreviousStreetESSH. Elsewhere
 * (3.917B) HUD's dependencies apply: LOSUnderThreshold after any situation but homelessness (under 90 days in
 * an institution, under 7 nights anywhere else); PreviousStreetESSH only when that is yes; the homeless history
 * (date, times, months) only for homeless situations or PreviousStreetESSH = yes.
 */
function priorLivingSituation(context: HistoryContext, household: Household, stay: Stay, previous: { exit: string; destination: number } | null): PriorFields {
  const head = household.members[0]!;
  const adultsBornBy = household.members.reduce((latest, m) => (m.relationship === 2 ? latest : maxDate(latest, m.draft.trueDob)), head.draft.trueDob);
  const { random } = context;
  let living: number;
  if (previous && daysBetween(previous.exit, stay.entry) <= 7) living = AS_PRIOR[previous.destination] ?? previous.destination;
  else living = random.weighted(PRIOR_BY_SLOT[stay.slot]);

  const homeless = livingSituationGroup(living) === 'homeless';
  const formA = STREET_ESSH_PROJECT_TYPES.has(SLOT_TYPES[stay.slot].projectType);
  let fields: PriorFields;
  if (isMissingAnswer(living)) {
    // Nothing is known of where the person stayed, nor for how long.
    fields = { ...NO_PRIOR, livingSituation: living, lengthOfStay: living, losUnderThreshold: formA ? null : losUnderThreshold(living, living) };
  } else {
    const veteran = head.draft.input.veteranStatus === '1';
    const rentalSubsidy = living === 435 ? (veteran && random.chance(0.5) ? 419 : random.weighted(RENTAL_SUBSIDIES)) : null;
    const lengthOfStay = random.weighted(
      homeless
        ? ([[10, 4], [11, 8], [2, 18], [3, 25], [4, 28], [5, 17]] as const)
        : livingSituationGroup(living) === 'institutional'
          ? ([[10, 4], [11, 8], [2, 25], [3, 25], [4, 28], [5, 10]] as const)
          : ([[10, 10], [11, 18], [2, 18], [3, 20], [4, 22], [5, 12]] as const),
    );
    // HUD's thresholds: under 90 days in an institution, under 7 nights in other housing.
    const under = formA ? null : losUnderThreshold(living, lengthOfStay);
    fields = {
      ...NO_PRIOR,
      livingSituation: living,
      rentalSubsidyType: rentalSubsidy,
      lengthOfStay,
      losUnderThreshold: under,
      previousStreetEssh: under === 1 ? random.weighted([[1, 55], [0, 45]] as const) : null,
    };
  }
  const askedHistory = homeless || fields.previousStreetEssh === 1 || formA;
  if (!askedHistory) return fields;

  // When this episode of homelessness started: before the prior stay for people who came from the street
  // through a short stay elsewhere; at entry for people who were housed until now. Never before the birth of
  // an adult of the household (who all share these answers).
  const lengthOfStay = fields.lengthOfStay!;
  const stayedDays = isMissingAnswer(lengthOfStay) ? random.int(0, 365) : daysInStay(random, lengthOfStay);
  let started: string;
  if (homeless || isMissingAnswer(living)) started = addDays(stay.entry, -stayedDays);
  else if (fields.previousStreetEssh === 1) started = addDays(stay.entry, -(stayedDays + random.int(14, 700)));
  else started = stay.entry;
  started = maxDate(started, adultsBornBy);
  const homelessDays = daysBetween(started, stay.entry);
  const times = homelessDays >= 3 * 365 ? 1 : random.weighted([[1, 55], [2, 20], [3, 10], [4, 10], [8, 3], [9, 1], [99, 1]] as const);
  // Months as HUD counts them: calendar months from the start month to the entry month, both counted (Eva 71);
  // "don't know" only for people homeless more than once (homeless once, the months follow from the date: Eva 70).
  let months: number;
  if (random.chance(0.04) && times !== 1) months = random.pick([8, 9, 99]);
  else {
    const counted = calendarMonthsInclusive(started, stay.entry) + (times > 1 && times < 8 ? random.int(1, 6) : 0);
    months = 100 + Math.min(Math.max(counted, 1), 13);
  }
  return { ...fields, dateToStreetEssh: started, timesHomelessPastThreeYears: times, monthsHomelessPastThreeYears: months };
}

/** A number of days within the 3.917.2 length-of-stay band. */
function daysInStay(random: TrainingRandom, lengthOfStay: number): number {
  const bands: Record<number, readonly [number, number]> = { 10: [0, 1], 11: [2, 6], 2: [7, 29], 3: [30, 89], 4: [90, 364], 5: [365, 1500] };
  const [low, high] = bands[lengthOfStay] ?? [0, 0];
  return random.int(low, high);
}

function writeStay(context: HistoryContext, household: Household, stay: Stay, prior: PriorFields, destination: Destination | null): void {
  const { random, ids, now, out } = context;
  const householdId = ids.next('household');
  const until = stay.exit ?? context.today;
  // Members born during the stay join it on their birthday (a newborn); those born later are not in it.
  const members = household.members.filter((m) => m.draft.trueDob <= until);
  // Rarely, a partner or relative leaves before the rest of the household.
  const leavesEarly = members.length > 1 && random.chance(0.06) ? members.find((m) => m.relationship === 3 || m.relationship === 4 || m.relationship === 5) : undefined;
  const movesIn = hasMoveIn(stay) ? addDays(stay.entry, random.int(7, 120)) : null;
  const moveIn = movesIn !== null && movesIn <= until ? movesIn : null;

  for (const member of members) {
    const entry = maxDate(stay.entry, member.draft.trueDob);
    let exit = stay.exit;
    let leaving = destination;
    if (member === leavesEarly) {
      const early = addDays(entry, random.int(0, Math.max(0, daysBetween(entry, until) - 1)));
      if (early < until) {
        exit = early;
        leaving = { destination: random.weighted([[312, 3], [313, 3], [410, 2], [422, 1], [30, 2]] as const), subsidy: null, other: null };
      }
    }
    const adult = member.draft.recordedDob === null || ageOn(member.draft.recordedDob, entry) >= 18;
    const enrollmentId = ids.next('enrollment');
    const memberMoveIn = moveIn !== null && (exit === null || maxDate(moveIn, entry) <= exit) ? maxDate(moveIn, entry) : null;
    out.enrollments.push({
      enrollmentId,
      personalId: member.personalId,
      projectId: stay.project.projectId,
      entryDate: entry,
      householdId,
      // 3.16: every Training project operates in the Training CoC only (setupOf), so every household is in it.
      enrollmentCoc: TRAINING_COC.cocCode,
      relationshipToHoH: member.relationship,
      // Children's prior living situation may be left empty; adults' is the household's.
      ...(adult ? prior : NO_PRIOR),
      disablingCondition: member.disablingCondition,
      moveInDate: memberMoveIn,
      dateCreated: momentOn(entry, random.int(0, 300), now),
      dateUpdated: momentOn(entry, random.int(300, 420), now),
      userId: TRAINING_USER_ID,
    });
    if (exit !== null && leaving) {
      out.exits.push({
        exitId: ids.next('exit'),
        enrollmentId,
        personalId: member.personalId,
        exitDate: exit,
        destination: leaving.destination,
        destinationSubsidyType: leaving.subsidy,
        otherDestination: leaving.other,
        dateCreated: momentOn(exit, random.int(0, 300), now),
        dateUpdated: momentOn(exit, random.int(300, 420), now),
        userId: TRAINING_USER_ID,
      });
    }
  }
}

/** Permanent housing projects record the day the household moved into its own unit. */
function hasMoveIn(stay: Stay): boolean {
  return stay.slot === 'psh' || stay.slot === 'rrh';
}

/** The earliest entry among the rows written so far for each client: when they were first seen. */
export function firstSeenDates(out: GeneratedStays): Map<string, string> {
  const first = new Map<string, string>();
  for (const e of out.enrollments) first.set(e.personalId, minDate(first.get(e.personalId) ?? e.entryDate, e.entryDate));
  return first;
}
