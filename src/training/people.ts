import type { ClientInput } from '../clients/client-fields.js';
import { nicknameVariants, normalizeName } from '../clients/name-matching.js';
import type { RaceColumn } from '../hud/client-code-lists.js';
import { ageOn } from './calendar.js';
import type { Culture, TrainingRandom } from './random.js';

/**
 * One fictitious person's HUD universal data elements, as a case manager would type them: mostly complete,
 * some partial or missing (with HUD's data-quality codes), a few near-duplicates of others.
 */
export interface PersonDraft {
  input: ClientInput;
  /** The real date of birth, for ages; `input.dob` may be approximate or missing. */
  trueDob: string;
  /** The date of birth as recorded (null when not reported), which the enrollment rules go by. */
  recordedDob: string | null;
  culture: Culture;
  familyName: string;
  races: RaceColumn[];
}

export interface PersonWish {
  /** The site's today, YYYY-MM-DD. */
  today: string;
  culture: Culture;
  dob: string;
  /** Shared with the household (children mostly take a parent's last name). */
  familyName?: string;
  child: boolean;
  /** A child's race and ethnicity, taken from the parent. */
  races?: RaceColumn[];
}

const STREET_NAMES = ['Red', 'Tex', 'Shorty', 'Doc', 'Smokey', 'Sunny', 'Dutch', 'Boots', 'Lucky', 'Rocky', 'Slim', 'Chico'];
const SUFFIXES = ['Jr.', 'Sr.', 'II', 'III'];
const ADDITIONAL_DETAIL: Record<Culture, readonly string[]> = {
  us: ['Haitian', 'Jamaican', 'Somali', 'Irish', 'Navajo', 'Lakota', 'Cherokee', 'Puerto Rican'],
  mx: ['Mexican', 'Salvadoran', 'Guatemalan', 'Honduran', 'Dominican'],
  vi: ['Vietnamese', 'Hmong'],
};

/** Draws a person. */
export function drawPerson(random: TrainingRandom, wish: PersonWish): PersonDraft {
  const sexCode = wish.child ? random.weighted([[0, 49], [1, 49], [99, 2]] as const) : random.weighted([[0, 46], [1, 50], [8, 1], [9, 2], [99, 1]] as const);
  const namedAs = sexCode === 0 ? 'female' : sexCode === 1 ? 'male' : random.pick(['female', 'male'] as const);
  const familyName = wish.familyName ?? random.lastName(wish.culture);
  let firstName: string | null = random.firstName(wish.culture, namedAs);
  let lastName: string | null = familyName;
  let middleName: string | null = random.chance(0.3) ? random.firstName(wish.culture, namedAs) : null;
  let suffix: string | null = !wish.child && namedAs === 'male' && random.chance(0.03) ? random.pick(SUFFIXES) : null;

  // 3.01 Name: a few street names and partial names; anonymous (no name) only among adults.
  let nameQuality = 1;
  if (!wish.child) {
    nameQuality = random.weighted([[1, 93], [2, 4], [8, 1], [9, 1], [99, 1]] as const);
    if (nameQuality === 2) {
      if (random.chance(0.5)) [firstName, lastName] = [random.pick(STREET_NAMES), null];
      else firstName = null;
      middleName = suffix = null;
    } else if (nameQuality !== 1) firstName = middleName = lastName = suffix = null;
  }

  // 3.02 SSN: fictitious by construction (areas 900–999 are never issued), sometimes partial or missing.
  const area = String(random.int(900, 999));
  const group = String(random.int(1, 99)).padStart(2, '0');
  const serial = String(random.int(1, 9999)).padStart(4, '0');
  const full = `${area}${group}${serial}`;
  const ssnQuality = wish.child ? random.weighted([[1, 65], [8, 10], [99, 25]] as const) : random.weighted([[1, 74], [2, 10], [8, 7], [9, 5], [99, 4]] as const);
  let ssn = '';
  if (ssnQuality === 1) ssn = full;
  else if (ssnQuality === 2) ssn = random.pick([`xxxxx${serial}`, `${area}${group}xxxx`, `xxx${group}${serial}`]);

  // 3.03 DOB: children's is always known; some adults give an approximate one or none.
  const dobQuality = wish.child ? 1 : random.weighted([[1, 85], [2, 8], [8, 4], [9, 1], [99, 2]] as const);
  let recordedDob: string | null = wish.dob;
  // An approximate date is never later than the real one, so nobody looks younger than they are.
  if (dobQuality === 2) recordedDob = random.chance(0.5) ? `${wish.dob.slice(0, 4)}-01-01` : `${wish.dob.slice(0, 7)}-01`;
  else if (dobQuality !== 1) recordedDob = null;

  // 3.04 Race and ethnicity.
  let races: RaceColumn[] = wish.races ?? drawRaces(random, wish.culture);
  let raceNone = '';
  if (!wish.child && random.chance(0.03)) {
    races = [];
    raceNone = String(random.weighted([[8, 1], [9, 1], [99, 1]] as const));
  } else if (wish.child && races.length === 0) raceNone = '99';
  const additional = races.length > 0 && random.chance(0.06) ? random.pick(ADDITIONAL_DETAIL[wish.culture]) : '';

  // 3.07 Veteran status: adults only (children: not collected); no veteran under 21.
  const veteran = wish.child ? 99 : random.weighted([[0, 86], [ageOn(wish.dob, wish.today) >= 21 ? 1 : 0, 9], [8, 2], [9, 1], [99, 2]] as const);

  return {
    input: {
      firstName: firstName ?? '',
      middleName: middleName ?? '',
      lastName: lastName ?? '',
      nameSuffix: suffix ?? '',
      nameDataQuality: String(nameQuality),
      ssn,
      ssnDataQuality: String(ssnQuality),
      dob: recordedDob ?? '',
      dobDataQuality: String(dobQuality),
      races,
      raceNone,
      additionalRaceEthnicity: additional,
      sex: String(sexCode),
      veteranStatus: String(veteran),
    },
    trueDob: wish.dob,
    recordedDob,
    culture: wish.culture,
    familyName,
    races,
  };
}

