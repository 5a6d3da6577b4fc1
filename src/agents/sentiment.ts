/**
 * Sentiment agent: what headlines and price action say about the crowd's mood. Tone, not truth:
 * a lexicon score is context for the trader, never a reason on its own.
 *
 * Rule mode (weights in brackets; +1 leans BUY, -1 SELL, 0 neutral):
 * - News tone [0.5 + 0.3 per headline, up to 5]: mean AFINN (financial-news list) score of the
 *   headlines in the 7 days to the last bar; at or above +1 up, at or below -1 down, else neutral.
 * - Gap [1]: the last bar opened at least 0.5 ATR above the prior close up, 0.5 ATR below down.
 * - Volume surge [1]: relative volume (RVOL20) at or above 1.5 votes the side of the bar's move.
 * - 52-week range [1]: within 5% of the 52-week high up (strength draws buyers), more than 20%
 *   below it down, neutral in between. Needs 330+ days of bars.
 * Gap and volume do not vote when nothing unusual happened, so a quiet tape does not pose as
 * neutral evidence. Decision and confidence: rules/votes.ts `decide`. Coverage is 1 with news
 * and 0.6 without it (price proxies only, and the reasoning says so), x 0.8 without a 52-week
 * range. Abstains only when neither news nor any price proxy is available.
 * Headline text itself is not a fact: it is outside text, and the facts go into an LLM prompt.
 */
import { abstain, AgentRecommendationSchema } from './schema.js';
import { day, factSet, num, show } from './rules/facts.js';
import { NEWS_LOOKBACK_DAYS, newsTone, priceProxies } from './rules/price-proxies.js';
import { decide, keyFactors, stance, tally, type Vote } from './rules/votes.js';
import type { Agent, AgentInput } from './types.js';

export const NEWS_SCORING_METHOD = 'AFINN-165 word list tuned for financial market news';

const sign = (v: number): -1 | 0 | 1 => (v > 0 ? 1 : v < 0 ? -1 : 0);

function facts(input: AgentInput) {
  const { put, facts } = factSet();
  const tone = newsTone(input.news, input.ctx.asOf);
  put('newsCount', tone.count, 0);
  put('newsLookbackDays', NEWS_LOOKBACK_DAYS, 0);
  if (tone.count > 0) {
    put('newsMeanScore', tone.meanScore);
    put('newsPositive', tone.positive, 0);
    put('newsNegative', tone.negative, 0);
    put('newsScoring', NEWS_SCORING_METHOD);
  }
  const p = priceProxies(input.ctx.primary);
  put('gapPct', p.gapPct);
  put('gapAtr', p.gapAtr);
  put('changePct', p.changePct);
  put('relVolume', p.relVolume);
  put('high52w', p.high52w);
  put('low52w', p.low52w);
  put('distFrom52wHighPct', p.distFrom52wHighPct);
  put('distFrom52wLowPct', p.distFrom52wLowPct);
  return { facts, tone };
}

export const sentimentAgent: Agent = {
  id: 'sentiment',
  title: 'Sentiment',
  domain: 'sentiment',
  needs: ['news'],
  glossary: {
    newsCount: 'headlines about the symbol in the lookback window before the last bar',
    newsMeanScore: 'mean headline tone: sum of word scores (-5..+5 each) per headline, averaged',
    gapPct: 'last bar open vs prior close, percent',
    gapAtr: 'the same gap in ATR14',
    changePct: 'last bar close vs prior close, percent',
    relVolume: 'last bar volume over its 20-bar average',
    distFrom52wHighPct: 'close vs the 52-week high, percent (0 = at the high)',
    distFrom52wLowPct: 'close vs the 52-week low, percent',
  },
  query({ intent, news }) {
    const parts = [
      'headline news sentiment scoring',
      'gaps as sentiment',
      'volume surges',
      'distance from the 52-week high',
    ];
    if (news.length === 0) parts.push('news decay');
    return `${intent.side} idea: ${parts.join(', ')}`;
  },
  analyse(input) {
    const { ctx, intent, chunks } = input;
    const { facts: f, tone } = facts(input);
    const votes: Vote[] = [];
    const mean = num(f, 'newsMeanScore');
    if (tone.count > 0 && mean !== undefined) {
      const d = mean >= 1 ? 1 : mean <= -1 ? -1 : 0;
      votes.push({
        factor: `${tone.count} headline${tone.count === 1 ? '' : 's'} in ${NEWS_LOOKBACK_DAYS} days, mean tone ${show(mean)} (${tone.positive} positive, ${tone.negative} negative)`,
        fact: 'newsMeanScore',
        direction: d,
        weight: 0.5 + 0.3 * Math.min(tone.count, 5),
      });
    } else {
      votes.push({
        factor: `No headlines for ${ctx.symbol} in the ${NEWS_LOOKBACK_DAYS} days to ${day(ctx.asOf)}`,
        fact: 'newsCount',
        direction: 0,
        weight: 0,
      });
    }
    const gapAtr = num(f, 'gapAtr');
    if (gapAtr !== undefined && Math.abs(gapAtr) >= 0.5) {
      votes.push({
        factor: `The last bar gapped ${gapAtr > 0 ? 'up' : 'down'} ${show(Math.abs(num(f, 'gapPct') ?? 0))}% (${show(Math.abs(gapAtr))} ATR)`,
        fact: 'gapAtr',
        direction: sign(gapAtr),
        weight: 1,
      });
    }
    const rvol = num(f, 'relVolume');
    const change = num(f, 'changePct') ?? 0;
    if (rvol !== undefined && rvol >= 1.5) {
      votes.push({
        factor: `Volume surge: ${show(rvol)}x the 20-bar average on a ${show(change)}% bar`,
        fact: 'relVolume',
        direction: sign(change),
        weight: 1,
      });
    }
    const fromHigh = num(f, 'distFrom52wHighPct');
    if (fromHigh !== undefined) {
      const d = fromHigh >= -5 ? 1 : fromHigh <= -20 ? -1 : 0;
      const where = fromHigh === 0 ? 'at' : `${show(Math.abs(fromHigh))}% below`;
      votes.push({
        factor: `Close is ${where} the 52-week high ${show(num(f, 'high52w') ?? 0)}`,
        fact: 'distFrom52wHighPct',
        direction: d,
        weight: 1,
      });
    }
    if (votes.every((v) => v.weight === 0) && gapAtr === undefined && rvol === undefined) {
      return {
        facts: f,
        recommendation: abstain(`no headlines and too few bars for price-derived sentiment on ${ctx.symbol}`),
      };
    }
    const coverage = (tone.count > 0 ? 1 : 0.6) * (fromHigh !== undefined ? 1 : 0.8);
    const decision = decide(votes, coverage);
    const newsNote =
      tone.count > 0
        ? `${tone.count} headline${tone.count === 1 ? '' : 's'} scored with the ${NEWS_SCORING_METHOD}.`
        : `No news items for ${ctx.symbol} between ${day(tone.from)} and ${day(ctx.asOf)}; this reading rests on price-derived proxies only.`;
    const reasoning = `${newsNote} ${tally(votes.filter((v) => v.weight > 0))}. ${stance(decision.recommendation, intent)}`;
    return {
      facts: f,
      recommendation: AgentRecommendationSchema.parse({
        recommendation: decision.recommendation,
        confidence: decision.confidence,
        reasoning,
        key_factors: keyFactors(votes, f, decision, chunks),
      }),
    };
  },
};
