import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_UNIVERSE } from '../../../src/market/data/index.js';
import {
  DEMO_FUNDAMENTALS_SOURCE,
  demoFundamentals,
  demoUniverseFundamentals,
  parseFundamentalsCsv,
} from '../../../src/market/fundamentals/index.js';

const csv = readFileSync(new URL('../../fixtures/fundamentals/good-and-bad.csv', import.meta.url), 'utf8');

describe('parseFundamentalsCsv', () => {
  const parsed = parseFundamentalsCsv(csv, 'csv:test');

  it('when a row is complete, then every field is read and the source column wins', () => {
    expect(parsed.rows.find((r) => r.symbol === 'TCHA')).toEqual({
      line: 2,
      symbol: 'TCHA',
      marketCap: 120e9,
      peRatio: 31.5,
      forwardPe: 27.2,
      epsGrowthPct: 18.4,
      profitMarginPct: 24.1,
      debtToEquity: 0.35,
      dividendYieldPct: 0.6,
      fundamentalsAsOf: '2020-03-31',
      fundamentalsSource: 'vendor-x',
      sector: 'Technology',
    });
  });

  it('when cells are empty, then they are null (unknown), never zero', () => {
    const nrga = parsed.rows.find((r) => r.symbol === 'NRGA');
    expect(nrga).toMatchObject({ marketCap: null, forwardPe: null, fundamentalsSource: 'csv:test' });
  });

  it('when a cell has a typographic minus or a percent sign, then the number is still read', () => {
    expect(parsed.rows.find((r) => r.symbol === 'NRGA')).toMatchObject({
      epsGrowthPct: -3,
      dividendYieldPct: 4.4,
    });
  });

  it.each([
    [4, /^FINA: peRatio "abc" is not a number$/],
    [5, /^UTLA: as_of "2020-02-30" is not a YYYY-MM-DD date$/],
    [6, /^CONB: dividendYieldPct 250 is outside 0\.\.100$/],
    [7, /^invalid symbol "bad sym!"$/],
    [9, /^HLTA: replaced by line 10$/],
  ])('when line %i is bad, then it is reported with the reason', (line, reason) => {
    const found = parsed.skipped.find((s) => s.line === line);
    expect(found?.reason).toMatch(reason);
  });

  it('when a symbol appears twice, then the later row is used', () => {
    expect(parsed.rows.filter((r) => r.symbol === 'HLTA')).toEqual([
      expect.objectContaining({ line: 10, marketCap: 2000 }),
    ]);
  });

  it.each([
    ['an empty file', '', /the file is empty/],
    ['no symbol column', 'ticker_name,pe_ratio,as_of\nX,1,2020-01-01', /no symbol column/],
    ['no as_of column', 'symbol,pe_ratio\nX,1', /no as_of column/],
    ['no fundamentals column', 'symbol,as_of,colour\nX,2020-01-01,red', /names none of marketCap/],
  ])('when the file has %s, then it is refused', (_name, text, reason) => {
    expect(() => parseFundamentalsCsv(text, 'x')).toThrow(reason);
  });
});

describe('demo fundamentals', () => {
  it('when generated twice, then the values are identical and marked as demo', () => {
    expect(demoUniverseFundamentals()).toEqual(demoUniverseFundamentals());
    for (const row of demoUniverseFundamentals())
      expect(row.fundamentalsSource).toBe(DEMO_FUNDAMENTALS_SOURCE);
  });

  it('when the sectors differ, then the values follow each sector profile', () => {
    const by = (symbol: string) =>
      demoFundamentals(DEMO_UNIVERSE.find((d) => d.symbol === symbol) ?? (DEMO_UNIVERSE[0] as never));
    // Utilities pay more than technology; technology trades on a higher multiple than banks.
    expect(by('UTLA').dividendYieldPct ?? 0).toBeGreaterThan(by('TCHA').dividendYieldPct ?? 0);
    expect(by('TCHA').peRatio ?? 0).toBeGreaterThan(by('FINA').peRatio ?? 0);
    expect(demoUniverseFundamentals()).toHaveLength(12);
  });
});
