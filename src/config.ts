import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { crossFieldProblems } from './config-problems.js';
import { PROVIDERS_ENV, providersConfig, type ProvidersConfig } from './config-providers.js';
import { MARKET_DATA_ENV, type MarketDataConfig, marketDataConfig } from './config-market-data.js';

/**
 * A current Sonnet. The previous default, claude-sonnet-4-5, reached its end of life on
 * 2026-11-30 (the SDK lists it as deprecated and warns on every call).
 */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';

const optionalUrl = z.url().optional();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting the service reads. `.env.example` documents each one. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATA_DIR_LOCK_WAIT_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HTTP_ENABLED: bool.default(true),
  // `auto`: the HTTP API answers callers on this machine as the local user until the first API
  // token exists, then only to tokens; `required`: tokens from the start.
  API_AUTH: z.enum(['auto', 'required']).default('auto'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  WEB_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  // Raw LLM prompts and responses older than this are blanked (hashes, tokens and timings stay); 0 keeps them.
  LLM_RAW_RETENTION_DAYS: z.coerce.number().int().min(0).max(3_650).default(90),
  CLI_ENABLED: bool.default(true),
  TRADER_NAME: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/, 'letters, digits, dot, dash or underscore')
    .optional(),
  DEMO_DATA: bool.default(true),
  DEFAULT_EQUITY: z.coerce.number().positive().default(50_000),
  // The same bounds a trader's own settings must meet (src/accounts/settings/schema.ts#LIMITS).
  DEFAULT_MAX_RISK_PCT: z.coerce.number().positive().max(10).default(1),
  DEFAULT_MIN_REWARD_RISK: z.coerce.number().min(0.1).max(20).default(1.5),
  EVALUATOR_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  BRAINSTORM_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(10_080, 'at most a week (10080 minutes)')
    .default(30),
  ANSWER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(120),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_MODEL: z.string().min(1).default(DEFAULT_ANTHROPIC_MODEL),
  ANTHROPIC_BASE_URL: optionalUrl,
  OPENAI_COMPAT_BASE_URL: optionalUrl,
  OPENAI_COMPAT_API_KEY: z.string().min(1).optional(),
  OPENAI_COMPAT_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LLM_USER_DAILY_TOKENS: z.coerce.number().int().positive().default(200_000),
  LLM_MAX_CALLS_PER_REQUEST: z.coerce.number().int().positive().default(8),
  // Characters kept per llm_calls text field (seed 003: prompt 10,000, raw response 10,000, parsed output 2,000).
  LLM_RECORD_PROMPT_CHARS: z.coerce.number().int().min(100).default(10_000),
  LLM_RECORD_RESPONSE_CHARS: z.coerce.number().int().min(100).default(10_000),
  LLM_RECORD_OUTPUT_CHARS: z.coerce.number().int().min(100).default(2_000),
  GUARDRAIL_MAX_INPUT_CHARS: z.coerce.number().int().positive().default(4_000),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: z.string().min(1).optional(),
  EMBEDDINGS_URL: optionalUrl,
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  KNOWLEDGE_DIRS: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: optionalUrl,
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d+$/, 'must be a numeric snowflake').optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/, 'must be a numeric snowflake').optional(),
  DISCORD_API_URL: optionalUrl,
  CHART_DIR: z.string().min(1).optional(),
  // Worker threads drawing chart PNGs; unset = one per core but one (at least one); 0 = on the main thread.
  CHART_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  CHART_QUEUE_MAX: z.coerce.number().int().positive().default(1_000),
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_PUBLIC_BASE_URL: optionalUrl,
  ...PROVIDERS_ENV,
  ...MARKET_DATA_ENV,
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env;
  dataDir: string;
  /** How long a `buddy` command waits for the PGlite data directory held by another process. */
  dataDirLockWaitMs: number;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  http: { enabled: boolean; host: string; port: number };
  /** Who the HTTP API answers (see API_AUTH), the per-user request budget and web session length. */
  access: { auth: 'auto' | 'required'; perMinute: number; sessionTtlMs: number };
  /** Days raw LLM text is kept in llm_calls; 0 = forever. */
  llmRawRetentionDays: number;
  cli: { enabled: boolean; user: string };
  demoData: boolean;
  defaults: { equity: number; maxRiskPct: number; minRewardRisk: number };
  evaluatorTimeoutMs: number;
  /** A brainstorm idle this long is paused; its draft is kept for "resume". */
  brainstorm: { idleMinutes: number };
  /** How long a process may work on one answer before another may take it over (it died). */
  answers: { leaseMs: number };
  /** Per-field character limits for `llm_calls` rows. */
  llmRecordLimits: { promptChars: number; responseChars: number; outputChars: number };
  /** The repository's `knowledge/` first, then KNOWLEDGE_DIRS (comma-separated). Qdrant when QDRANT_URL is set. */
  knowledge: {
    dirs: string[];
    qdrant?: { url: string; apiKey?: string | undefined } | undefined;
    embeddings:
      | { kind: 'local' }
      | { kind: 'openai-compatible'; baseUrl: string; model: string; apiKey?: string | undefined };
  };
  /** Chart images: files under `dir` by default, an S3-compatible bucket when S3_ENDPOINT is set. */
  /** Where bars come from beyond CSV imports: `csv` (the default) never touches the network. */
  marketData: MarketDataConfig;
  charts: {
    dir: string;
    /** Chart PNG worker threads (undefined = cores - 1, at least 1; 0 = render on the main thread). */
    workers?: number | undefined;
    /** Charts waiting for a worker before new ones are refused (they fail; the answers do not). */
    maxQueue: number;
    s3?:
      | {
          endpoint: string;
          bucket: string;
          region: string;
          accessKeyId: string;
          secretAccessKey: string;
          forcePathStyle: boolean;
          publicBaseUrl?: string | undefined;
        }
      | undefined;
  };
  /** Broker and news providers (issue 16); each is undefined until its key is set. */
  providers: ProvidersConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The knowledge base shipped with the repository, found from this file so the working directory does not matter. */
