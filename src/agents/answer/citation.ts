import type { AnswerPassage } from './types.js';

/** `knowledge/risk/x.md › Heading · chunk 3f2a…`: document, heading and chunk id, as cited. */
export function citation(passage: Pick<AnswerPassage, 'docPath' | 'heading' | 'chunkId'>): string {
  return `${passage.docPath} › ${passage.heading} · chunk ${passage.chunkId}`;
}

/** `[1]`, `[1, 3]`: the passage numbers of the chunk ids a sentence cites, in passage order. */
export function markers(
  chunkIds: readonly string[],
  passages: readonly Pick<AnswerPassage, 'chunkId'>[],
): string {
  const numbers = passages.flatMap((p, i) => (chunkIds.includes(p.chunkId) ? [i + 1] : []));
  return numbers.length > 0 ? `[${numbers.join(', ')}]` : '';
}
