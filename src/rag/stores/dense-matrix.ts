import { TopK, type Ranked } from './top-k.js';

/**
 * Vectors of one namespace, searched exhaustively by dot product (the vectors are unit length,
 * so that is the cosine). Exact, no approximate index: at 10k × 512 it takes a few milliseconds.
 *
 * Stored dimension-major (all rows' dimension 0, then all rows' dimension 1, ...) so scoring
 * touches only the query's non-zero dimensions, in contiguous sweeps over the rows. A short
 * query to the local hashed embedder has non-zeros in about a quarter of its dimensions, which
 * makes this several times faster than row-by-row dot products; a fully dense query (a remote
 * embedder's) costs the same as row-by-row.
 */
export class DenseMatrix {
  readonly rows: number;
  private readonly columns: Float32Array;
  private readonly scores: Float32Array;

  constructor(
    readonly dimensions: number,
    vectors: readonly ArrayLike<number>[],
  ) {
    this.rows = vectors.length;
    this.columns = new Float32Array(this.rows * dimensions);
    this.scores = new Float32Array(this.rows);
    vectors.forEach((vector, row) => {
      if (vector.length !== dimensions)
        throw new Error(`vector ${row} has ${vector.length} dimensions, expected ${dimensions}`);
      for (let d = 0; d < dimensions; d++) this.columns[d * this.rows + row] = vector[d] ?? 0;
    });
  }

  /** Top k rows by cosine; `accept` filters rows. */
  search(query: ArrayLike<number>, k: number, accept?: (row: number) => boolean): Ranked[] {
    if (query.length !== this.dimensions)
      throw new Error(`query has ${query.length} dimensions, expected ${this.dimensions}`);
    const { rows, columns, scores } = this;
    scores.fill(0);
    const active: number[] = [];
    for (let d = 0; d < this.dimensions; d++) if ((query[d] ?? 0) !== 0) active.push(d);
    // Four dimensions per sweep: each score is read and written once per four columns instead
    // of once per column, which measured 3.5x faster than one column at a time.
    let i = 0;
    for (; i + 3 < active.length; i += 4) {
      const d0 = active[i] as number;
      const d1 = active[i + 1] as number;
      const d2 = active[i + 2] as number;
      const d3 = active[i + 3] as number;
      const w0 = query[d0] as number;
      const w1 = query[d1] as number;
      const w2 = query[d2] as number;
      const w3 = query[d3] as number;
      const b0 = d0 * rows;
      const b1 = d1 * rows;
      const b2 = d2 * rows;
      const b3 = d3 * rows;
      for (let row = 0; row < rows; row++) {
        scores[row] =
          (scores[row] as number) +
          w0 * (columns[b0 + row] as number) +
          w1 * (columns[b1 + row] as number) +
          w2 * (columns[b2 + row] as number) +
          w3 * (columns[b3 + row] as number);
      }
    }
    for (; i < active.length; i++) {
      const d = active[i] as number;
      const w = query[d] as number;
      const base = d * rows;
      for (let row = 0; row < rows; row++)
        scores[row] = (scores[row] as number) + w * (columns[base + row] as number);
    }
    const top = new TopK(k);
    for (let row = 0; row < rows; row++) {
      const score = scores[row] as number;
      if (score > top.threshold && (!accept || accept(row))) top.offer(row, score);
    }
    return top.sorted();
  }
}
