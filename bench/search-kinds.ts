/**
 * The kinds of searches `npm run bench:search` measures, built from clients sampled out of the generated ones, and
 * for each search its ceiling: how many clients match what was typed at least as well as the one sought, so that
 * no search could put that client first more often than 1 in that many (issue 10).
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { nameWords, nicknameVariants, normalizeName } from '../src/clients/name-matching.js';
import type { Database } from '../src/db/schema.js';
import { typo } from '../src/training/people.js';
import type { Prng } from './search-clients.js';

/** One client of the sample: what a case manager might know of them. */
export interface Sampled {
  personalId: string;
  first: string;
  middle: string | null;
  last: string;
  suffix: string | null;
  dob: string | null;
  last4: string | null;
}

export const KINDS = {
  name: 'First Last',
  middle: 'First Middle Last',
  suffix: 'First Last Jr.',
  'double-surname': 'double surname',
  'second-surname': 'second surname only',
  'last-first': 'Last, First',
  swapped: 'Last First (no comma)',
  misspelt: 'misspelt name',
  'first-letter': 'first-letter slip',
  'nickname-en': 'English nickname',
  'nickname-es': 'Spanish nickname',
  accents: 'no accents typed',
  'last-name': 'last name only',
  'new-person': 'someone new',
  'dob-mmddyyyy': 'DOB MM/DD/YYYY',
  'dob-mdyyyy': 'DOB M/D/YYYY',
  'dob-dashes': 'DOB MM-DD-YYYY',
  'dob-iso': 'DOB YYYY-MM-DD',
  'dob-yy': 'DOB MM/DD/YY',
  'name-dob': 'name + DOB',
  'name-ssn4': 'name + SSN last 4',
  'ssn-last4': 'SSN last 4',
} as const;

export type Kind = keyof typeof KINDS;

/**
 * What makes another client match a search as well as the one sought: the same normalized first name (one of these
 * when a nickname was typed), the same last name (or, for a surname typed alone, one with it as either surname), and
 * the same middle name, suffix, date of birth or last 4 when those were typed.
 */
export interface SameAs {
  firsts?: string[];
  last?: string;
  /** A surname typed alone: the last name, or either of its words. */
  surname?: string;
  /** One word typed alone, the client's whole last name: first or last name (a second surname matches less well). */
  anyName?: string;
  middle?: string;
  suffix?: string;
  dob?: string;
  last4?: string;
}

export interface Query {
  kind: Kind;
  text: string;
  /** The client searched for; null when nobody in particular is (someone new). */
  personalId: string | null;
  same: SameAs | null;
}

/** Nicknames of each list, formal name → nicknames (the bench asks for English and Spanish ones apart). */
function nicknameList(file: string): Map<string, string[]> {
  const list = new Map<string, string[]>();
  for (const line of readFileSync(new URL(`../src/clients/nicknames/${file}`, import.meta.url), 'utf8').split('\n')) {
    const [name, ...nicknames] = line.split(',').map((w) => w.replace(/[^a-z]/g, ''));
    if (name) list.set(name, [...(list.get(name) ?? []), ...nicknames.filter((n) => n.length >= 2)]);
  }
  return list;
}

/** A first letter heard rather than read: Christopher → Kristopher, Gerald → Jerald; else the first two swapped (Msith). */
const SOUND_ALIKE: readonly [RegExp, string][] = [
  [/^ch(?=r)/, 'k'],
  [/^c(?=[aoulr])/, 'k'],
  [/^k/, 'c'],
  [/^g(?=[ei])/, 'j'],
  [/^j/, 'g'],
  [/^ph/, 'f'],
  [/^qu/, 'k'],
  [/^x/, 'j'],
  [/^y/, 'i'],
  [/^v/, 'b'],
  [/^b/, 'v'],
  [/^z/, 's'],
];

