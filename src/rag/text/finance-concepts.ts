import { words } from './tokens.js';

/**
 * Trading vocabulary that lexical search cannot bridge: acronyms and their spelled-out forms,
 * and the everyday phrasings traders use for a textbook term. Each phrase found in a text adds
 * its concept as an extra feature for the local embedder (the words themselves stay too).
 * Written from general trading usage, before the evaluation questions existed; it is not a
 * list of answers.
 */
const CONCEPTS: Record<string, readonly string[]> = {
  atr: ['atr', 'average true range', 'true range', 'volatility stop'],
  rsi: ['rsi', 'relative strength index'],
  macd: ['macd', 'moving average convergence divergence', 'signal line', 'macd histogram'],
  vwap: ['vwap', 'volume weighted average price', 'anchored vwap', 'avwap'],
  movingavg: ['moving average', 'moving averages', 'sma', 'ema', 'simple moving average', 'exponential moving average', '200 day', '50 day', 'golden cross', 'death cross'],
  bollinger: ['bollinger', 'bollinger bands', 'bollinger band', 'bollinger squeeze', 'volatility squeeze', 'band width', 'bandwidth'],
  adx: ['adx', 'average directional index', 'directional movement', 'trend strength'],
  stochastic: ['stochastic', 'stoch', 'stochastics'],
  obv: ['obv', 'on balance volume', 'on-balance volume'],
  rvol: ['rvol', 'relative volume', 'volume surge', 'volume spike', 'unusual volume', 'heavy volume'],
  mtf: ['multi timeframe', 'multiple timeframes', 'multi-timeframe', 'higher timeframe', 'lower timeframe', 'mtf', 'mtfa', 'weekly and daily', 'timeframe alignment'],
  levels: ['support', 'resistance', 'swing high', 'swing low', 'key level', 'key levels', 'pivot', 'pivots', 'prior day high', 'prior day low', 'previous close'],
  regime: ['regime', 'trending market', 'range bound', 'range-bound', 'choppy', 'sideways', 'trend vs range'],
  breakout: ['breakout', 'break out', 'breaks out', 'breaking out', 'new high', 'range break'],
  pullback: ['pullback', 'pull back', 'retracement', 'retrace', 'buy the dip', 'dip'],
  meanrev: ['mean reversion', 'mean-reversion', 'fade', 'fading', 'snap back', 'overextended', 'stretched'],
  overbought: ['overbought', 'oversold', 'overbought oversold'],
  divergence: ['divergence', 'divergences', 'bearish divergence', 'bullish divergence'],
  gap: ['gap', 'gaps', 'gap up', 'gap down', 'gapped', 'gapping', 'opening gap'],
  stop: ['stop', 'stops', 'stop loss', 'stop-loss', 'stop losses', 'stopped out', 'protective stop', 'sl'],
  trailing: ['trailing stop', 'trailing stops', 'trail', 'trail the stop', 'chandelier', 'chandelier exit'],
  exitplan: ['exit plan', 'time stop', 'time stops', 'take profit', 'profit target', 'scale out', 'scaling out', 'partial profits'],
  sizing: ['position size', 'position sizing', 'how many shares', 'share count', 'lot size', 'fixed fractional', 'size the position', 'how big', 'risk per trade'],
  rmultiple: ['r multiple', 'r-multiple', 'r multiples', 'r-multiples', 'in r', '1r', '2r', '3r'],
  expectancy: ['expectancy', 'expected value', 'edge', 'average win', 'average loss', 'payoff'],
  rewardrisk: ['reward to risk', 'risk reward', 'risk to reward', 'reward risk', 'r:r', 'rr', 'risk/reward', 'reward/risk'],
  winrate: ['win rate', 'hit rate', 'win percentage', 'winning percentage', 'breakeven win rate', 'strike rate'],
  drawdown: ['drawdown', 'drawdowns', 'draw down', 'dd', 'peak to trough', 'losing streak', 'recover', 'recovery'],
  ruin: ['risk of ruin', 'ruin', 'blow up', 'blowing up', 'blown account', 'wipe out'],
  kelly: ['kelly', 'kelly criterion', 'optimal f', 'half kelly'],
  heat: ['portfolio heat', 'heat', 'total open risk', 'open risk', 'aggregate risk'],
  correlation: ['correlation', 'correlated', 'same trade twice', 'concentration', 'concentrated', 'sector exposure', 'diversification'],
  dailyloss: ['daily loss limit', 'max daily loss', 'daily stop', 'loss limit', 'circuit breaker'],
  tilt: ['tilt', 'revenge trading', 'revenge trade', 'revenge', 'emotional trading', 'angry', 'frustrated', 'get it back', 'make it back'],
  overtrading: ['overtrading', 'over trading', 'too many trades', 'fatigue', 'boredom', 'tired'],
  overnight: ['overnight', 'over the weekend', 'weekend risk', 'gap risk', 'holding through'],
  pe: ['p/e', 'pe', 'pe ratio', 'price to earnings', 'price earnings', 'earnings multiple', 'forward pe', 'trailing pe', 'valuation multiple', 'valuation multiples'],
  evebitda: ['ev/ebitda', 'ebitda', 'enterprise value'],
  peg: ['peg', 'peg ratio'],
  eps: ['eps', 'earnings per share'],
  fcf: ['fcf', 'free cash flow', 'cash flow', 'operating cash flow', 'capex', 'capital expenditure'],
  accruals: ['accruals', 'earnings quality', 'quality of earnings', 'non-gaap', 'adjusted earnings', 'one-off', 'one-time'],
  roe: ['roe', 'roic', 'return on equity', 'return on invested capital', 'return on capital'],
  margins: ['margin', 'margins', 'gross margin', 'operating margin', 'net margin', 'profitability'],
  leverage: ['debt', 'leverage', 'debt to equity', 'd/e', 'net debt', 'interest coverage', 'balance sheet', 'liquidity', 'current ratio'],
  dividend: ['dividend', 'dividends', 'yield', 'payout', 'payout ratio', 'dividend cut'],
  buyback: ['buyback', 'buybacks', 'share repurchase', 'repurchase', 'dilution', 'dilutive', 'share issuance', 'stock based compensation', 'sbc', 'share count'],
  growth: ['revenue growth', 'eps growth', 'growth rate', 'cagr', 'year over year', 'yoy', 'top line', 'sales growth'],
  marketcap: ['market cap', 'market capitalization', 'small cap', 'large cap', 'mega cap', 'micro cap', 'size effect'],
  sector: ['sector', 'sectors', 'sector rotation', 'industry', 'peers', 'peer group', 'comparable companies', 'comps'],
  index: ['index', 'indexes', 'indices', 'etf', 's&p', 'spx', 'spy', 'benchmark'],
  earnings: ['earnings', 'earnings report', 'earnings release', 'earnings call', 'quarterly results', 'reports', 'beat', 'miss', 'guidance', 'outlook', 'whisper number', 'consensus'],
  macro: ['cpi', 'fomc', 'fed', 'federal reserve', 'rate decision', 'inflation', 'payrolls', 'nfp', 'non farm payrolls', 'jobs report', 'macro', 'economic calendar'],
  vix: ['vix', 'volatility index', 'fear gauge', 'fear index', 'fear and greed', 'fear greed', 'implied volatility'],
  putcall: ['put call', 'put/call', 'put call ratio', 'put-call', 'options positioning'],
  shortint: ['short interest', 'short float', 'days to cover', 'short squeeze', 'crowded short'],
  positioning: ['positioning', 'crowded', 'crowded trade', 'crowd', 'herd', 'everyone is long', 'consensus trade', 'cot'],
  contrarian: ['contrarian', 'against the crowd', 'momentum', 'trend following'],
  news: ['news', 'headline', 'headlines', 'press release', 'story', 'article'],
  sentimentscore: ['sentiment', 'sentiment score', 'bullish', 'bearish', 'tone', 'polarity'],
  decay: ['news decay', 'stale news', 'priced in', 'old news', 'half life', 'fade the news'],
  social: ['social media', 'reddit', 'twitter', 'stocktwits', 'hype', 'fomo', 'fear of missing out', 'meme stock', 'chasing', 'chase'],
  insider: ['insider', 'insiders', 'insider buying', 'insider selling', 'form 4', 'executives selling', 'ceo bought'],
  analyst: ['analyst', 'analysts', 'upgrade', 'downgrade', 'price target', 'rating change', 'initiation', 'coverage'],
  breadth: ['breadth', 'market breadth', 'advance decline', 'advancers', 'decliners', 'new highs new lows', 'participation'],
  high52: ['52 week high', '52-week high', '52 week low', 'all time high', 'all-time high', 'near highs'],
};

interface Phrase {
  words: string[];
  concept: string;
}

const BY_FIRST_WORD = new Map<string, Phrase[]>();
for (const [concept, phrases] of Object.entries(CONCEPTS)) {
  for (const phrase of phrases) {
    const phraseWords = words(phrase);
    const first = phraseWords[0];
    if (first === undefined) continue;
    const list = BY_FIRST_WORD.get(first) ?? [];
    list.push({ words: phraseWords, concept });
    BY_FIRST_WORD.set(first, list);
  }
}
for (const list of BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

/** The concepts named in a word sequence, longest phrase first at each position. */
export function findConcepts(sequence: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const candidates = BY_FIRST_WORD.get(sequence[i] ?? '');
    if (!candidates) continue;
    const match = candidates.find((p) => p.words.every((w, j) => sequence[i + j] === w));
    if (match) {
      found.push(match.concept);
      i += match.words.length - 1;
    }
  }
  return found;
}
