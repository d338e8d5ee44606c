import { validateClientInput } from '../clients/client-fields.js';
import type { GeneratedStage } from '../assessments/assessments.model.js';
import type { Client } from '../clients/clients.model.js';
import type { Enrollment, Exit } from '../enrollments/enrollments.model.js';
import type { Organization, Project } from '../projects/projects.model.js';
import type { ProjectSetupRecords } from '../projects/project-setup.model.js';
import { addDays, addYears, maxDate, momentOn } from './calendar.js';
import { catalogueOrganizations, catalogueProjects, projectsOf, setupOf, TRAINING_USER_ID } from './catalogue.js';
import { firstSeenDates, generateHistory, HISTORY_DAYS, IdSequence, type GeneratedStays, type HistoryContext, type Household, type Member, type Relationship } from './histories.js';
import { generateOccurrences, type GeneratedOccurrences } from './occurrences.js';
import { drawPerson, nearDuplicateOf, type PersonDraft } from './people.js';
import { TrainingRandom, type Culture } from './random.js';
import { generateStageRecords } from './assessments.js';

/** The seed of the Training site's data: the same people and histories after every reset. */
export const TRAINING_SEED = 20_261_127;
export const TRAINING_CLIENTS = 2_000;
/** About one client in seventy has a second, slightly different record (a near-duplicate). */
const DUPLICATE_SHARE = 0.015;

export interface TrainingData {
  organizations: Organization[];
  projects: Project[];
  /** The projects' HUD set-up: CoC, funders, inventory, affiliations, HMIS and CE participation. */
  setup: ProjectSetupRecords;
  clients: Client[];
  enrollments: Enrollment[];
  exits: Exit[];
  /** 4.14 bed nights, 4.12 contacts, 4.13 dates of engagement, 4.19 and 4.20 (occurrences.ts). */
  occurrences: GeneratedOccurrences;
  /** 4.02–4.11 at project start, exit and annual assessments (assessments.ts). */
  stageRecords: GeneratedStage[];
  /** Families and people alone, as generated (each may have had several stays, each with its own HouseholdID). */
  households: number;
  /** Second records of the same person, slightly different. */
  nearDuplicates: number;
}

export interface TrainingDataOptions {
  /** The site's today (YYYY-MM-DD): every history is placed relative to it. */
  today: string;
  /** The clock's now: no record is created after it. */
  now: Date;
  clients?: number;
  seed?: number;
}

type FamilyKind = 'single' | 'youth' | 'couple' | 'single-parent' | 'two-parents' | 'adult-relative';

/**
 * Fictitious agencies, projects, clients, households, enrollments and exits for the Training site, drawn
 * from a fixed seed. Pure: nothing is read or written here (see TrainingService).
 */
export function generateTrainingData(options: TrainingDataOptions): TrainingData {
  const { today, now } = options;
  const target = options.clients ?? TRAINING_CLIENTS;
  const seed = options.seed ?? TRAINING_SEED;
  // People and their histories draw from separate generators: the same people come back whatever today is,
  // even when a different today changes which projects were open for a stay.
  const random = new TrainingRandom(seed);
  const lives = new TrainingRandom(seed + 1_000);
  const ids = new IdSequence();
  const projects = catalogueProjects(today);

  const households: Household[] = [];
  let people = 0;
  const duplicates = Math.round(target * DUPLICATE_SHARE);
  while (people < target - duplicates) {
    const household = drawHousehold(random, ids, today, target - duplicates - people);
    households.push(household);
    people += household.members.length;
  }
  // Near-duplicates of adults with a full name and a date of birth, each with one stay of its own
  // elsewhere (which is how duplicates arise: another agency did not find the first record).
  const candidates = households.map((h) => h.members[0]!).filter((m) => m.draft.input.nameDataQuality === '1' && m.draft.recordedDob !== null);
  const originals = new Set<Member>();
  while (originals.size < Math.min(duplicates, candidates.length)) originals.add(random.pick(candidates));
  const copies: Household[] = [...originals].map((original) => ({
    members: [{ personalId: ids.next('client'), draft: nearDuplicateOf(random, original.draft), relationship: 1, disablingCondition: original.disablingCondition }],
    withChildren: false,
  }));

  const out: GeneratedStays = { enrollments: [], exits: [] };
  const context: HistoryContext = { random: lives, projects, today, now, ids, out };
  for (const household of households) generateHistory(context, household);
  for (const copy of copies) generateHistory(context, copy, { pathway: [lives.pick(['so', 'ce', 'sso'] as const)] });

  const firstSeen = firstSeenDates(out);
  const members = [...households, ...copies].flatMap((h) => h.members);
  const clients = members.map((member) => clientOf(lives, member, firstSeen.get(member.personalId), today, now));
  const written = projectsOf(projects, now);
  const setup = setupOf(projects, today, now);
  // Each has its own generator and seed, so adding them changes none of the people or stays drawn before.
  const occurrences = generateOccurrences(new TrainingRandom(seed + 2_000), new TrainingRandom(seed + 4_000), ids, { projects: written, funders: setup.funders, enrollments: out.enrollments, exits: out.exits, today, now });
  const stageRecords = generateStageRecords(seed + 3_000, {
    today,
    now,
    projects: written,
    funders: setup.funders,
    clients,
    enrollments: out.enrollments,
    exits: out.exits,
  });
  return {
    organizations: catalogueOrganizations(now),
    projects: written,
    setup,
    clients,
    enrollments: out.enrollments,
    exits: out.exits,
    occurrences,
    stageRecords,
    households: households.length + copies.length,
    nearDuplicates: copies.length,
  };
}

