/** Figures and how the benches print them. */

/** The p-th quantile (0 to 1) of ascending numbers, by the nearest-rank method; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** A share as a whole percentage; '–' when there is none to give. */
export function pct(n: number | null): string {
  if (n === null) return '–';
  return Number.isFinite(n) ? `${Math.round(n * 100)}%` : 'n/a';
}

/** For JSON output: a rounded number, or null where fmt() prints n/a. */
export function round(n: number, digits = 1): number | null {
  return Number.isFinite(n) ? Number(n.toFixed(digits)) : null;
}

/** Two columns, the names padded to one width. */
export function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** A progress line on stderr: rewritten in place on a terminal, one line each otherwise. */
export function progress(text: string) {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K`);
  else process.stderr.write(`${text}\n`);
}
