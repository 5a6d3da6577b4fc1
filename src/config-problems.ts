import { marketDataProblems } from './config-market-data.js';
import { providersProblems } from './config-providers.js';

/** Settings that are each valid alone but not together: a token without its secret, and so on. */
export function crossFieldProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) too',
    );
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  }
  if (env.OPENAI_COMPAT_BASE_URL && !env.OPENAI_COMPAT_MODEL) {
    problems.push('OPENAI_COMPAT_MODEL: required when OPENAI_COMPAT_BASE_URL is set');
  }
  if (env.EMBEDDINGS_URL && !env.EMBEDDINGS_MODEL) {
    problems.push('EMBEDDINGS_MODEL: required when EMBEDDINGS_URL is set');
  }
  if (env.S3_ENDPOINT && !(env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: required when S3_ENDPOINT is set');
  }
  problems.push(...providersProblems(env));
  problems.push(...marketDataProblems(env));
  return problems;
}
