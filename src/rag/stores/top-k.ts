export interface Ranked {
  index: number;
  score: number;
}

/**
 * Keeps the k best (index, score) pairs seen, best first. Insertion into a short sorted array:
 * for k ≤ ~100 this beats a heap in practice because almost every candidate fails the first
 * comparison against the current k-th score.
 */
export class TopK {
  private readonly items: Ranked[] = [];

  constructor(private readonly k: number) {}

  /** The score a candidate must beat to get in. */
  get threshold(): number {
    return this.items.length < this.k ? -Infinity : (this.items[this.items.length - 1]?.score ?? -Infinity);
  }

  offer(index: number, score: number): void {
    if (this.k <= 0 || score <= this.threshold) return;
    let at = this.items.length;
    while (at > 0 && (this.items[at - 1]?.score ?? Infinity) < score) at--;
    this.items.splice(at, 0, { index, score });
    if (this.items.length > this.k) this.items.pop();
  }

  sorted(): Ranked[] {
    return [...this.items];
  }
}
