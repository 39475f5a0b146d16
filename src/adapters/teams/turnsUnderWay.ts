/** Turns acknowledged before they ran, until each has finished: a shutdown (or a test) waits for them. */
export class TurnsUnderWay {
  readonly #running = new Set<Promise<void>>();

  add(turn: Promise<void>): void {
    this.#running.add(turn);
    void turn.finally(() => this.#running.delete(turn));
  }

  /** Resolves once no turn is under way, including any that began while it waited. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
