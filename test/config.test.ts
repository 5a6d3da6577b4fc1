import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SECRET_KEYS } from '../src/config.js';

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('when nothing is set, then the embedded database and the documented defaults are used', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: './data',
      database: { kind: 'pglite', dir: './data/pglite' },
      http: { enabled: true, host: '127.0.0.1', port: 3000 },
      cli: { enabled: true, user: 'trader' },
      demoData: true,
      defaults: { equity: 50_000, maxRiskPct: 1, minRewardRisk: 1.5 },
      evaluatorTimeoutMs: 2_000,
    });
    expect(config.env).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      ANTHROPIC_MODEL: 'claude-sonnet-5-5',
      LLM_MAX_RETRIES: 2,
      S3_REGION: 'us-east-1',
    });
  });

  it('when values are given as strings, then numbers and booleans are converted', () => {
    const config = loadConfig({
      HTTP_PORT: '8080',
      HTTP_ENABLED: 'no',
      DEMO_DATA: '0',
      CLI_ENABLED: 'yes',
      DEFAULT_EQUITY: '125000.5',
      DEFAULT_MAX_RISK_PCT: '0.5',
    });
    expect(config.http).toMatchObject({ port: 8080, enabled: false });
    expect(config.demoData).toBe(false);
    expect(config.cli.enabled).toBe(true);
    expect(config.defaults).toMatchObject({ equity: 125_000.5, maxRiskPct: 0.5 });
  });

  it.each([[''], ['   ']])('when a value is blank (%j), then the default applies', (blank) => {
    expect(loadConfig({ HTTP_PORT: blank, DATA_DIR: blank }).http.port).toBe(3000);
    expect(loadConfig({ DATA_DIR: blank }).dataDir).toBe('./data');
  });

  it('when DATABASE_URL is set, then Postgres is used instead of the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/buddy' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/buddy',
    });
  });

  it.each([
    [{ TRADER_NAME: 'ana.k' }, 'ana.k'],
    [{ USER: 'bob' }, 'bob'],
    [{ USER: 'bad name; rm -rf' }, 'trader'],
    [{ TRADER_NAME: 'ana', USER: 'bob' }, 'ana'],
  ])('when the environment is %j, then the terminal user is %s', (source, user) => {
    expect(loadConfig(source).cli.user).toBe(user);
  });

  it('when keys the service does not read are present, then they are ignored', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x' })).not.toThrow();
  });
});

