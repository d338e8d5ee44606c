/**
 * Many fictitious clients, fast: the bench needs a million in well under a minute, which faker cannot draw
 * one call at a time. Names come from pools drawn once with faker (the Training site's seeded generator,
 * src/training/random.ts), with their search helpers worked out once per name; everything else comes from a
 * small seeded PRNG. The rows are what the clients repository stores (checkAgainstService compares them with its
 * clientColumns), with the same kinds of partial and missing data as the Training site. The same seed gives the same
 * clients.
 */
import type { Insertable } from 'kysely';
import type { ClientFields } from '../src/clients/clients.model.js';
import { clientColumns } from '../src/clients/clients.repository.js';
import type { ClientsTable } from '../src/db/schema.js';
import { RACE_FIELDS, type RaceColumn } from '../src/hud/client-code-lists.js';
import { lastNameTail, normalizeName, soundex } from '../src/clients/name-matching.js';
import { addDays } from '../src/training/calendar.js';
import { TrainingRandom, type Culture } from '../src/training/random.js';

/** A small, fast, seeded generator (mulberry32): uniform in [0, 1). */
export class Prng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A pooled name with its search helpers worked out once (normalizeName, soundex, lastNameTail, as the clients repository does). */
interface PooledName {
  name: string;
  norm: string;
  key: string;
  tail: string;
}

interface NamePools {
  first: Record<Culture, { female: PooledName[]; male: PooledName[] }>;
  last: Record<Culture, PooledName[]>;
}

/** How many names each pool holds: enough that faker's lists (and Spanish double surnames) show their variety. */
const POOL_SIZES: Record<Culture, { first: number; last: number }> = { us: { first: 3000, last: 4000 }, mx: { first: 1500, last: 6000 }, vi: { first: 600, last: 400 } };

function namePools(seed: number): NamePools {
  const random = new TrainingRandom(seed);
  const cultures: Culture[] = ['us', 'mx', 'vi'];
  const pooled = (name: string): PooledName => {
    const norm = normalizeName(name);
    return { name, norm, key: soundex(norm), tail: lastNameTail(name) };
  };
  const draw = (n: number, f: () => string) => Array.from({ length: n }, () => pooled(f()));
  return {
    first: Object.fromEntries(
      cultures.map((c) => [c, { female: draw(POOL_SIZES[c].first, () => random.firstName(c, 'female')), male: draw(POOL_SIZES[c].first, () => random.firstName(c, 'male')) }]),
    ) as NamePools['first'],
    last: Object.fromEntries(cultures.map((c) => [c, draw(POOL_SIZES[c].last, () => random.lastName(c))])) as NamePools['last'],
  };
}

const MAIN_RACE: Record<Culture, RaceColumn> = { us: 'black_af_american', mx: 'hispanic_latinao', vi: 'asian' };
const US_RACES: readonly RaceColumn[] = ['black_af_american', 'black_af_american', 'white', 'white', 'white', 'am_ind_ak_native', 'asian', 'native_hi_pacific', 'mid_east_n_african', 'hispanic_latinao'];
/** Name suffixes as case managers type them, for a few adult men. */
const SUFFIXES = ['Jr.', 'Sr.', 'II', 'III'];
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const OLDEST = 100 * 366;

/**
 * The rows the clients repository writes (its clientColumns), built directly from pooled names so a million
 * take seconds, not a minute. `checkAgainstService` proves on a sample that they are the same rows.
 */
export class BenchClientGenerator {
  readonly #prng: Prng;
  readonly #pools: NamePools;
  readonly #now: Date;
  /** Dates of birth by days before today (no date arithmetic per client). */
  readonly #daysAgo: string[];

  constructor(options: { seed: number; today: string; now: Date }) {
    this.#prng = new Prng(options.seed);
    this.#pools = namePools(options.seed);
    this.#now = options.now;
    this.#daysAgo = Array.from({ length: OLDEST }, (_, i) => addDays(options.today, -i));
  }

  /** The next `count` clients. */
  batch(count: number): Insertable<ClientsTable>[] {
    const rows: Insertable<ClientsTable>[] = new Array(count);
    for (let i = 0; i < count; i++) rows[i] = this.#client();
    return rows;
  }

  #client(): Insertable<ClientsTable> {
    const p = this.#prng;
    const r = p.next();
    const culture: Culture = r < 0.72 ? 'us' : r < 0.94 ? 'mx' : 'vi';
    const s = p.next();
    const sex = s < 0.48 ? 0 : s < 0.96 ? 1 : p.pick([8, 9, 99]);
    const named = sex === 0 ? 'female' : sex === 1 ? 'male' : p.chance(0.5) ? 'female' : 'male';
    const child = p.chance(0.25);