function drawRaces(random: TrainingRandom, culture: Culture): RaceColumn[] {
  if (culture === 'mx') return random.chance(0.25) ? ['hispanic_latinao', 'white'] : ['hispanic_latinao'];
  if (culture === 'vi') return ['asian'];
  const main = random.weighted<RaceColumn>([
    ['black_af_american', 46],
    ['white', 40],
    ['am_ind_ak_native', 4],
    ['native_hi_pacific', 2],
    ['mid_east_n_african', 2],
    ['asian', 3],
    ['hispanic_latinao', 3],
  ]);
  if (!random.chance(0.1)) return [main];
  const second = random.pick<RaceColumn>(['white', 'black_af_american', 'am_ind_ak_native', 'hispanic_latinao']);
  return second === main ? [main] : [main, second];
}

/**
 * Another record of the same person, as a second agency might have typed it: a typo, a nickname, a missing
 * accent, a swapped first and last name; often the same DOB, a partial or no SSN. For practising duplicate
 * checks and fuzzy search.
 */
export function nearDuplicateOf(random: TrainingRandom, original: PersonDraft): PersonDraft {
  const input = { ...original.input, races: [...original.input.races] };
  const variant = random.weighted([['typo-last', 3], ['typo-first', 2], ['nickname', 3], ['accents', 2]] as const);
  const nickname = nicknameOf(input.firstName);
  if (variant === 'nickname' && nickname) input.firstName = nickname;
  else if (variant === 'accents' && stripAccents(input.firstName + input.lastName) !== input.firstName + input.lastName) {
    input.firstName = stripAccents(input.firstName);
    input.lastName = stripAccents(input.lastName);
  } else if (variant === 'typo-first') input.firstName = typo(random, input.firstName);
  else input.lastName = typo(random, input.lastName);
  input.middleName = random.chance(0.5) ? '' : input.middleName;
  // The second agency often had only part of the SSN, or none.
  const ssnChoice = random.weighted([['same', 3], ['partial', 3], ['none', 2]] as const);
  if (ssnChoice === 'partial' && /^[0-9]{9}$/.test(input.ssn)) [input.ssn, input.ssnDataQuality] = [`xxxxx${input.ssn.slice(5)}`, '2'];
  else if (ssnChoice === 'none') [input.ssn, input.ssnDataQuality] = ['', random.pick(['8', '99'])];
  return { ...original, input };
}

function nicknameOf(firstName: string): string | null {
  const variants = nicknameVariants(normalizeName(firstName)).filter((v) => v.length <= 5);
  const chosen = variants[0];
  return chosen ? chosen[0]!.toUpperCase() + chosen.slice(1) : null;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * One keyboard slip: two letters swapped, one dropped or one doubled (never the first letter). Shared with the
 * search benchmark, which misspells names the same way.
 */
export function typo(random: Pick<TrainingRandom, 'int'>, name: string): string {
  if (name.length < 4) return name + name[name.length - 1];
  const at = random.int(1, name.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
    case 1:
      return name.slice(0, at) + name.slice(at + 1);
    default:
      return name.slice(0, at) + name[at] + name.slice(at);
  }
}
