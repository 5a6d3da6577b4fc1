/** Quality of one ranked list of documents against the documents that answer the question. */
export interface QueryScores {
  hitAt1: number;
  hitAt5: number;
  /** Reciprocal rank of the first relevant document within the top 10, else 0. */
  mrr: number;
  /** Binary-relevance nDCG over the top 10. */
  ndcgAt10: number;
}

export type Metrics = QueryScores & { queries: number };

/** Documents in the order their first chunk appears: several chunks of one document count once. */
export function rankDocuments(docPaths: readonly string[]): string[] {
  return [...new Set(docPaths)];
}

export function scoreRanking(ranked: readonly string[], relevant: ReadonlySet<string>): QueryScores {
  const top = ranked.slice(0, 10);
  const first = top.findIndex((doc) => relevant.has(doc));
  let dcg = 0;
  top.forEach((doc, i) => {
    if (relevant.has(doc)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(relevant.size, 10); i++) idcg += 1 / Math.log2(i + 2);
  return {
    hitAt1: first === 0 ? 1 : 0,
    hitAt5: first >= 0 && first < 5 ? 1 : 0,
    mrr: first >= 0 ? 1 / (first + 1) : 0,
    ndcgAt10: idcg > 0 ? dcg / idcg : 0,
  };
}

export function meanScores(scores: readonly QueryScores[]): Metrics {
  const n = scores.length;
  const mean = (pick: (s: QueryScores) => number) =>
    n === 0 ? 0 : scores.reduce((sum, s) => sum + pick(s), 0) / n;
  return {
    queries: n,
    hitAt1: mean((s) => s.hitAt1),
    hitAt5: mean((s) => s.hitAt5),
    mrr: mean((s) => s.mrr),
    ndcgAt10: mean((s) => s.ndcgAt10),
  };
}