function firstLetterSlip(name: string): string {
  const lower = name.toLowerCase();
  for (const [pattern, replacement] of SOUND_ALIKE) if (pattern.test(lower)) return capitalized(lower.replace(pattern, replacement));
  return name.length > 2 ? capitalized(lower[1]! + lower[0]! + lower.slice(2)) : name;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function dateForms(iso: string) {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return {
    'dob-mmddyyyy': `${m}/${d}/${y}`,
    'dob-mdyyyy': `${Number(m)}/${Number(d)}/${y}`,
    'dob-dashes': `${m}-${d}-${y}`,
    'dob-iso': iso,
    'dob-yy': `${m}/${d}/${y.slice(2)}`,
  };
}

/** `count` searches of each kind, built from clients in the sample (a kind the sample cannot feed is left out). */
export function buildQueries(sample: readonly Sampled[], count: number, prng: Prng): Map<Kind, Query[]> {
  const english = nicknameList('names.csv');
  const spanish = nicknameList('spanish.csv');
  const named = sample.filter((s) => s.first && s.last);
  const queries = new Map<Kind, Query[]>();
  const norm = (s: Sampled) => ({ firsts: [normalizeName(s.first)], last: normalizeName(s.last) });
  const make = (kind: Kind, from: readonly Sampled[], build: (s: Sampled) => { text: string; same: SameAs }) => {
    if (from.length === 0) return;
    queries.set(
      kind,
      Array.from({ length: count }, () => {
        const s = prng.pick(from);
        const { text, same } = build(s);
        return { kind, text, personalId: kind === 'new-person' ? null : s.personalId, same: kind === 'new-person' ? null : same };
      }),
    );
  };
  const surnames = (s: Sampled) => nameWords(s.last);
  const nicknamed = (list: Map<string, string[]>) => (s: Sampled) => (list.get(normalizeName(s.first)) ?? []).length > 0;
  const withNickname = (list: Map<string, string[]>) => (s: Sampled) => {
    const nickname = prng.pick(list.get(normalizeName(s.first))!);
    // Everyone with the same last name whose first name this nickname may stand for matches as well.
    return { text: `${capitalized(nickname)} ${s.last}`, same: { firsts: [nickname, ...nicknameVariants(nickname)], last: normalizeName(s.last) } };
  };

  make('name', named, (s) => ({ text: `${s.first} ${s.last}`, same: norm(s) }));
  make('middle', named.filter((s) => s.middle), (s) => ({ text: `${s.first} ${s.middle} ${s.last}`, same: { ...norm(s), middle: s.middle! } }));
  make('suffix', named.filter((s) => s.suffix), (s) => ({ text: `${s.first} ${s.last} ${s.suffix}`, same: { ...norm(s), suffix: s.suffix! } }));
  make('double-surname', named.filter((s) => surnames(s).length > 1), (s) => ({ text: `${s.first} ${s.last}`, same: norm(s) }));
  make('second-surname', named.filter((s) => surnames(s).length > 1), (s) => {
    const second = s.last.split(/\s+/).at(-1)!;
    return { text: `${s.first} ${second}`, same: { firsts: [normalizeName(s.first)], surname: normalizeName(second) } };
  });
  make('last-first', named, (s) => ({ text: `${s.last}, ${s.first}`, same: norm(s) }));
  make('swapped', named, (s) => ({ text: `${s.last} ${s.first}`, same: norm(s) }));
  make('misspelt', named, (s) => ({ text: prng.chance(0.7) ? `${s.first} ${typo(prng, s.last)}` : `${typo(prng, s.first)} ${s.last}`, same: norm(s) }));
  make('first-letter', named, (s) => ({ text: prng.chance(0.5) ? `${firstLetterSlip(s.first)} ${s.last}` : `${s.first} ${firstLetterSlip(s.last)}`, same: norm(s) }));
  make('nickname-en', named.filter(nicknamed(english)), withNickname(english));
  make('nickname-es', named.filter(nicknamed(spanish)), withNickname(spanish));
  make('accents', named.filter((s) => stripAccents(s.first + s.last) !== s.first + s.last), (s) => ({ text: `${stripAccents(s.first)} ${stripAccents(s.last)}`, same: norm(s) }));
  make('last-name', named.filter((s) => surnames(s).length === 1), (s) => ({ text: s.last, same: { anyName: normalizeName(s.last) } }));
  // Search before create: a first and a last name from different clients, most likely nobody's.
  make('new-person', named, (s) => ({ text: `${s.first} ${prng.pick(named).last}`, same: {} }));
  const dated = sample.filter((s) => s.dob);
  for (const kind of ['dob-mmddyyyy', 'dob-mdyyyy', 'dob-dashes', 'dob-iso', 'dob-yy'] as const) make(kind, dated, (s) => ({ text: dateForms(s.dob!)[kind], same: { dob: s.dob! } }));
  make('name-dob', named.filter((s) => s.dob), (s) => ({ text: `${s.first} ${s.last} ${dateForms(s.dob!)['dob-mmddyyyy']}`, same: { ...norm(s), dob: s.dob! } }));
  make('name-ssn4', named.filter((s) => s.last4), (s) => ({ text: `${s.first} ${s.last} ${s.last4}`, same: { ...norm(s), last4: s.last4! } }));
  make('ssn-last4', sample.filter((s) => s.last4), (s) => ({ text: s.last4!, same: { last4: s.last4! } }));
  return queries;
}

/** How many live clients match a search at least as well as the one sought (the ceiling's denominator). */
export async function countEquallyGood(db: Kysely<Database>, same: SameAs): Promise<number> {
  const row = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('date_deleted', 'is', null)
    .where((eb) => {
      const all = [];
      if (same.firsts) all.push(eb('first_name_norm', 'in', same.firsts));
      if (same.last) all.push(eb('last_name_norm', '=', same.last));
      // Either surname: the last word, or the first (the last name begins with it).
      if (same.surname) all.push(eb.or([eb('last_name_norm', 'like', `${same.surname}%`), eb('last_name_tail_norm', '=', same.surname)]));
      if (same.anyName) all.push(eb.or([eb('last_name_norm', '=', same.anyName), eb('first_name_norm', '=', same.anyName)]));
      if (same.middle) all.push(eb('middle_name', '=', same.middle));
      if (same.suffix) all.push(eb('name_suffix', '=', same.suffix));
      if (same.dob) all.push(eb('dob', '=', same.dob));
      if (same.last4) all.push(eb('ssn_last4', '=', same.last4));
      return eb.and(all);
    })
    .executeTakeFirstOrThrow();
  return Math.max(1, Number(row.n));
}
