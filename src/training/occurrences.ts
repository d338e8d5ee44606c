import type { ContactFields, CurrentLivingSituation } from '../contacts/contacts.model.js';
import type { CeAssessment, CeEvent } from '../coordinated-entry/coordinated-entry.model.js';
import type { Enrollment, Exit } from '../enrollments/enrollments.model.js';
import { addDays, daysBetween } from '../hud/calendar-days.js';
import { collectingProjectOn } from '../hud/collecting-project.js';
import { collects } from '../hud/collection-rules.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import type { Project } from '../projects/projects.model.js';
import type { Funder } from '../projects/project-setup.model.js';
import type { BedNight } from '../shelter/shelter.model.js';
import { minDate, momentOn } from './calendar.js';
import { TRAINING_USER_ID } from './catalogue.js';
import type { IdSequence } from './histories.js';
import type { TrainingRandom } from './random.js';

/** The occurrence records of the Training site's stays. */
export interface GeneratedOccurrences {
  /** 4.14: every night-by-night shelter stay has bed nights, on its entry date and up to the night before its exit. */
  bedNights: BedNight[];
  /** 4.12: street outreach and coordinated entry contacts with heads of household and adults. */
  contacts: CurrentLivingSituation[];
  /** 4.19 and 4.20: coordinated entry assessments and events of heads of household. */
  assessments: CeAssessment[];
  events: CeEvent[];
  /**
   * 4.13 dates of engagement of heads of household and adults where the project collects them (its type and
   * funders at entry): on the first contact where there are contacts, else soon after the start; within the stay.
   */
  engagements: { enrollmentId: string; dateOfEngagement: string }[];
}

const NIGHT_BY_NIGHT = 1;
const STREET_OUTREACH = 4;
const COORDINATED_ENTRY = 14;
const OUTREACH_SPOTS = ['Under the Main Street bridge', 'Riverside park, east end', 'Bus terminal', 'Library steps', 'Camp behind the rail yard', 'Parking garage on 3rd', 'Drop-in center'];

/**
 * Bed nights for night-by-night shelter stays, contacts for outreach and coordinated entry, dates of engagement,
 * and coordinated entry assessments and events, drawn from the
 * stays already generated (histories.ts). HUD's rules hold: a bed night on the entry date, the others before the
 * exit date (whose eve is the last night: "exit = the day after the last bed night"), one per night; contacts
 * within the stay and not after today. Pure: nothing is read or written here.
 */
export function generateOccurrences(
  random: TrainingRandom,
  /** Dates of engagement draw from their own generator, so the other records stay as they were before 4.13. */
  engagementRandom: TrainingRandom,
  ids: IdSequence,
  input: { projects: readonly Project[]; funders: readonly Funder[]; enrollments: readonly Enrollment[]; exits: readonly Exit[]; today: string; now: Date },
): GeneratedOccurrences {
  const { today, now } = input;
  const typeOf = new Map(input.projects.map((p) => [p.projectId, p.projectType]));
  const exitOf = new Map(input.exits.map((e) => [e.enrollmentId, e.exitDate]));
  const fundersOf = new Map<string, Funder[]>();
  for (const f of input.funders) fundersOf.set(f.projectId, [...(fundersOf.get(f.projectId) ?? []), f]);
  const out: GeneratedOccurrences = { bedNights: [], contacts: [], assessments: [], events: [], engagements: [] };
  // Each household's guests come on the same nights: draw the nights once per household and stay.
  const householdNights = new Map<string, Set<string>>();

  for (const enrollment of input.enrollments) {
    const type = typeOf.get(enrollment.projectId);
    const exit = exitOf.get(enrollment.enrollmentId) ?? null;
    if (type === NIGHT_BY_NIGHT) {
      const nights = householdNights.get(enrollment.householdId) ?? drawNights(random, enrollment.entryDate, exit, today);
      householdNights.set(enrollment.householdId, nights);
      for (const night of nights) {
        if (night < enrollment.entryDate || (exit !== null && night >= exit)) continue;
        const at = momentOn(night, random.int(1_080, 1_380), now);
        out.bedNights.push({ servicesId: ids.next('service'), enrollmentId: enrollment.enrollmentId, personalId: enrollment.personalId, night, dateCreated: at, dateUpdated: at, userId: TRAINING_USER_ID });
      }
    }
    const adult = enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD || enrollment.livingSituation !== null;
    let firstContact: string | null = null;
    if ((type === STREET_OUTREACH || type === COORDINATED_ENTRY) && adult) {
      for (const fields of drawContacts(random, enrollment, exit, today, type === STREET_OUTREACH)) {
        const at = momentOn(fields.informationDate, random.int(480, 1_020), now);
        firstContact ??= fields.informationDate;
        out.contacts.push({ currentLivingSitId: ids.next('contact'), enrollmentId: enrollment.enrollmentId, personalId: enrollment.personalId, ...fields, dateCreated: at, dateUpdated: at, userId: TRAINING_USER_ID });
      }
    }
    const collectsEngagement = collects(collectingProjectOn(type ?? null, fundersOf.get(enrollment.projectId) ?? [], enrollment.entryDate), '4.13');
    // Most engage; some never do (4.13 stays empty), as in real outreach.
    if (collectsEngagement && adult && enrollment.entryDate <= today && engagementRandom.chance(0.85)) {
      const last = minDate(exit ?? today, today);
      const day = firstContact ?? minDate(addDays(enrollment.entryDate, engagementRandom.int(0, 10)), last);
      out.engagements.push({ enrollmentId: enrollment.enrollmentId, dateOfEngagement: day });
    }
    if (type === COORDINATED_ENTRY && enrollment.relationshipToHoH === HEAD_OF_HOUSEHOLD) drawCoordinatedEntry(random, ids, enrollment, exit, today, now, out);
  }
  return out;
}

