import type { ContactFields, CurrentLivingSituation } from '../contacts/contacts.model.js';
import type { Enrollment, Exit } from '../enrollments/enrollments.model.js';
import { addDays, daysBetween } from '../hud/calendar-days.js';
import { HEAD_OF_HOUSEHOLD } from '../hud/enrollment-code-lists.js';
import type { Project } from '../projects/projects.model.js';
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
}

const NIGHT_BY_NIGHT = 1;
const STREET_OUTREACH = 4;
const COORDINATED_ENTRY = 14;
const OUTREACH_SPOTS = ['Under the Main Street bridge', 'Riverside park, east end', 'Bus terminal', 'Library steps', 'Camp behind the rail yard', 'Parking garage on 3rd', 'Drop-in center'];

/**
 * Bed nights for night-by-night shelter stays and contacts for outreach and coordinated entry, drawn from the
 * stays already generated (histories.ts). HUD's rules hold: a bed night on the entry date, the others before the
 * exit date (whose eve is the last night: "exit = the day after the last bed night"), one per night; contacts
 * within the stay and not after today. Pure: nothing is read or written here.
 */
export function generateOccurrences(
  random: TrainingRandom,
  ids: IdSequence,
  input: { projects: readonly Project[]; enrollments: readonly Enrollment[]; exits: readonly Exit[]; today: string; now: Date },
): GeneratedOccurrences {
  const { today, now } = input;
  const typeOf = new Map(input.projects.map((p) => [p.projectId, p.projectType]));
  const exitOf = new Map(input.exits.map((e) => [e.enrollmentId, e.exitDate]));
  const out: GeneratedOccurrences = { bedNights: [], contacts: [] };
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
    if ((type === STREET_OUTREACH || type === COORDINATED_ENTRY) && adult) {
      for (const fields of drawContacts(random, enrollment, exit, today, type === STREET_OUTREACH)) {
        const at = momentOn(fields.informationDate, random.int(480, 1_020), now);
        out.contacts.push({ currentLivingSitId: ids.next('contact'), enrollmentId: enrollment.enrollmentId, personalId: enrollment.personalId, ...fields, dateCreated: at, dateUpdated: at, userId: TRAINING_USER_ID });
      }
    }
  }
  return out;
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
