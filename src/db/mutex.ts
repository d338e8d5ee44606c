/** A fair async mutex: callers get the lock in the order they asked for it. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  /** Callers holding the lock or waiting for it. */
  get pending(): number {
    return this.#pending;
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    this.#pending += 1;
    const next = new Promise<void>((resolve) => {
      let released = false;
      release = () => {
        if (released) return;
        released = true;
        this.#pending -= 1;
        resolve();
      };
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}