/**
 * A crisis needs assessment at entry, a housing needs assessment for most a few days later, and the events that
 * follow: a diversion attempt, or a referral to a housing opening with its result.
 */
function drawCoordinatedEntry(random: TrainingRandom, ids: IdSequence, enrollment: Enrollment, exit: string | null, today: string, now: Date, out: GeneratedOccurrences): void {
  const last = minDate(exit ?? today, today);
  const record = { enrollmentId: enrollment.enrollmentId, personalId: enrollment.personalId, userId: TRAINING_USER_ID };
  const at = (day: string) => momentOn(day, random.int(480, 1_020), now);
  const location = random.pick(['Tallgrass access point', 'Fernbrook front desk', 'Driftwood outreach van', 'By phone from the 211 line']);
  const assess = (day: string, level: 1 | 2) => {
    const moment = at(day);
    out.assessments.push({ assessmentId: ids.next('assessment'), ...record, assessmentDate: day, assessmentLocation: location, assessmentType: random.weighted([[3, 70], [1, 25], [2, 5]] as const), assessmentLevel: level, prioritizationStatus: level === 2 ? random.weighted([[1, 75], [2, 25]] as const) : 2, dateCreated: moment, dateUpdated: moment });
  };
  assess(enrollment.entryDate, 1);
  const housingDay = addDays(enrollment.entryDate, random.int(1, 14));
  if (housingDay > last || random.chance(0.2)) {
    const moment = at(enrollment.entryDate);
    out.events.push({ eventId: ids.next('event'), ...record, eventDate: enrollment.entryDate, event: 2, probSolDivRrResult: random.weighted([[1, 40], [0, 60]] as const), referralCaseManageAfter: null, locationCrisisOrPhHousing: null, referralResult: null, resultDate: null, dateCreated: moment, dateUpdated: moment });
    return;
  }
  assess(housingDay, 2);
  const referralDay = addDays(housingDay, random.int(3, 60));
  if (referralDay > last) return;
  const event = random.weighted([[13, 40], [14, 25], [10, 15], [11, 10], [18, 10]] as const);
  const resultDay = addDays(referralDay, random.int(2, 21));
  const known = resultDay <= last && random.chance(0.8);
  const place = { 10: 'Fernbrook Emergency Shelter', 11: 'Kestrel Transitional Housing', 13: 'Kestrel Rapid Re-Housing', 14: 'Copperleaf Commons PSH' } as Record<number, string>;
  const moment = at(referralDay);
  out.events.push({
    eventId: ids.next('event'),
    ...record,
    eventDate: referralDay,
    event,
    probSolDivRrResult: null,
    referralCaseManageAfter: null,
    locationCrisisOrPhHousing: place[event] ?? null,
    referralResult: known ? random.weighted([[1, 70], [2, 15], [3, 15]] as const) : null,
    resultDate: known ? resultDay : null,
    dateCreated: moment,
    dateUpdated: moment,
  });
}

/** The nights of a stay: its first, most of the others, and the eve of its exit. */
function drawNights(random: TrainingRandom, entry: string, exit: string | null, today: string): Set<string> {
  const last = exit === null ? today : addDays(exit, -1);
  const nights = new Set<string>([entry]);
  const regular = random.chance(0.7);
  for (let night = addDays(entry, 1); night <= last; night = addDays(night, 1)) {
    if (night === last || random.chance(regular ? 0.9 : 0.55)) nights.add(night);
  }
  return nights;
}

/** A first contact at entry, then one every few weeks while the stay goes on (at most a dozen). */
function drawContacts(random: TrainingRandom, enrollment: Enrollment, exit: string | null, today: string, outreach: boolean): ContactFields[] {
  const last = minDate(exit ?? today, today);
  const contacts: ContactFields[] = [];
  let day = enrollment.entryDate;
  const spot = random.pick(OUTREACH_SPOTS);
  while (day <= last && contacts.length < 12) {
    const situation = outreach ? random.weighted([[116, 80], [101, 12], [118, 2], [335, 3], [37, 3]] as const) : random.weighted([[116, 40], [101, 40], [336, 10], [335, 10]] as const);
    const leaving = situation === 335 || situation === 336 || situation === 37;
    const mustLeave = leaving && random.chance(0.5);
    contacts.push({
      informationDate: day,
      currentLivingSituation: situation,
      clsSubsidyType: null,
      verifiedBy: null,
      leaveSituation14Days: leaving ? (mustLeave ? 1 : 0) : null,
      subsequentResidence: mustLeave ? 0 : null,
      resourcesToObtain: mustLeave ? random.pick([0, 1] as const) : null,
      leaseOwn60Day: mustLeave ? 0 : null,
      movedTwoOrMore: mustLeave ? random.pick([0, 1] as const) : null,
      locationDetails: outreach ? (random.chance(0.8) ? spot : random.pick(OUTREACH_SPOTS)) : null,
    });
    const gap = Math.max(1, Math.min(daysBetween(day, last), random.int(7, 45)));
    if (gap <= 0 || day === last) break;
    day = addDays(day, gap);
  }
  return contacts;
}
