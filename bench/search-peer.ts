/**
 * The peer baseline of `npm run bench:search`: a client search as a pg_trgm + fuzzystrmatch HMIS does it (what Open
 * Path HMIS Warehouse does: trigram similarity on names, Double Metaphone, a nickname table), run on the same
 * clients in the same database as Hearth's, given its best chance:
 *
 * - trigram similarity (`%`, pg_trgm's default threshold 0.3) of the whole name, "first last" with accents folded,
 *   found through a GIN index on that expression; ranked by that similarity;
 * - or the same Double Metaphone code (primary or alternate) of first and last name, through btree indexes on them;
 * - or a first name the typed one is a nickname of (or the other way round), from a table of the same English list
 *   Hearth uses (names.csv; the Spanish one is Hearth's own), with a last name similar by trigrams;
 * - a date of birth or 4 digits alone found by equality; typed with a name, they lift the clients that have them
 *   (a peer's search box would more likely ignore them: this gives it the benefit of the doubt);
 * - "Last, First" understood; otherwise the first word is the first name and the rest the last name.
 *
 * The peer's indexes are built after Hearth's, and not counted in Hearth's load figures.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { readDate } from '../src/clients/client-search.js';
import { normalizeName } from '../src/clients/name-matching.js';
import type { Database } from '../src/db/schema.js';

const LIMIT = 50;

/** The whole name as the peer compares it: lower case, accents folded, word breaks kept (an immutable expression, so indexable). */
const FOLD_FROM = 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿ';
const FOLD_TO = 'aaaaaaeeeeiiiiooooouuuuncyy';
const PEER_NAME = sql.raw(`translate(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '${FOLD_FROM}', '${FOLD_TO}')`);

function fold(text: string): string {
  return [...text.toLowerCase()].map((c) => FOLD_TO[FOLD_FROM.indexOf(c)] ?? c).join('');
}

export class PeerSearch {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly today: string,
  ) {}

  /**
   * Creates what the peer needs (fuzzystrmatch must already be loadable; the nickname table and indexes are the
   * peer's, in the bench's schema) and returns it with the seconds its indexes took.
   */
  static async prepare(db: Kysely<Database>, today: string): Promise<{ peer: PeerSearch; seconds: number }> {
    const started = performance.now();
    await sql`create extension if not exists fuzzystrmatch`.execute(db);
    await sql`create table peer_nicknames (name text not null, nickname text not null)`.execute(db);
    const pairs: [string, string][] = [];
    for (const line of readFileSync(new URL('../src/clients/nicknames/names.csv', import.meta.url), 'utf8').split('\n')) {
      const [name, ...nicknames] = line.split(',').map((w) => w.replace(/[^a-z]/g, ''));
      if (!name) continue;
      for (const nickname of nicknames) if (nickname) pairs.push([name, nickname], [nickname, name]);
    }
    await sql`insert into peer_nicknames select * from unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[])`.execute(db);
    await sql`create index peer_nicknames_idx on peer_nicknames (nickname)`.execute(db);
    await sql`create index peer_name_trgm_idx on clients using gin ((${PEER_NAME}) gin_trgm_ops)`.execute(db);
    await sql`create index peer_first_dm_idx on clients (dmetaphone(first_name_norm))`.execute(db);
    await sql`create index peer_last_dm_idx on clients (dmetaphone(last_name_norm))`.execute(db);
    await sql`create index peer_first_dma_idx on clients (dmetaphone_alt(first_name_norm))`.execute(db);
    await sql`create index peer_last_dma_idx on clients (dmetaphone_alt(last_name_norm))`.execute(db);
    await sql`analyze clients`.execute(db);
    await sql`analyze peer_nicknames`.execute(db);
    return { peer: new PeerSearch(db, today), seconds: (performance.now() - started) / 1000 };
  }

  /** The PersonalIDs found, best first (at most 50, a page). */
  async search(text: string): Promise<string[]> {
    let dob: string | null = null;
    let last4: string | null = null;
    const words: string[] = [];
    let comma = -1;
    for (const token of text.replace(/,/g, ' , ').split(/\s+/).filter(Boolean)) {
      if (token === ',') comma = words.length;
      else if (/\d/.test(token)) {
        const date = safeDate(token, this.today);
        if (date) dob = date;
        else if (/^\d{4}$/.test(token)) last4 = token;
      } else if (normalizeName(token)) words.push(token);
    }
    if (words.length === 0) {
      if (dob) return this.ids(this.db.selectFrom('clients').select('personal_id').where('dob', '=', dob));
      if (last4) return this.ids(this.db.selectFrom('clients').select('personal_id').where('ssn_last4', '=', last4));
      return [];
    }
    const [firstWords, lastWords] = comma > 0 ? [words.slice(comma), words.slice(0, comma)] : [words.slice(0, 1), words.slice(1)];
    const full = fold([...firstWords, ...lastWords].join(' '));
    const first = normalizeName(firstWords.join(''));
    const last = normalizeName(lastWords.join(''));
    const metaphone = (column: 'first_name_norm' | 'last_name_norm', typed: string) =>
      sql<boolean>`(dmetaphone(${sql.ref(column)}) = dmetaphone(${typed}) or dmetaphone_alt(${sql.ref(column)}) = dmetaphone_alt(${typed}))`;
    const nickname = sql<boolean>`first_name_norm = any(array(select name from peer_nicknames where nickname = ${first}))`;
    const conditions = [sql<boolean>`${PEER_NAME} % ${full}`];
    if (first && last) conditions.push(sql<boolean>`(${metaphone('first_name_norm', first)} and ${metaphone('last_name_norm', last)})`, sql<boolean>`(${nickname} and last_name_norm % ${last})`);
    else conditions.push(sql<boolean>`${metaphone('first_name_norm', first)}`, sql<boolean>`${metaphone('last_name_norm', first)}`);
    const score = sql`similarity(${PEER_NAME}, ${full})
      + case when ${first && last ? sql`${metaphone('first_name_norm', first)} and ${metaphone('last_name_norm', last)}` : sql`false`} then 0.2 else 0 end
      + case when ${first && last ? sql`${nickname} and last_name_norm % ${last}` : sql`false`} then 0.3 else 0 end
      + case when ${dob ? sql`dob = ${dob}` : sql`false`} then 0.5 else 0 end
      + case when ${last4 ? sql`ssn_last4 = ${last4}` : sql`false`} then 0.5 else 0 end`;
    const query = this.db
      .selectFrom('clients')
      .select('personal_id')
      .where(sql<boolean>`(${sql.join(conditions, sql` or `)})`)
      .orderBy(score, 'desc')
      .orderBy('personal_id');
    return this.ids(query, false);
  }

  private async ids(query: SelectQueryBuilder<Database, 'clients', { personal_id: string }>, byName = true): Promise<string[]> {
    const ordered = byName ? query.orderBy('last_name_norm').orderBy('first_name_norm') : query;
    const rows = await ordered.where('date_deleted', 'is', null).limit(LIMIT).execute();
    return rows.map((r) => r.personal_id);
  }
}

function safeDate(token: string, today: string): string | null {
  try {
    return readDate(token, today);
  } catch {
    return null;
  }
}
