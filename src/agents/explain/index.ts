export {
  createExplainer,
  EXPLANATION_TOOL,
  type Explainer,
  type ExplainerDeps,
  type Explanation,
} from './explainer.js';
export {
  allowedNumbers,
  checkNumbers,
  extractNumbers,
  IMPLICIT_NUMBERS,
  numbersInString,
  supported,
  type NumberCheck,
  type NumberToken,
} from './numbers.js';
export {
  EXPLANATION_NOTICE,
  explainFacts,
  formatNumber,
  labelOf,
  templateExplanation,
  type ExplainAgent,
  type ExplainInput,
  type ExplainModule,
  type ExplainValue,
} from './templates.js';
