/**
 * Hearth's search and the peer's (search-peer.ts) side by side, kind by kind (search-kinds.ts): how often each finds
 * the client sought first and among the first ten, against the ceiling (how often any search could, given how many
 * clients match what was typed as well), and how long each takes.
 */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Actor } from '../src/audit/audit-log.js';
import type { Client } from '../src/clients/clients.model.js';
import { ClientsRepository } from '../src/clients/clients.repository.js';
import type { ClientService } from '../src/clients/clients.service.js';
import type { Database } from '../src/db/schema.js';
import { pct, percentile } from './lib/stats.js';
import { countEquallyGood, KINDS, type Kind, type Query } from './search-kinds.js';
import type { PeerSearch } from './search-peer.js';

export interface SystemResult {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Share of searches whose client came first; null when nobody in particular was sought. */
  at1: number | null;
  /** … among the first ten. */
  at10: number | null;
  /** … first, among the searches where nobody else matches as well (the full name typed exactly and unique). */
  at1Unique: number | null;
  meanResults: number;
}

export interface KindComparison {
  kind: Kind;
  label: string;
  n: number;
  /** Mean of 1 / (clients matching as well as the one sought): the best found@1 any ranking could reach. */
  ceiling1: number | null;
  /** Mean of min(1, 10 / that many). */
  ceiling10: number | null;
  /** Searches whose client nobody else matched as well. */
  unique: number;
  hearth: SystemResult;
  peer: SystemResult;
}

export interface Comparison {
  kinds: KindComparison[];
  baseline: { n: number; p50Ms: number; p95Ms: number };
}

class Tally {
  readonly times: number[] = [];
  first = 0;
  top10 = 0;
  firstUnique = 0;
  results = 0;

  add(ms: number, found: readonly string[], query: Query, unique: boolean): void {
    this.times.push(ms);
    this.results += found.length;
    const at = query.personalId ? found.indexOf(query.personalId) : -1;
    if (at === 0) this.first += 1;
    if (at === 0 && unique) this.firstUnique += 1;
    if (at >= 0 && at < 10) this.top10 += 1;
  }

  result(sought: boolean, uniques: number): SystemResult {
    const sorted = [...this.times].sort((a, b) => a - b);
    const n = sorted.length;
    return {
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      maxMs: sorted.at(-1) ?? NaN,
      at1: sought ? this.first / n : null,
      at10: sought ? this.top10 / n : null,
      at1Unique: sought && uniques > 0 ? this.firstUnique / uniques : null,
      meanResults: this.results / n,
    };
  }
}

/**
 * Counts each search's ceiling, then warms up, then runs rounds: each round one search of every kind through Hearth
 * (ClientService.search, audit row included), the same through the peer, and one primary-key lookup, so that any
 * drift of the machine touches every kind and both systems alike. Hearth's results are what its page shows: the
 * likely ones, then the less likely ones.
 */
export async function compare(options: {
  db: Kysely<Database>;
  service: ClientService;
  peer: PeerSearch;
  actor: Actor;
  queries: Map<Kind, Query[]>;
  warmup: number;
  progress: (text: string) => void;
}): Promise<Comparison> {
  const { db, service, peer, actor, queries } = options;
  const kinds = [...queries.keys()];
  const counts = new Map<Query, number>();
  for (const list of queries.values()) for (const query of list) if (query.same) counts.set(query, await countEquallyGood(db, query.same));

  const hearth = async (query: Query) => {
    const started = performance.now();
    const result = await service.search(query.text, actor);
    return { ms: performance.now() - started, ids: [...result.clients, ...result.lessLikely].map((c) => c.personalId) };
  };
  const peerSearch = async (query: Query) => {
    const started = performance.now();
    const ids = await peer.search(query.text);
    return { ms: performance.now() - started, ids };
  };
  const repository = new ClientsRepository(db);
  const ids = [...queries.values()].flat().flatMap((q) => (q.personalId ? [q.personalId] : []));
  const lookup = async (i: number) => {
    const started = performance.now();
    const client: Client | undefined = await repository.findByPersonalId(ids[i % ids.length]!);
    if (!client) throw new Error('a sampled client was not found by its PersonalID');
    return performance.now() - started;
  };

  const rounds = Math.max(...[...queries.values()].map((list) => list.length));
  for (let i = 0; i < options.warmup; i++) {
    for (const kind of kinds) {
      const list = queries.get(kind)!;
      await hearth(list[i % list.length]!);
      await peerSearch(list[i % list.length]!);
    }
    await lookup(i);
  }
  const tallies = new Map(kinds.map((k) => [k, { hearth: new Tally(), peer: new Tally() }]));
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const kind of kinds) {
      const query = queries.get(kind)![i];
      if (!query) continue;
      const unique = counts.get(query) === 1;
      const ours = await hearth(query);
      tallies.get(kind)!.hearth.add(ours.ms, ours.ids, query, unique);
      const theirs = await peerSearch(query);
      tallies.get(kind)!.peer.add(theirs.ms, theirs.ids, query, unique);
    }
    baseline.push(await lookup(options.warmup + i));
    if (i % 50 === 49) options.progress(`  measured ${i + 1} of ${rounds} rounds`);
  }
  baseline.sort((a, b) => a - b);
  return {
    baseline: { n: baseline.length, p50Ms: percentile(baseline, 0.5), p95Ms: percentile(baseline, 0.95) },
    kinds: kinds.map((kind) => {
      const list = queries.get(kind)!;
      const sought = list[0]!.personalId !== null;
      const denominators = list.flatMap((q) => (counts.has(q) ? [counts.get(q)!] : []));
      const unique = denominators.filter((n) => n === 1).length;
      const mean = (f: (n: number) => number) => (sought && denominators.length ? denominators.reduce((sum, n) => sum + f(n), 0) / denominators.length : null);
      const tally = tallies.get(kind)!;
      return {
        kind,
        label: KINDS[kind],
        n: list.length,
        ceiling1: mean((n) => 1 / n),
        ceiling10: mean((n) => Math.min(1, 10 / n)),
        unique,
        hearth: tally.hearth.result(sought, unique),
        peer: tally.peer.result(sought, unique),
      };
    }),
  };
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** The comparison as a table: per kind, found@1 and found@10 of each against the ceiling, then latency. */
export function comparisonTable(comparison: Comparison): string[] {
  const header = ['kind', 'ceil@1', 'H @1', 'P @1', 'ceil@10', 'H @10', 'P @10', 'H @1 uniq', 'P @1 uniq', 'H p50', 'H p95', 'P p50', 'P p95', 'H results'];
  const rows = comparison.kinds.map((k) => [
    k.label,
    pct(k.ceiling1),
    pct(k.hearth.at1),
    pct(k.peer.at1),
    pct(k.ceiling10),
    pct(k.hearth.at10),
    pct(k.peer.at10),
    k.unique ? `${pct(k.hearth.at1Unique)} of ${k.unique}` : '–',
    k.unique ? pct(k.peer.at1Unique) : '–',
    ms(k.hearth.p50Ms),
    ms(k.hearth.p95Ms),
    ms(k.peer.p50Ms),
    ms(k.peer.p95Ms),
    k.hearth.meanResults.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`);
}
