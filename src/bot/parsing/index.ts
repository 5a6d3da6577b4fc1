export { extractSlots, type ExtractedSlots } from './extract-slots.js';
export { parseAmount, parsePercent } from './numbers.js';
export { parseTradeIdea, TRADE_IDEA_EXAMPLE, type TradeIdeaParse } from './parse-trade-idea.js';
export { looksLikeQuestion } from './question.js';
export { asksForPrediction } from './advice.js';
export {
  looksLikeSettingsText,
  parseSettingsCommand,
  SETTINGS_NAMES,
  type SettingsCommand,
} from './settings-text.js';
export { looksNotEnglish } from './language.js';
