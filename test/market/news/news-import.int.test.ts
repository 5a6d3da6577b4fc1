import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsRepository, type Database, type NewsRepository } from '../../../src/db/index.js';
import { importNews, scoreHeadline } from '../../../src/market/news/index.js';
import { BACKENDS } from '../../helpers/databases.js';

const fixturePath = (name: string) => fileURLToPath(new URL(`../../fixtures/news/${name}`, import.meta.url));
const KNOWN = ['TCHA', 'NRGA', 'NRGB', 'HLTA', 'UTLA', 'CONA', 'FINA', 'FINB', 'SPX'];

/** A real HTTP server on 127.0.0.1 serving the fixtures, so the URL path runs through fetch. */
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(readFileSync(fixturePath('rss.xml')));
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-length': String(6 * 1024 * 1024) });
      res.end();
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(BACKENDS)('news import on $name', (backend) => {
  let database: Database;
  let news: NewsRepository;
  beforeAll(async () => {
    database = await backend.open();
    news = createNewsRepository(database.db);
  });
  afterAll(async () => database.close());

  it('when an RSS file is imported twice, then headlines are stored once, scored, and tagged with known symbols', async () => {
    const first = await importNews(news, fixturePath('rss.xml'), { knownSymbols: KNOWN });
    expect(first).toMatchObject({ format: 'rss', read: 3, added: 3, duplicates: 0, untagged: 1 });
    expect(first.skipped).toHaveLength(2);
    const again = await importNews(news, fixturePath('rss.xml'), { knownSymbols: KNOWN });
    expect(again).toMatchObject({ read: 3, added: 0, duplicates: 3 });

    const tcha = await news.forSymbol('TCHA', { from: Date.UTC(2020, 3, 10), to: Date.UTC(2020, 3, 18) });
    expect(tcha).toEqual([
      {
        headline: 'TCHA beats estimates & raises guidance',
        source: 'Demo Market Wire',
        publishedAt: Date.UTC(2020, 3, 16, 13, 30),
        symbols: ['TCHA'],
        url: 'https://wire.example/tcha-beats',
        score: scoreHeadline('TCHA beats estimates & raises guidance').score,
        scoredWith: 'afinn-165-financialmarketnews@3',
      },
    ]);
    expect(
      (await news.forSymbol('nrgb', { from: Date.UTC(2020, 3, 10), to: Date.UTC(2020, 3, 18) })).map(
        (n) => n.url,
      ),
    ).toEqual(['https://wire.example/energy-slump']);
  });

  it('when the window excludes a headline, then it is not returned', async () => {
    expect(await news.forSymbol('TCHA', { from: Date.UTC(2020, 3, 17), to: Date.UTC(2020, 3, 18) })).toEqual(
      [],
    );
    expect(
      await news.forSymbol('TCHA', { from: Date.UTC(2020, 3, 1), to: Date.UTC(2020, 3, 16, 13, 30) }),
    ).toEqual([]);
  });

  it.each([
    ['atom.xml', { format: 'atom', read: 2, added: 2 }],
    ['rdf.xml', { format: 'rss', read: 1, added: 1 }],
    ['news.json', { format: 'json', read: 2, added: 2 }],
  ])('when %s is imported, then its headlines are stored', async (file, expected) => {
    expect(await importNews(news, fixturePath(file), { knownSymbols: KNOWN })).toMatchObject(expected);
  });

  it('when --symbol is given, then every headline carries it', async () => {
    const report = await importNews(news, fixturePath('rss.xml'), { knownSymbols: KNOWN, symbols: ['spx'] });
    expect(report.added).toBe(0);
    const json = await importNews(
      { insertMany: (items) => news.insertMany(items.map((i) => ({ ...i, url: `${i.url}?copy` }))) },
      fixturePath('news.json'),
      { knownSymbols: KNOWN, symbols: ['SPX'] },
    );
    expect(json.added).toBe(2);
    const spx = await news.forSymbol('SPX', { from: Date.UTC(2020, 3, 1), to: Date.UTC(2020, 4, 1) });
    expect(spx.map((n) => n.symbols)).toEqual([
      ['FINA', 'SPX'],
      ['FINB', 'SPX'],
    ]);
  });

  it('when a feed URL is imported, then it is fetched over HTTP and stored', async () => {
    const other = await backend.open();
    try {
      expect(
        await importNews(createNewsRepository(other.db), `${baseUrl}/feed.xml`, { knownSymbols: KNOWN }),
      ).toMatchObject({ format: 'rss', read: 3, added: 3 });
    } finally {
      await other.close();
    }
  });

  it.each([
    ['a URL that answers 404', () => `${baseUrl}/missing`, /the server answered 404/],
    ['a URL that announces more than 5 MB', () => `${baseUrl}/big`, /larger than 5242880 bytes/],
    ['a file that does not exist', () => '/nonexistent/feed.xml', /ENOENT/],
  ])(
    'when the source is %s, then the import fails with the reason and stores nothing',
    async (_name, source, reason) => {
      const before = await news.countNews();
      await expect(importNews(news, source(), { knownSymbols: KNOWN })).rejects.toThrow(reason);
      expect(await news.countNews()).toBe(before);
    },
  );
});
