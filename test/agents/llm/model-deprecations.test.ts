import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { anthropicModelEndOfLife, DEPRECATED_ANTHROPIC_MODELS } from '../../../src/agents/llm/index.js';
import { buildApp } from '../../../src/app.js';
import { DEFAULT_ANTHROPIC_MODEL, loadConfig } from '../../../src/config.js';
import { openPglite } from '../../helpers/databases.js';

// The package's exports hide package.json: find its folder from the entry point.
const sdkDir = dirname(createRequire(import.meta.url).resolve('@anthropic-ai/sdk'));
/** Model names in the `DEPRECATED_MODELS = { ... }` tables of the installed SDK's files. */
function sdkDeprecated(): string[] {
  const files = ['internal/data/deprecated-models.mjs', 'resources/messages/messages.mjs'];
  return files.flatMap((file) => {
    const source = readFileSync(join(sdkDir, file), 'utf8');
    const table = /DEPRECATED_MODELS = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    return [...table.matchAll(/'([^']+)':/g)].map((m) => m[1] ?? '');
  });
}

describe('Anthropic model deprecations', () => {
  it('when the installed SDK lists deprecated models, then our table has every one of them', () => {
    const listed = sdkDeprecated();
    expect(listed.length).toBeGreaterThan(0);
    for (const model of listed) expect(Object.keys(DEPRECATED_ANTHROPIC_MODELS)).toContain(model);
  });

  it('when nothing is configured, then the default model is a current one the SDK knows', () => {
    expect(loadConfig({}).env.ANTHROPIC_MODEL).toBe(DEFAULT_ANTHROPIC_MODEL);
    expect(anthropicModelEndOfLife(DEFAULT_ANTHROPIC_MODEL)).toBeUndefined();
    const types = readFileSync(join(sdkDir, 'resources/messages/messages.d.ts'), 'utf8');
    expect(types).toContain(`'${DEFAULT_ANTHROPIC_MODEL}'`);
  });

  it.each([
    ['claude-sonnet-4-5', 1],
    [DEFAULT_ANTHROPIC_MODEL, 0],
  ])(
    'when the app starts with ANTHROPIC_MODEL=%s, then it logs %i deprecation warning(s)',
    async (model, count) => {
      const lines: { level: number; msg: string; model?: string }[] = [];
      const logger = pino(
        { level: 'warn' },
        { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) },
      );
      const config = loadConfig({
        DATA_DIR: `/tmp/trading-buddy-test-model-${process.pid}`,
        ANTHROPIC_API_KEY: 'sk-ant-test-0000',
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
        ANTHROPIC_MODEL: model,
      });
      // The demo image has the knowledge base indexed already, so the app starts without embedding it.
      const app = await buildApp(config, logger, { database: await openPglite({ demo: true }) });
      await app.close();
      const warnings = lines.filter((l) => l.level === 40 && /deprecated/.test(l.msg));
      expect(warnings).toHaveLength(count);
      if (count > 0) expect(warnings[0]?.msg).toContain('end of life November 30th, 2026');
    },
  );
});
