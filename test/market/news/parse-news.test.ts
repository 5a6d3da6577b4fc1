import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NewsFormatError,
  parseFeed,
  parseNews,
  parseNewsJson,
  symbolsFor,
} from '../../../src/market/news/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/news/${name}`, import.meta.url), 'utf8');

describe('parseFeed', () => {
  it('when the feed is RSS 2.0, then items are read with decoded titles, links or permalink guids, and dates', () => {
    const parsed = parseFeed(fixture('rss.xml'));
    expect(parsed.format).toBe('rss');
    expect(parsed.items).toEqual([
      {
        headline: 'TCHA beats estimates & raises guidance',
        url: 'https://wire.example/tcha-beats',
        publishedAt: Date.UTC(2020, 3, 16, 13, 30),
        source: 'Demo Market Wire',
        symbols: ['Technology'],
      },
      {
        headline: 'Energy names slump as oil plunges',
        url: 'https://wire.example/energy-slump',
        publishedAt: Date.UTC(2020, 3, 15, 13, 0),
        source: 'Demo Market Wire',
        symbols: ['NRGA', 'NRGB'],
      },
      {
        headline: 'Bank regulator opens probe',
        url: 'https://wire.example/probe',
        publishedAt: Date.UTC(2020, 3, 14, 10),
        source: 'Other Wire',
        symbols: [],
      },
    ]);
    expect(parsed.skipped).toEqual([
      { entry: 4, reason: 'missing a valid date' },
      { entry: 5, reason: 'missing title' },
    ]);
  });

  it('when the feed is Atom, then the alternate link, published (else updated) and categories are read', () => {
    const parsed = parseFeed(fixture('atom.xml'));
    expect(parsed.format).toBe('atom');
    expect(parsed.items).toEqual([
      {
        headline: 'HLTA wins approval for new drug',
        url: 'https://atom.example/hlta-approval',
        publishedAt: Date.UTC(2020, 3, 16, 11),
        source: 'Demo Atom Desk',
        symbols: [],
      },
      {
        headline: 'Utilities steady as rates hold',
        url: 'https://atom.example/utilities',
        publishedAt: Date.UTC(2020, 3, 15, 6),
        source: 'Demo Atom Desk',
        symbols: ['UTLA'],
      },
    ]);
    expect(parsed.skipped).toEqual([{ entry: 3, reason: 'missing link' }]);
  });

  it('when the feed is RSS 1.0 (RDF), then its items are read too', () => {
    expect(parseFeed(fixture('rdf.xml')).items).toEqual([
      {
        headline: 'CONA posts record profit',
        url: 'https://rdf.example/1',
        publishedAt: Date.UTC(2020, 3, 16, 7),
        source: 'RDF Desk',
        symbols: [],
      },
    ]);
  });

  it.each([
    [
      'malformed XML',
      '<rss><channel><item><title>x</item></channel></rss>',
      /^not well-formed XML: .+\(line \d+, column \d+\)$/,
    ],
    [
      'a DOCTYPE with entities',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel/></rss>',
      /DOCTYPE and ENTITY declarations are not accepted/,
    ],
    [
      'XML that is not a feed',
      '<html><body>hello</body></html>',
      /^not an RSS or Atom feed \(root element: html\)$/,
    ],
  ])('when the file is %s, then it is refused with the reason', (_name, xml, reason) => {
    expect(() => parseFeed(xml)).toThrow(NewsFormatError);
    expect(() => parseFeed(xml)).toThrow(reason);
  });
});

describe('parseNewsJson', () => {
  it('when entries use either naming, then both are read and bad entries are reported by position', () => {
    const parsed = parseNewsJson(fixture('news.json'));
    expect(parsed.items).toEqual([
      {
        headline: 'FINA cuts dividend after losses',
        url: 'https://json.example/fina',
        publishedAt: Date.UTC(2020, 3, 16, 15),
        source: 'JSON Desk',
        symbols: ['FINA'],
      },
      {
        headline: 'FINB upgraded on strong growth',
        url: 'https://json.example/finb',
        publishedAt: Date.UTC(2020, 3, 16),
        source: 'Newsapi Style',
        symbols: ['FINB'],
      },
    ]);
    expect(parsed.skipped.map((s) => s.entry)).toEqual([3, 4, 5]);
    expect(parsed.skipped[0]?.reason).toMatch(/missing url \(or link\)/);
    expect(parsed.skipped[1]?.reason).toBe('unreadable date "yesterday"');
  });

  it.each([
    ['not JSON', '{ nope', /^not valid JSON/],
    ['JSON without a list', '{ "count": 3 }', /expected an array of headlines/],
  ])('when the file is %s, then it is refused', (_name, text, reason) => {
    expect(() => parseNewsJson(text)).toThrow(reason);
  });
});

describe('parseNews', () => {
  it('when the text is neither XML nor JSON, then it is refused', () => {
    expect(() => parseNews('date,headline\n2020-01-01,hi', 'x.csv')).toThrow('neither a feed (XML) nor JSON');
  });
});

describe('symbolsFor', () => {
  const known = new Set(['TCHA', 'NRGA', 'SPX']);
  it.each([
    ['a cashtag', { headline: 'Why $TCHA moved', symbols: [] }, [], ['TCHA']],
    [
      'an upper-case ticker word',
      { headline: 'SPX slides; TCHAX is not a ticker', symbols: [] },
      [],
      ['SPX'],
    ],
    [
      'feed categories, unknown ones dropped',
      { headline: 'Oil slumps', symbols: ['Energy', 'NRGA'] },
      [],
      ['NRGA'],
    ],
    ['--symbol given by the importer', { headline: 'Market wrap', symbols: [] }, ['fina'], ['FINA']],
    ['a lower-case word', { headline: 'spx and tcha in lower case', symbols: [] }, [], []],
  ])('when the headline has %s, then the symbols are %j', (_name, item, extra, expected) => {
    expect(symbolsFor({ ...item, url: 'u', publishedAt: 0, source: 's' }, known, extra)).toEqual(expected);
  });
});