    // 3.01 Name
    const n = p.next();
    const nameDataQuality = child || n < 0.95 ? 1 : n < 0.98 ? 2 : 99;
    const first = nameDataQuality === 99 ? null : p.pick(this.#pools.first[culture][named]);
    const last = nameDataQuality === 1 ? p.pick(this.#pools.last[culture]) : null;
    const middle = nameDataQuality === 1 && p.chance(0.3) ? p.pick(this.#pools.first[culture][named]) : null;
    const suffix = nameDataQuality === 1 && !child && named === 'male' && p.chance(0.04) ? p.pick(SUFFIXES) : null;

    // 3.02 SSN: never-issued 9xx areas, some partial, some missing.
    const q = p.next();
    const serial = String(p.int(1, 9999)).padStart(4, '0');
    const ssnDataQuality = q < 0.75 ? 1 : q < 0.85 ? 2 : p.pick([8, 9, 99]);
    const ssn = ssnDataQuality === 1 ? `${p.int(900, 999)}${String(p.int(1, 99)).padStart(2, '0')}${serial}` : ssnDataQuality === 2 ? `xxxxx${serial}` : null;

    // 3.03 DOB
    const age = child ? p.int(0, 17) : p.int(18, 45) + p.int(0, 35);
    const trueDob = this.#daysAgo[age * 365 + p.int(0, 364)]!;
    const d = p.next();
    const dobDataQuality = child || d < 0.88 ? 1 : d < 0.93 ? 2 : p.pick([8, 9, 99]);
    const dob = dobDataQuality === 1 ? trueDob : dobDataQuality === 2 ? `${trueDob.slice(0, 4)}-01-01` : null;

    // 3.04 Race and ethnicity
    const races: Record<RaceColumn, 0 | 1> = { am_ind_ak_native: 0, asian: 0, black_af_american: 0, hispanic_latinao: 0, mid_east_n_african: 0, native_hi_pacific: 0, white: 0 };
    let raceNone: number | null = null;
    if (p.chance(0.03)) raceNone = p.pick([8, 9, 99]);
    else {
      races[culture === 'us' ? p.pick(US_RACES) : MAIN_RACE[culture]] = 1;
      if (p.chance(0.1)) races[p.pick(US_RACES)] = 1;
    }

    return {
      personal_id: this.#hex32(),
      first_name: first?.name ?? null,
      middle_name: middle?.name ?? null,
      last_name: last?.name ?? null,
      name_suffix: suffix,
      name_data_quality: nameDataQuality,
      ssn,
      ssn_data_quality: ssnDataQuality,
      dob,
      dob_data_quality: dobDataQuality,
      ...races,
      race_none: raceNone,
      additional_race_ethnicity: null,
      sex,
      veteran_status: child ? 99 : p.chance(0.08) && age >= 21 ? 1 : 0,
      first_name_norm: first?.norm ?? '',
      last_name_norm: last?.norm ?? '',
      first_name_key: first?.key ?? '',
      last_name_key: last?.key ?? '',
      last_name_tail_norm: last?.tail ?? '',
      ssn_last4: ssnDataQuality === 1 || ssnDataQuality === 2 ? serial : null,
      date_created: this.#now,
      date_updated: this.#now,
      user_id: 'bench',
      date_deleted: null,
    };
  }

  #hex32(): string {
    let id = '';
    for (let i = 0; i < 4; i++) {
      const word = Math.floor(this.#prng.next() * 4294967296);
      id += HEX[word >>> 24]! + HEX[(word >>> 16) & 255]! + HEX[(word >>> 8) & 255]! + HEX[word & 255]!;
    }
    return id;
  }
}

/**
 * Throws unless each row is exactly what Hearth would store for the same answers (the repository's clientColumns),
 * so the bench never searches data the application could not have written.
 */
export function checkAgainstService(rows: readonly Insertable<ClientsTable>[]): void {
  for (const row of rows) {
    const fields: ClientFields = {
      firstName: row.first_name ?? null,
      middleName: row.middle_name ?? null,
      lastName: row.last_name ?? null,
      nameSuffix: row.name_suffix ?? null,
      nameDataQuality: row.name_data_quality,
      ssn: row.ssn ?? null,
      ssnDataQuality: row.ssn_data_quality,
      dob: row.dob ?? null,
      dobDataQuality: row.dob_data_quality,
      races: Object.fromEntries(RACE_FIELDS.map((f) => [f.column, row[f.column] ?? 0])) as Record<RaceColumn, 0 | 1>,
      raceNone: row.race_none ?? null,
      additionalRaceEthnicity: row.additional_race_ethnicity ?? null,
      sex: row.sex ?? 99,
      veteranStatus: row.veteran_status,
    };
    const expected = clientColumns(fields);
    for (const [column, value] of Object.entries(expected)) {
      if ((row as Record<string, unknown>)[column] !== value) {
        throw new Error(`The bench's client rows differ from the service's in ${column}: ${String((row as Record<string, unknown>)[column])} ≠ ${String(value)}`);
      }
    }
  }
}
