/**
 * At most `limit` metric computations at once in this process; the others wait their turn, first
 * come first served. Each computation runs an embedded DuckDB with its own memory limit (1 GB, or
 * 512 MB per side of a drift run), so uploads arriving together must not all compute together on
 * a small server. Only the computation waits: the upload is already on disk.
 */
export class MetricSlots {
  readonly limit: number;
  #active = 0;
  readonly #queue: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
    this.limit = limit;
  }

  /** Computations running now. */
  get active(): number {
    return this.#active;
  }

  /** Computations waiting for a slot. */
  get waiting(): number {
    return this.#queue.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#queue.push(resolve));
    else this.#active += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line (it stays counted as active), or free it.
      const next = this.#queue.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}
