import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 answering the Qdrant REST endpoints the knowledge store uses,
 * with the response shapes of Qdrant's OpenAPI spec ({ result, status: "ok", time } envelopes,
 * { status: { error } } failures), so `@qdrant/js-client-rest` runs its own request code.
 * It keeps points in memory and computes real results: Cosine (vectors normalised on upsert,
 * as Qdrant does), sparse dot product with the `idf` modifier (ln((N − n + 0.5)/(n + 0.5) + 1)),
 * and payload filters (must / should / must_not; match value / any / except; has_id).
 * Anything else it answers 400, so an adapter change that needs more fails loudly here.
 */
type Sparse = { indices: number[]; values: number[] };
type PointId = string | number;
interface Point {
  id: PointId;
  vectors: Record<string, number[] | Sparse>;
  payload: Record<string, unknown>;
  version: number;
}
interface Collection {
  dense: Record<string, { size: number; distance: string }>;
  sparse: Record<string, { modifier?: string }>;
  points: Map<string, Point>;
  payloadSchema: Record<string, string>;
}
type Json = Record<string, unknown>;

export interface FakeQdrant {
  url: string;
  requests: { method: string; path: string; body: unknown }[];
  collections: Map<string, Collection>;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string) => new HttpFailure(400, `Wrong input: ${message}`);

function normalise(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm > 0 ? v.map((x) => x / norm) : v;
}

function matchesCondition(point: Point, c: Json): boolean {
  if ('has_id' in c) return (c.has_id as PointId[]).some((id) => String(id) === String(point.id));
  if ('must' in c || 'should' in c || 'must_not' in c) return matchesFilter(point, c);
  if (typeof c.key !== 'string' || !isObj(c.match)) throw bad(`unsupported condition ${JSON.stringify(c)}`);
  const raw = point.payload[c.key];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const m = c.match;
  if ('value' in m) return values.includes(m.value);
  if (Array.isArray(m.any)) return values.some((v) => (m.any as unknown[]).includes(v));
  if (Array.isArray(m.except)) return !values.some((v) => (m.except as unknown[]).includes(v));
  throw bad(`unsupported match ${JSON.stringify(m)}`);
}

function matchesFilter(point: Point, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (!isObj(filter)) throw bad('filter must be an object');
  const list = (v: unknown): Json[] =>
    v === undefined || v === null ? [] : Array.isArray(v) ? (v as Json[]) : [v as Json];
  const should = list(filter.should);
  return (
    list(filter.must).every((c) => matchesCondition(point, c)) &&
    list(filter.must_not).every((c) => !matchesCondition(point, c)) &&
    (should.length === 0 || should.some((c) => matchesCondition(point, c)))
  );
}

function selectPayload(point: Point, withPayload: unknown): Json | undefined {
  if (withPayload === true) return point.payload;
  if (Array.isArray(withPayload))
    return Object.fromEntries(
      withPayload.filter((k: string) => k in point.payload).map((k: string) => [k, point.payload[k]]),
    );
  return undefined;
}

function compareIds(a: PointId, b: PointId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a.localeCompare(b);
}

function score(collection: Collection, point: Point, query: unknown, using: string): number | null {
  const stored = point.vectors[using];
  if (Array.isArray(query)) {
    if (!collection.dense[using]) throw bad(`Not existing vector name: ${using}`);
    if (!Array.isArray(stored)) return null;
    const q = normalise(query as number[]);
    return stored.reduce((s, x, i) => s + x * (q[i] ?? 0), 0);
  }
  if (!isObj(query) || !Array.isArray(query.indices))
    throw bad(`unsupported query ${JSON.stringify(query).slice(0, 80)}`);
  const config = collection.sparse[using];
  if (!config) throw bad(`Not existing vector name: ${using}`);
  if (!stored || Array.isArray(stored)) return null;
  const withVector = [...collection.points.values()].filter(
    (p) => p.vectors[using] && !Array.isArray(p.vectors[using]),
  );
  let total = 0;
  let shared = false;
  (query.indices as number[]).forEach((index, i) => {
    const at = stored.indices.indexOf(index);
    if (at < 0) return;
    shared = true;
    let idf = 1;
    if (config.modifier === 'idf') {
      const n = withVector.filter((p) => (p.vectors[using] as Sparse).indices.includes(index)).length;
      idf = Math.log((withVector.length - n + 0.5) / (n + 0.5) + 1);
    }
    total += ((query.values as number[])[i] ?? 0) * (stored.values[at] ?? 0) * idf;
  });
  return shared ? total : null;
}

