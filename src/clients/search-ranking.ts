import type { NameQuery, NameReading } from './client-search.js';
import { normalizeSuffix } from './client-search.js';
import type { NameCandidate } from './clients.model.js';
import { firstNameSimilarity, nameSimilarity, nameWords } from './name-matching.js';

/**
 * How well a client fits a typed name (and the date of birth or SSN digits typed with it), and which results are
 * worth showing. The score of a reading is the mean similarity of its first and last name (name-matching.ts); then
 *
 * - every typed word must count: a middle name, second surname or initial typed and found in the record raises
 *   it a little, one the record does not have lowers it clearly. So the record with exactly the words typed ranks
 *   first, and "María Hernández García" comes before every María García;
 * - a suffix typed (Jr., III) raises the records with it and lowers those with another;
 * - a date of birth or SSN digits typed with the name count about as much as a slip in the name: the person who
 *   matches both comes first, a near namesake with them before the exact namesake with another date of birth;
 * - nothing below LESS_LIKELY is shown, and what is below LIKELY is shown apart as "less likely": a name that only
 *   sounds like one typed part ("Reyes, Grace" for "García González Rosa") is never a result.
 *
 * Equal scores are truly equal (the same name, as far as what was typed tells them apart); only they are ordered by
 * name.
 */

/** Candidates best first, split where they stop being likely. */
export interface Ranked<T> {
  likely: T[];
  lessLikely: T[];
  /** The best score: CLOSE or more when what was typed fits someone with at most a slip. */
  best: number;
}

/** At or above: a result. */
export const LIKELY = 0.8;
/** At or above: someone fits what was typed with at most a slip or a nickname. */
export const CLOSE = 0.9;
/** At or above, below LIKELY: shown apart as less likely. Below: not shown. */
export const LESS_LIKELY = 0.65;
/** A reading whose first or last name is less alike than this does not fit at all. */
const MIN_PART = 0.6;
/** A name matched by one of its words (a first surname, a second first name) rather than whole. */
const ONE_OF_SEVERAL = 0.95;
/** The second surname alone: as likely, but the first surname is the one people go by. */
const LATER_OF_SEVERAL = 0.94;
/** Two surnames typed, the record has one of them and another one ("Olivares Estrada" for Olivares Cruz). */
const OTHER_SURNAME = 0.25;
const OTHER_WORD_FOUND = 0.02;
const OTHER_WORD_MISSING = 0.1;
const OTHER_MIDDLE_NAME = 0.15;
const SUFFIX_SAME = 0.02;
const SUFFIX_NONE = 0.03;
const SUFFIX_OTHER = 0.1;
const IDENTIFIER_SAME = 0.15;
const IDENTIFIER_NEAR = 0.05;
const IDENTIFIER_UNKNOWN = 0.03;
const IDENTIFIER_OTHER = 0.15;
/** A full SSN is shared by nobody else: it weighs more than a date of birth or the last 4 digits. */
const SSN_SAME = 0.3;

/** Scores candidates against the query, best first, and splits them into likely and less likely; the rest is dropped. */
export function rankCandidates<T extends NameCandidate>(query: NameQuery, candidates: readonly T[]): Ranked<T> {
  const scorer = new Scorer(query);
  const scored = candidates.map((candidate) => ({ candidate, score: scorer.score(candidate) })).filter((s) => s.score >= LESS_LIKELY);
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.candidate.lastNameNorm.localeCompare(b.candidate.lastNameNorm) ||
      a.candidate.firstNameNorm.localeCompare(b.candidate.firstNameNorm) ||
      a.candidate.personalId.localeCompare(b.candidate.personalId),
  );
  return {
    likely: scored.filter((s) => s.score >= LIKELY).map((s) => s.candidate),
    lessLikely: scored.filter((s) => s.score < LIKELY).map((s) => s.candidate),
    best: scored[0]?.score ?? 0,
  };
}

/** Scores clients against one query; similarities are remembered, as many candidates share a name. */
export class Scorer {
  readonly #memo = new Map<string, number>();
  readonly #words = new Map<string, string[]>();

  constructor(private readonly query: NameQuery) {}