/** A household of at most `room` people, head first. */
function drawHousehold(random: TrainingRandom, ids: IdSequence, today: string, room: number): Household {
  const culture = random.weighted<Culture>([['us', 72], ['mx', 22], ['vi', 6]]);
  const kind = random.weighted<FamilyKind>([['single', 52], ['youth', 8], ['couple', 8], ['single-parent', 22], ['two-parents', 8], ['adult-relative', 2]]);
  const members: Member[] = [];
  const add = (draft: PersonDraft, relationship: Relationship, child: boolean) => {
    if (members.length >= room) return;
    members.push({ personalId: ids.next('client'), draft, relationship, disablingCondition: drawDisablingCondition(random, child) });
  };
  const adult = (age: number, familyName?: string, ofCulture: Culture = culture) =>
    drawPerson(random, { today, culture: ofCulture, dob: dobAt(random, today, age), familyName, child: false });

  const headAge = kind === 'youth' ? random.int(18, 24) : kind === 'single' ? random.int(23, 45) + random.int(0, 27) : random.int(23, 50);
  const head = adult(headAge);
  add(head, 1, false);
  if (kind === 'couple' || kind === 'two-parents') {
    const partnerCulture = random.chance(0.1) ? random.pick<Culture>(['us', 'mx', 'vi']) : culture;
    const shared = random.chance(0.6) ? head.familyName : undefined;
    add(adult(Math.max(22, headAge + random.int(-6, 6)), shared, partnerCulture), kind === 'couple' && random.chance(0.15) ? 5 : 3, false);
  }
  if (kind === 'adult-relative') {
    add(adult(random.int(20, 70), random.chance(0.5) ? head.familyName : undefined), 4, false);
  }
  if (kind === 'single-parent' || kind === 'two-parents') {
    const children = random.weighted([[1, 40], [2, 32], [3, 18], [4, 10]] as const);
    for (let i = 0; i < children; i++) {
      const age = random.int(0, Math.min(17, headAge - 17));
      const familyName = random.chance(0.85) ? head.familyName : undefined;
      add(drawPerson(random, { today, culture, dob: dobAt(random, today, age), familyName, child: true, races: head.races }), 2, true);
    }
  }
  return { members, withChildren: members.some((m) => m.relationship === 2) };
}

/** A date of birth for someone `age` years old today. */
function dobAt(random: TrainingRandom, today: string, age: number): string {
  return addDays(addYears(today, -age), -random.int(0, 364));
}

function drawDisablingCondition(random: TrainingRandom, child: boolean): number {
  return child ? random.weighted([[0, 92], [1, 6], [99, 2]] as const) : random.weighted([[0, 60], [1, 32], [8, 3], [9, 2], [99, 3]] as const);
}

/**
 * The client, checked against the same HUD rules as the client form (a generator bug fails loudly here,
 * not in a trainee's hands). Created on the day they were first enrolled.
 */
function clientOf(random: TrainingRandom, member: Member, firstSeen: string | undefined, today: string, now: Date): Client {
  const fields = validateClientInput(member.draft.input, today);
  const created = firstSeen ?? maxDate(addDays(today, -random.int(0, HISTORY_DAYS)), member.draft.trueDob);
  const createdAt = momentOn(created, random.int(0, 240), now);
  return { personalId: member.personalId, ...fields, dateCreated: createdAt, dateUpdated: createdAt, userId: TRAINING_USER_ID };
}
