import { readFileSync } from 'node:fs';

/**
 * Nicknames, looked up both ways: a typed "Abe" stands for Abraham (or Abel, Abram), and a typed "Abraham" may have
 * been recorded as "Abe". Two lists in one format (a line per name: the name, then its nicknames, lower case, accents
 * folded as search folds them):
 *
 * - names.csv: English given names, third-party (Apache-2.0; source and licence in README.md and LICENSE here);
 * - spanish.csv: common Spanish hypocorisms (Pepe → José, Chuy → Jesús, Lupe → Guadalupe …), written for Hearth.
 *
 * One step only: "Bill" reaches William, not William's other nicknames, which would make most short names
 * stand for dozens.
 */
const LISTS = ['names.csv', 'spanish.csv'] as const;

let variants: Map<string, readonly string[]> | undefined;

/** The names a normalized first name may stand for, or be stood for by (Bill → William; William → Bill, Will …). */
export function nicknameVariants(normalized: string): readonly string[] {
  variants ??= load();
  return variants.get(normalized) ?? [];
}

function load(): Map<string, readonly string[]> {
  const linked = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let set = linked.get(a);
    if (!set) linked.set(a, (set = new Set()));
    set.add(b);
  };
  for (const list of LISTS) {
    for (const line of readFileSync(new URL(list, import.meta.url), 'utf8').split('\n')) {
      // "k.c." is written with dots; search compares letters only.
      const [name, ...nicknames] = line.split(',').map((word) => word.toLowerCase().replace(/[^a-z]/g, ''));
      if (!name) continue;
      for (const nickname of nicknames) {
        if (!nickname) continue;
        link(name, nickname);
        link(nickname, name);
      }
    }
  }
  return new Map([...linked].map(([name, set]) => [name, [...set].sort()]));
}
