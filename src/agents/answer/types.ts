/** A quoted piece of a knowledge passage, with where it comes from. */
export interface AnswerPassage {
  chunkId: string;
  docPath: string;
  title: string;
  heading: string;
  /** The passage's sentences that answer the question, verbatim and in their order. */
  quote: string;
  /** Cosine similarity of the passage to the question (0 when the dense list did not find it). */
  similarity: number;
}

/** A number our own arithmetic worked out from the question, shown with its working. */
export interface WorkedNumber {
  kind: 'position-size' | 'breakeven-win-rate' | 'drawdown-recovery';
  /** One line per step, e.g. `risk budget = 50,000 × 1% = 500`. */
  steps: string[];
  /** The answer in a sentence, e.g. `250 shares`. */
  result: string;
  /** Every number of the working (inputs and results): a grounded sentence may repeat them. */
  numbers: number[];
}

/** One sentence of a model-written answer and the passages it rests on. */
export interface CitedSentence {
  text: string;
  chunkIds: string[];
}

export type KnowledgeAnswer =
  | {
      kind: 'answer';
      /** `llm`: grounded sentences written by the model; `extractive`: the passages speak for themselves. */
      mode: 'extractive' | 'llm';
      question: string;
      passages: AnswerPassage[];
      sentences: CitedSentence[];
      worked?: WorkedNumber | undefined;
      strength: number;
    }
  | {
      kind: 'not-covered';
      question: string;
      /** The closest documents found, named so the trader sees what the knowledge base does hold. */
      nearest: { title: string; docPath: string }[];
      worked?: WorkedNumber | undefined;
      strength: number;
    };
