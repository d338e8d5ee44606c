import { DAY, HOUR, MINUTE, type Clock } from '../../src/clock.js';

/** A clock tests move by hand, so expiry and timeouts are tested without waiting. */
export class FakeClock implements Clock {
  #now: number;
  constructor(start = new Date('2026-11-27T14:00:00Z')) {
    this.#now = start.getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(date: Date): void {
    this.#now = date.getTime();
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  advanceMinutes(n: number) {
    this.advance(n * MINUTE);
  }
  advanceHours(n: number) {
    this.advance(n * HOUR);
  }
  advanceDays(n: number) {
    this.advance(n * DAY);
  }
}
