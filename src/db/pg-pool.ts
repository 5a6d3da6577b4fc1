import pg from 'pg';

/**
 * The Postgres pool for drizzle, made safe against a backend that dies under a request
 * (restart, failover, pg_terminate_backend: SQLSTATE 57P01).
 */
export function createPgPool(url: string, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server must not crash the process: the pool replaces it
  // on the next query.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    // pg-pool listens for errors only on idle clients. A checked-out client whose backend dies
    // between two statements of a transaction emits 'error' with nobody listening, which ends
    // the process. Every client gets a listener of its own: the statement in flight fails with
    // the error, and the pool discards the client when it is released.
    client.on('error', onConnectionError);
    releaseWhenBeginFails(client);
  });
  return pool;
}

/**
 * drizzle-orm (0.45) sends `begin` before its try/finally, so when `begin` fails on a dead
 * connection the client is never released: each such fault leaks one of the pool's ten
 * connections until every request waits forever. Here a failed `begin` hands the client back
 * to the pool with the error (which destroys it); drizzle never calls release for it.
 */
function releaseWhenBeginFails(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    const result = query(...args);
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !/^\s*begin\b/i.test(text) || !isPromise(result)) return result;
    return result.catch((error: unknown) => {
      const release = (client as { release?: (err?: Error | boolean) => void }).release;
      if (release) {
        release.call(client, error instanceof Error ? error : true);
        // The pool sets a fresh release on the next checkout; this client is never checked out again.
        Object.assign(client, { release: () => undefined });
      }
      throw error;
    });
  };
  Object.assign(client, { query: wrapped });
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
