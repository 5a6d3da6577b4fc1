/** The parameters of a Gaussian HMM with diagonal covariance (see hmm.ts). */
export interface GaussianHmmParams {
  initial: number[];
  /** transition[i][j] = P(next state j | state i). */
  transition: number[][];
  /** means[state][dimension]. */
  means: number[][];
  variances: number[][];
}