const KNOWLEDGE_DIR = fileURLToPath(new URL('../knowledge', import.meta.url));

/** Keys whose values are secrets: they are never printed, even in a config error. */
export const SECRET_KEYS = [
  'DATABASE_URL',
  'ANTHROPIC_API_KEY',
  'OPENAI_COMPAT_API_KEY',
  'QDRANT_API_KEY',
  'EMBEDDINGS_API_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'S3_SECRET_ACCESS_KEY',
  'ALPACA_API_KEY_ID',
  'ALPACA_API_SECRET_KEY',
  'FINNHUB_API_KEY',
  'POLYGON_API_KEY',
] as const;

/** The only reader of the environment. Lists every invalid key at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    // Blank means unset: HTTP_PORT=" " would otherwise coerce to port 0.
    if (value !== undefined && value.trim() !== '') raw[key] = value;
  }
  const parsed = EnvSchema.safeParse(raw);
  // Cross-field rules only ask whether a key is set, so they run on the raw values too: one
  // error lists every problem, even when a value is also malformed.
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossFieldProblems(raw),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const env = parsed.data;

  return {
    env,
    dataDir: env.DATA_DIR,
    dataDirLockWaitMs: env.DATA_DIR_LOCK_WAIT_SECONDS * 1000,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dir: `${env.DATA_DIR}/pglite` },
    http: { enabled: env.HTTP_ENABLED, host: env.HTTP_HOST, port: env.HTTP_PORT },
    access: {
      auth: env.API_AUTH,
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      sessionTtlMs: env.WEB_SESSION_HOURS * 3_600_000,
    },
    llmRawRetentionDays: env.LLM_RAW_RETENTION_DAYS,
    cli: { enabled: env.CLI_ENABLED, user: env.TRADER_NAME ?? safeName(source.USER) ?? 'trader' },
    demoData: env.DEMO_DATA,
    defaults: {
      equity: env.DEFAULT_EQUITY,
      maxRiskPct: env.DEFAULT_MAX_RISK_PCT,
      minRewardRisk: env.DEFAULT_MIN_REWARD_RISK,
    },
    evaluatorTimeoutMs: env.EVALUATOR_TIMEOUT_MS,
    brainstorm: { idleMinutes: env.BRAINSTORM_IDLE_MINUTES },
    answers: { leaseMs: env.ANSWER_LEASE_SECONDS * 1_000 },
    llmRecordLimits: {
      promptChars: env.LLM_RECORD_PROMPT_CHARS,
      responseChars: env.LLM_RECORD_RESPONSE_CHARS,
      outputChars: env.LLM_RECORD_OUTPUT_CHARS,
    },
    knowledge: {
      dirs: [
        KNOWLEDGE_DIR,
        ...(env.KNOWLEDGE_DIRS ?? '')
          .split(',')
          .map((d) => d.trim())
          .filter((d) => d.length > 0),
      ],
      qdrant: env.QDRANT_URL ? { url: env.QDRANT_URL, apiKey: env.QDRANT_API_KEY } : undefined,
      embeddings:
        env.EMBEDDINGS_URL && env.EMBEDDINGS_MODEL
          ? {
              kind: 'openai-compatible',
              baseUrl: env.EMBEDDINGS_URL,
              model: env.EMBEDDINGS_MODEL,
              apiKey: env.EMBEDDINGS_API_KEY,
            }
          : { kind: 'local' },
    },
    marketData: marketDataConfig(env),
    charts: {
      dir: env.CHART_DIR ?? `${env.DATA_DIR}/charts`,
      workers: env.CHART_WORKERS,
      maxQueue: env.CHART_QUEUE_MAX,
      s3:
        env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? {
              endpoint: env.S3_ENDPOINT,
              bucket: env.S3_BUCKET,
              region: env.S3_REGION,
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
              forcePathStyle: env.S3_FORCE_PATH_STYLE,
              publicBaseUrl: env.S3_PUBLIC_BASE_URL,
            }
          : undefined,
    },
    providers: providersConfig(env, env.TRADER_NAME ?? safeName(source.USER) ?? 'trader'),
  };
}

function safeName(value: string | undefined): string | undefined {
  return value && /^[\w.-]{1,64}$/.test(value) ? value : undefined;
}
