import pg from 'pg';

/** Runs one statement on the server's maintenance connection (create, alter or drop a database). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  // A dropped admin connection fails the statement below; it must not end the test process.
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
