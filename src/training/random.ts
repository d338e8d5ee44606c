import { base, en, en_US, es, es_MX, Faker, vi } from '@faker-js/faker';

/** The naming traditions generated names are drawn from (faker locales). */
export type Culture = 'us' | 'mx' | 'vi';

/**
 * All the randomness of the training data, from one seed: the same seed gives the same data every time.
 * Faker supplies names; everything else is drawn from the main instance's seeded generator. Faker's date
 * helpers are never used (they default to the real "now"): dates are computed from the site's today.
 */
export class TrainingRandom {
  readonly #main: Faker;
  readonly #names: Record<Culture, Faker>;

  constructor(seed: number) {
    this.#main = new Faker({ locale: [en_US, en, base] });
    this.#main.seed(seed);
    const named = (locale: ConstructorParameters<typeof Faker>[0]['locale'], offset: number) => {
      const faker = new Faker({ locale });
      faker.seed(seed + offset);
      return faker;
    };
    this.#names = { us: this.#main, mx: named([es_MX, es, en, base], 1), vi: named([vi, en, base], 2) };
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return this.#main.number.int({ min, max });
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.#main.datatype.boolean({ probability: p });
  }

  pick<T>(items: readonly T[]): T {
    return this.#main.helpers.arrayElement(items);
  }

  /** One value, drawn with the given weights: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    return this.#main.helpers.weightedArrayElement(choices.map(([value, weight]) => ({ value, weight })));
  }

  firstName(culture: Culture, sex: 'female' | 'male'): string {
    return this.#names[culture].person.firstName(sex);
  }

  lastName(culture: Culture): string {
    return this.#names[culture].person.lastName();
  }

  /** A digit string of the given length (leading zeros kept). */
  digits(length: number): string {
    return this.#main.string.numeric({ length, allowLeadingZeros: true });
  }
}
