import { describe, expect, it } from 'vitest';
import { createTokenBudget } from '../../../src/agents/llm/index.js';

const DAY = 86_400_000;

describe('createTokenBudget', () => {
  it('when a user reaches the daily tokens, then later calls that UTC day are refused and the next day allowed', async () => {
    let now = Date.UTC(2026, 2, 10, 23, 59);
    const budget = createTokenBudget({ perUserDailyTokens: 1000, maxCallsPerRequest: 99, now: () => now });
    await budget.charge({ userId: 'u1' }, 600);
    expect(await budget.check({ userId: 'u1' })).toEqual({ ok: true });
    await budget.charge({ userId: 'u1' }, 400);
    expect(await budget.check({ userId: 'u1' })).toEqual({
      ok: false,
      reason: 'daily-tokens',
      used: 1000,
      limit: 1000,
    });
    expect(await budget.check({ userId: 'u2' })).toEqual({ ok: true });
    now += 2 * 60_000; // past midnight UTC
    expect(await budget.check({ userId: 'u1' })).toEqual({ ok: true });
    expect(await budget.usedToday('u1')).toBe(0);
  });

  it('when a request made its maximum calls, then the next call for it is refused but others are not', async () => {
    const budget = createTokenBudget({ perUserDailyTokens: 1e9, maxCallsPerRequest: 2 });
    await budget.charge({ requestId: 'r1' }, 0);
    await budget.charge({ requestId: 'r1' }, 0);
    expect(await budget.check({ requestId: 'r1' })).toEqual({
      ok: false,
      reason: 'calls-per-request',
      used: 2,
      limit: 2,
    });
    expect(await budget.check({ requestId: 'r2' })).toEqual({ ok: true });
  });

  it('when neither user nor request is known, then nothing limits the call', async () => {
    const budget = createTokenBudget({ perUserDailyTokens: 1, maxCallsPerRequest: 1 });
    await budget.charge({}, 500);
    expect(await budget.check({})).toEqual({ ok: true });
  });

  it('when days pass, then old request counters are dropped', async () => {
    let now = 10 * DAY;
    const budget = createTokenBudget({ perUserDailyTokens: 1e9, maxCallsPerRequest: 1, now: () => now });
    await budget.charge({ requestId: 'old' }, 0);
    now += 3 * DAY;
    await budget.charge({ requestId: 'new' }, 0);
    expect(await budget.check({ requestId: 'old' })).toEqual({ ok: true });
  });
});