  score(candidate: NameCandidate): number {
    const middleWords = this.#wordsOf(candidate.middleName);
    const lastWords = this.#wordsOf(candidate.lastName);
    const firstWords = this.#wordsOf(candidate.firstName);
    const record: RecordWords = {
      first: candidate.firstNameNorm,
      firstWords,
      last: candidate.lastNameNorm,
      lastWords,
      middleWords,
      allWords: [...middleWords, ...lastWords, ...firstWords],
    };
    let best = 0;
    if (this.query.single) {
      best = Math.max(this.#first(this.query.single, record), this.#last([this.query.single], record)[0]);
    }
    for (const reading of this.query.readings) best = Math.max(best, this.#reading(reading, record));
    if (best === 0) return 0;
    return best + this.#suffix(candidate.nameSuffix) + this.#identifiers(candidate);
  }

  #reading(reading: NameReading, record: RecordWords): number {
    const f = this.#first(reading.first, record);
    if (f < MIN_PART) return 0;
    const [l, surnameDiffers, notInRecord] = this.#last(reading.lastWords, record);
    if (l < MIN_PART) return 0;
    // A word typed besides, not in the record, while the record has a surname not typed: two surnames, one differing.
    const unexplained = record.lastWords.length > reading.lastWords.length;
    const others = notInRecord ? [...reading.others, notInRecord] : reading.others;
    return ((f + l) / 2) * reading.weight - (surnameDiffers ? OTHER_SURNAME : 0) - this.#othersPenalty(others, record, unexplained);
  }

  #first(typed: string, record: RecordWords): number {
    let best = this.#similar('f', typed, record.first);
    if (best < 1 && record.firstWords.length > 1) for (const word of record.firstWords) best = Math.max(best, this.#similar('f', typed, word) * ONE_OF_SEVERAL);
    return best;
  }

  /**
   * A last name typed as one or more words: whole; or one surname typed of the record's two (the first a little
   * more likely); or two typed where the record has one (the other word is returned, to count as a word typed
   * besides); or two typed, of which the record has one and another one instead, which is not the same person as
   * likely.
   */
  #last(typedWords: string[], record: RecordWords): [similarity: number, surnameDiffers: boolean, notInRecord?: string] {
    let best = this.#similar('l', typedWords.join(''), record.last);
    if (best === 1) return [best, false];
    const recordWords = record.lastWords.length > 1 ? record.lastWords : [record.last];
    if (typedWords.length === 1) {
      if (recordWords.length > 1) recordWords.forEach((word, i) => (best = Math.max(best, this.#similar('l', typedWords[0]!, word) * (i === 0 ? ONE_OF_SEVERAL : LATER_OF_SEVERAL))));
      return [best, false];
    }
    // Two surnames against two, word by word: as one string, "Olivares Estrada" would look much like "Olivares Partida".
    if (recordWords.length > 1) best = 0;
    const found = typedWords.map((typed) => Math.max(...recordWords.map((word) => this.#similar('l', typed, word))));
    const any = Math.max(...found);
    if (Math.min(...found) >= LIKELY) return [Math.max(best, (found.reduce((a, b) => a + b) / found.length) * ONE_OF_SEVERAL), false];
    // The record has fewer surnames: the one typed besides counts like any word typed besides (it may be a middle name).
    if (recordWords.length < typedWords.length && typedWords.length === 2 && any > best) return [any, false, typedWords[found.indexOf(any) === 0 ? 1 : 0]];
    return best >= any ? [best, false] : [any, true];
  }

  /** Words typed besides the first and last name: found in the record's name, a little more; not found, clearly less. */
  #othersPenalty(others: readonly string[], record: RecordWords, surnameUntyped: boolean): number {
    let change = 0;
    for (const word of others) {
      let found = 0;
      for (const token of record.allWords) found = Math.max(found, word.length === 1 ? (token.startsWith(word) ? 1 : 0) : this.#similar('l', word, token));
      if (found >= LIKELY) change -= OTHER_WORD_FOUND;
      else if (surnameUntyped && word.length > 1) change += OTHER_SURNAME;
      // A middle name typed, and another one on record, speaks more against the record than none on record.
      else change += record.middleWords.length > 0 ? OTHER_MIDDLE_NAME : OTHER_WORD_MISSING;
    }
    return change;
  }

  #suffix(stored: string | null): number {
    const typed = this.query.suffix;
    if (!typed) return 0;
    const suffix = normalizeSuffix(stored);
    return suffix === typed ? SUFFIX_SAME : suffix ? -SUFFIX_OTHER : -SUFFIX_NONE;
  }

  #identifiers(candidate: NameCandidate): number {
    const { dob, ssnLast4, ssn } = this.query;
    let change = 0;
    if (dob) change += !candidate.dob ? -IDENTIFIER_UNKNOWN : candidate.dob === dob ? IDENTIFIER_SAME : nearDate(dob, candidate.dob) ? IDENTIFIER_NEAR : -IDENTIFIER_OTHER;
    if (ssnLast4) change += !candidate.ssnLast4 ? -IDENTIFIER_UNKNOWN : candidate.ssnLast4 === ssnLast4 ? IDENTIFIER_SAME : -IDENTIFIER_OTHER;
    if (ssn) change += candidate.ssnMatches ? SSN_SAME : candidate.ssnLast4 ? -IDENTIFIER_OTHER : -IDENTIFIER_UNKNOWN;
    return change;
  }

  #wordsOf(name: string | null): string[] {
    if (!name) return [];
    let words = this.#words.get(name);
    if (!words) this.#words.set(name, (words = nameWords(name)));
    return words;
  }

  #similar(kind: 'f' | 'l', typed: string, stored: string): number {
    const key = `${kind}${typed}\u0000${stored}`;
    let value = this.#memo.get(key);
    if (value === undefined) {
      value = kind === 'f' ? firstNameSimilarity(typed, stored) : nameSimilarity(typed, stored);
      this.#memo.set(key, value);
    }
    return value;
  }
}

interface RecordWords {
  first: string;
  firstWords: string[];
  last: string;
  lastWords: string[];
  middleWords: string[];
  allWords: string[];
}

/** A date of birth one slip away: month and day swapped, or one of year, month and day different. */
function nearDate(typed: string, stored: string): boolean {
  const [ty, tm, td] = typed.split('-');
  const [sy, sm, sd] = stored.split('-');
  if (ty === sy && tm === sd && td === sm) return true;
  return [ty === sy, tm === sm, td === sd].filter(Boolean).length === 2;
}