describe('loadConfig errors', () => {
  it.each([
    ['HTTP_PORT', 'abc'],
    ['HTTP_PORT', '70000'],
    ['HTTP_PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['HTTP_ENABLED', 'maybe'],
    ['DEFAULT_EQUITY', '-5'],
    ['DEFAULT_MAX_RISK_PCT', '0'],
    ['DEFAULT_MAX_RISK_PCT', '150'],
    ['DEFAULT_MIN_REWARD_RISK', '-1'],
    ['EVALUATOR_TIMEOUT_MS', '0'],
    ['LLM_MAX_RETRIES', '9'],
    ['QDRANT_URL', 'not a url'],
    ['TRADER_NAME', 'has spaces'],
    ['DISCORD_APPLICATION_ID', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
  ])('when %s is %j, then the error names that key', (key, value) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${key}: `));
  });

  it('when many keys are invalid, then every one is listed in a single error', () => {
    const problems = problemsOf({
      HTTP_PORT: 'abc',
      NODE_ENV: 'staging',
      DEFAULT_EQUITY: '-1',
      QDRANT_URL: 'nope',
      LLM_MAX_RETRIES: '99',
      DISCORD_TOKEN: 'token-without-app-id',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'NODE_ENV',
      'HTTP_PORT',
      'DEFAULT_EQUITY',
      'LLM_MAX_RETRIES',
      'QDRANT_URL',
      'DISCORD_APPLICATION_ID',
      'S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    ]);
  });

  it('when the error is printed, then its message lists each problem on its own line', () => {
    expect(() => loadConfig({ HTTP_PORT: 'abc', NODE_ENV: 'staging' })).toThrow(
      /^Invalid configuration:\n {2}- NODE_ENV: .+\n {2}- HTTP_PORT: .+$/,
    );
  });
});

describe('loadConfig cross-field rules', () => {
  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_BOT_TOKEN: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) too',
    ],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set'],
    [
      { OPENAI_COMPAT_BASE_URL: 'http://127.0.0.1:11434/v1' },
      'OPENAI_COMPAT_MODEL: required when OPENAI_COMPAT_BASE_URL is set',
    ],
    [
      { EMBEDDINGS_URL: 'http://127.0.0.1:11434/v1' },
      'EMBEDDINGS_MODEL: required when EMBEDDINGS_URL is set',
    ],
    [
      { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' },
      'S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: required when S3_ENDPOINT is set',
    ],
  ])('when the settings are %j, then the missing partner is named', (source, problem) => {
    expect(problemsOf(source)).toEqual([problem]);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }],
    [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123' }],
    [{ OPENAI_COMPAT_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_COMPAT_MODEL: 'llama3' }],
    [
      {
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      },
    ],
  ])('when the settings are %j, then they are accepted', (source) => {
    expect(() => loadConfig(source)).not.toThrow();
  });

  it('when a value is malformed and a partner is missing, then both are reported together', () => {
    expect(problemsOf({ HTTP_PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^HTTP_PORT: /),
      'SLACK_BOT_TOKEN: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) too',
    ]);
  });
});

describe('loadConfig secrets', () => {
  const SECRET = 'S3cr3t-Sh0uld-N3ver-Print';

  it.each([
    ['DATABASE_URL', `mysql://admin:${SECRET}@db/buddy`],
    ['SLACK_BOT_TOKEN', `xoxp-${SECRET}`],
    ['SLACK_APP_TOKEN', `xoxb-${SECRET}`],
  ])('when %s holds an invalid secret, then the error names the key but never the value', (key, value) => {
    expect(SECRET_KEYS).toContain(key);
    const error = (() => {
      try {
        loadConfig({ [key]: value, SLACK_SIGNING_SECRET: 'x' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as ConfigError).problems.join(' ')}`;
    expect(text).toContain(key);
    expect(text).not.toContain(SECRET);
  });

  it('when every secret is set and another rule fails, then none of the secret values appear', () => {
    const source = Object.fromEntries(
      SECRET_KEYS.map((k) => [
        k,
        k === 'DATABASE_URL'
          ? `postgres://u:${SECRET}@h/db`
          : k.startsWith('SLACK_BOT')
            ? `xoxb-${SECRET}`
            : k.startsWith('SLACK_APP')
              ? `xapp-${SECRET}`
              : `${SECRET}-${k}`,
      ]),
    );
    const problems = problemsOf({ ...source, S3_ENDPOINT: 'http://127.0.0.1:9000', HTTP_PORT: 'x' });
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.join('\n')).not.toContain(SECRET);
  });
});

describe('loadConfig providers (issue 16)', () => {
  it('when no provider key is set, then nothing is configured to fetch', () => {
    expect(loadConfig({}).providers).toEqual({ alpaca: undefined, finnhub: undefined });
  });

  it('when the keys are set, then Alpaca and Finnhub are configured with their defaults', () => {
    const config = loadConfig({
      ALPACA_API_KEY_ID: 'id',
      ALPACA_API_SECRET_KEY: 'secret',
      FINNHUB_API_KEY: 'fh',
      TRADER_NAME: 'ann',
    });
    expect(config.providers.alpaca).toEqual({
      keyId: 'id',
      secretKey: 'secret',
      paper: true,
      baseUrl: undefined,
      syncUser: 'ann',
      syncMinutes: 15,
    });
    expect(config.providers.finnhub).toEqual({ apiKey: 'fh', baseUrl: undefined, fetchMinutes: 60 });
  });

  it('when only one Alpaca key is set or the fetch interval is too short, then both problems are listed', () => {
    expect(problemsOf({ ALPACA_API_KEY_ID: 'id', FINNHUB_FETCH_MINUTES: '1' })).toEqual([
      expect.stringMatching(/^FINNHUB_FETCH_MINUTES: /),
      'ALPACA_API_KEY_ID, ALPACA_API_SECRET_KEY: set both or neither',
    ]);
  });
});
