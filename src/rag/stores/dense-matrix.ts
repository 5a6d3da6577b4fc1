import { TopK, type Ranked } from './top-k.js';

/**
 * Vectors of one namespace, searched exhaustively by dot product (the vectors are unit length,
 * so that is the cosine). Exact, no approximate index: at 10k × 512 it takes a few milliseconds.
 *
 * Stored dimension-major (all rows' dimension 0, then all rows' dimension 1, ...) so scoring
 * touches only the query's non-zero dimensions, each as one contiguous sweep over the rows. A
 * short query to the local hashed embedder has non-zeros in about a fifth of its dimensions,
 * which makes this several times faster than row-by-row dot products; a fully dense query
 * costs the same as before.
 */
export class DenseMatrix {
  readonly rows: number;
  private readonly columns: Float32Array;
  private readonly scores: Float32Array;

  constructor(readonly dimensions: number, vectors: readonly ArrayLike<number>[]) {
    this.rows = vectors.length;
    this.columns = new Float32Array(this.rows * dimensions);
    this.scores = new Float32Array(this.rows);
    vectors.forEach((vector, row) => {
      if (vector.length !== dimensions) throw new Error(`vector ${row} has ${vector.length} dimensions, expected ${dimensions}`);
      for (let d = 0; d < dimensions; d++) this.columns[d * this.rows + row] = vector[d] ?? 0;
    });
  }

  /** Top k rows by cosine; `accept` filters rows. */
  search(query: ArrayLike<number>, k: number, accept?: (row: number) => boolean): Ranked[] {
    if (query.length !== this.dimensions) throw new Error(`query has ${query.length} dimensions, expected ${this.dimensions}`);
    const { rows, columns, scores } = this;
    scores.fill(0);
    for (let d = 0; d < this.dimensions; d++) {
      const weight = query[d] ?? 0;
      if (weight === 0) continue;
      const base = d * rows;
      for (let row = 0; row < rows; row++) scores[row] = (scores[row] as number) + weight * (columns[base + row] as number);
    }
    const top = new TopK(k);
    for (let row = 0; row < rows; row++) {
      const score = scores[row] as number;
      if (score > top.threshold && (!accept || accept(row))) top.offer(row, score);
    }
    return top.sorted();
  }
}
