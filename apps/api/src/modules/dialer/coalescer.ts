/**
 * Writes items that arrive together in one call of `write` (for reports: one statement,
 * one transaction, one WAL flush). While `maxInFlight` writes for a key run, later items
 * queue; when one finishes, everything queued (up to `maxItems`) goes in the next. There
 * is no timer: a lone item is written at once, and under load the queue fills by itself
 * while the previous write runs. Each caller is answered only when the write holding its
 * item has finished.
 *
 * When a shared write fails, its items are written again one by one, so each gets its own
 * answer or its own error (the failed write was atomic and left nothing behind).
 */
export class Coalescer<K, T, R> {
  private readonly queues = new Map<string, { key: K; items: Array<Pending<T, R>>; running: number }>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly write: (key: K, items: T[]) => Promise<R[]>,
    private readonly opts: { maxItems: number; maxInFlight: number },
  ) {}

  submit(id: string, key: K, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let q = this.queues.get(id);
      if (!q) {
        q = { key, items: [], running: 0 };
        this.queues.set(id, q);
      }
      q.items.push({ item, resolve, reject });
      this.pump(id, q);
    });
  }

  private pump(id: string, q: { key: K; items: Array<Pending<T, R>>; running: number }) {
    while (q.running < this.opts.maxInFlight && q.items.length > 0) {
      const group = q.items.splice(0, this.opts.maxItems);
      q.running++;
      const write: Promise<void> = this.run(q.key, group).finally(() => {
        this.running.delete(write);
        q.running--;
        if (q.items.length > 0) this.pump(id, q);
        else if (q.running === 0) this.queues.delete(id);
      });
      this.running.add(write);
    }
  }

  /** Resolves when every submitted item has been written (or has failed): a shutdown waits for it before closing the database. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(key: K, group: Array<Pending<T, R>>): Promise<void> {
    try {
      const out = await this.write(
        key,
        group.map((p) => p.item),
      );
      group.forEach((p, i) => p.resolve(out[i]!));
      return;
    } catch (e) {
      if (group.length === 1) {
        group[0]!.reject(e);
        return;
      }
    }
    await Promise.all(
      group.map(async (p) => {
        try {
          p.resolve((await this.write(key, [p.item]))[0]!);
        } catch (e) {
          p.reject(e);
        }
      }),
    );
  }
}

interface Pending<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}