export async function startFakeQdrant(options: { apiKey?: string } = {}): Promise<FakeQdrant> {
  const collections = new Map<string, Collection>();
  const requests: FakeQdrant['requests'] = [];
  let operation = 0;
  const updated = () => ({ operation_id: ++operation, status: 'completed' });

  function collection(name: string): Collection {
    const found = collections.get(name);
    if (!found) throw new HttpFailure(404, `Not found: Collection \`${name}\` doesn't exist!`);
    return found;
  }

  function handle(method: string, path: string, body: Json): unknown {
    if (method === 'GET' && path === '/')
      return { title: 'qdrant - vector search engine', version: '1.15.0', commit: 'fake' };
    if (method === 'GET' && path === '/collections')
      return { collections: [...collections.keys()].map((name) => ({ name })) };
    const m = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) throw new HttpFailure(404, `no route ${method} ${path}`);
    const name = decodeURIComponent(m[1] ?? '');
    const rest = m[2] ?? '';
    const route = `${method} ${rest}`;
    if (route === 'GET /exists') return { exists: collections.has(name) };
    if (route === 'PUT ') {
      if (collections.has(name)) throw bad(`Collection \`${name}\` already exists!`);
      const vectors = body.vectors;
      const dense = isObj(vectors) && 'size' in vectors ? { '': vectors } : (vectors ?? {});
      collections.set(name, {
        dense: dense as Collection['dense'],
        sparse: (body.sparse_vectors ?? {}) as Collection['sparse'],
        points: new Map(),
        payloadSchema: {},
      });
      return true;
    }
    if (route === 'DELETE ') return collections.delete(name);
    const c = collection(name);
    if (route === 'GET ') {
      return {
        status: 'green',
        optimizer_status: 'ok',
        indexed_vectors_count: 0,
        points_count: c.points.size,
        segments_count: 1,
        config: {
          params: {
            vectors: c.dense,
            sparse_vectors: c.sparse,
            shard_number: 1,
            replication_factor: 1,
            write_consistency_factor: 1,
            on_disk_payload: true,
          },
          hnsw_config: {
            m: 16,
            ef_construct: 100,
            full_scan_threshold: 10000,
            max_indexing_threads: 0,
            on_disk: false,
          },
          optimizer_config: {
            deleted_threshold: 0.2,
            vacuum_min_vector_number: 1000,
            default_segment_number: 0,
            flush_interval_sec: 5,
          },
          wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
          quantization_config: null,
        },
        payload_schema: Object.fromEntries(
          Object.entries(c.payloadSchema).map(([k, t]) => [k, { data_type: t, points: c.points.size }]),
        ),
      };
    }
    if (route === 'PUT /index') {
      if (typeof body.field_name !== 'string') throw bad('field_name is required');
      c.payloadSchema[body.field_name] = String(body.field_schema);
      return updated();
    }
    if (route === 'PUT /points') {
      if (!Array.isArray(body.points)) throw bad('only the `points` form of upsert is supported here');
      for (const p of body.points as Json[]) {
        const id = p.id as PointId;
        if (!(typeof id === 'number' ? Number.isInteger(id) && id >= 0 : UUID.test(String(id))))
          throw bad(`Unable to parse UUID: ${String(id)}`);
        const vectors = (Array.isArray(p.vector) ? { '': p.vector } : (p.vector ?? {})) as Record<
          string,
          number[] | Sparse
        >;
        for (const [vname, v] of Object.entries(vectors)) {
          const dense = c.dense[vname];
          if (Array.isArray(v)) {
            if (!dense) throw bad(`Not existing vector name error: ${vname}`);
            if (v.length !== dense.size)
              throw bad(`Vector dimension error: expected dim: ${dense.size}, got ${v.length}`);
            vectors[vname] = dense.distance === 'Cosine' ? normalise(v) : v;
          } else if (!c.sparse[vname]) throw bad(`Not existing vector name error: ${vname}`);
        }
        c.points.set(String(id), { id, vectors, payload: (p.payload ?? {}) as Json, version: ++operation });
      }
      return updated();
    }
    if (route === 'POST /points/delete') {
      for (const [key, p] of c.points) {
        const listed = Array.isArray(body.points) && body.points.some((id) => String(id) === String(p.id));
        if (listed || (body.filter !== undefined && matchesFilter(p, body.filter))) c.points.delete(key);
      }
      return updated();
    }
    if (route === 'POST /points/count')
      return { count: [...c.points.values()].filter((p) => matchesFilter(p, body.filter)).length };
    if (route === 'POST /points/scroll') {
      const limit = typeof body.limit === 'number' ? body.limit : 10;
      const sorted = [...c.points.values()]
        .filter((p) => matchesFilter(p, body.filter))
        .sort((a, b) => compareIds(a.id, b.id));
      const start =
        body.offset === undefined || body.offset === null
          ? 0
          : sorted.findIndex((p) => compareIds(p.id, body.offset as PointId) >= 0);
      const page = start < 0 ? [] : sorted.slice(start, start + limit);
      const next = start < 0 ? undefined : sorted[start + limit];
      return {
        points: page.map((p) => ({
          id: p.id,
          payload: selectPayload(p, body.with_payload ?? true) ?? null,
          vector: body.with_vector ? p.vectors : null,
        })),
        next_page_offset: next ? next.id : null,
      };
    }
    if (route === 'POST /points/query') {
      const using = typeof body.using === 'string' ? body.using : '';
      const limit = typeof body.limit === 'number' ? body.limit : 10;
      const scored = [...c.points.values()]
        .filter((p) => matchesFilter(p, body.filter))
        .map((p) => ({ p, s: score(c, p, body.query, using) }))
        .filter((x): x is { p: Point; s: number } => x.s !== null)
        .sort((a, b) => b.s - a.s || compareIds(a.p.id, b.p.id))
        .slice(0, limit);
      return {
        points: scored.map(({ p, s }) => ({
          id: p.id,
          version: p.version,
          score: s,
          payload: selectPayload(p, body.with_payload) ?? null,
        })),
      };
    }
    throw new HttpFailure(404, `no route ${method} ${path}`);
  }

  const respond = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const started = performance.now();
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const body = text ? (JSON.parse(text) as Json) : {};
        requests.push({ method: req.method ?? '', path, body });
        if (options.apiKey && req.headers['api-key'] !== options.apiKey)
          throw new HttpFailure(401, 'Must provide an API key or an Authorization bearer token');
        const result = handle(req.method ?? 'GET', path, body);
        respond(
          res,
          200,
          path === '/' ? result : { result, status: 'ok', time: (performance.now() - started) / 1000 },
        );
      } catch (error) {
        const status = error instanceof HttpFailure ? error.status : 500;
        respond(res, status, {
          status: { error: error instanceof Error ? error.message : 'internal error' },
          time: 0,
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    collections,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // the client keeps connections alive; do not wait for them
      }),
  };
}
