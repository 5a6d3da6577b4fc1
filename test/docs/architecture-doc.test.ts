import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Keeps docs/architecture.md true to the code. The page's conventions (stated at its top):
//   `some/path`               the file or folder exists (a `<...>` or `*` part: its fixed folder exists)
//   `file.ts#name`            the file exports `name`
//   `file.ts#name.member`     ... and declares `member` (an interface or object member) in that file
//   `npm run x`, `npm test`   package.json has that script
//   `npx buddy kb index ...`  src/bot/cli/commands has a command with those words
//   `identifier`, `a.b`       any other identifier (each part of a dotted one) still occurs in the code
// and the Layers table lists the layers of .dependency-cruiser.cjs, in order, with paths in that layer.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = 'docs/architecture.md';
const PATH_ROOTS = ['src', 'test', 'tools', 'docs', 'knowledge', 'bench', 'scripts', '.ci'];
const ROOT_FILE = /^(?:[\w.-]+\.(?:json|cjs|mjs|ya?ml|md)|[\w-]+\.config\.ts)$/;
const IDENT = /^[A-Za-z_$][\w$]*(?:-[\w$]+)*$/;
const DOTTED = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const CLI_COMMANDS = 'src/bot/cli/commands';
const SYMBOL_REF = /^([^\s#`]+)#([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?$/;

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Backtick spans outside fenced code blocks. */
function spans(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
}

function isPath(span: string): boolean {
  const first = span.split('/')[0] ?? '';
  return (span.includes('/') && PATH_ROOTS.includes(first)) || ROOT_FILE.test(span);
}

/** The part of a path that must exist: up to the folder holding the first placeholder. */
function fixedPart(path: string): string {
  const wild = path.search(/[<*{]/);
  return wild < 0 ? path : path.slice(0, path.lastIndexOf('/', wild) + 1);
}

/** Names a TypeScript/JavaScript module exports, following `export * from` re-exports. */
function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file) || !existsSync(file)) return names;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const declared =
    /export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of source.matchAll(declared)) names.add(m[1] ?? '');
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const name = part
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim();
      if (name) names.add(name);
    }
  }
  for (const m of source.matchAll(/export\s+\*\s+as\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1] ?? '');
  for (const m of source.matchAll(/export\s+\*\s+from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts'));
    for (const name of exportedNames(target, seen)) names.add(name);
  }
  return names;
}

function declaresMember(file: string, member: string): boolean {
  return new RegExp(`(?<![\\w$])${member.replace(/\$/g, '\\$')}\\s*\\??\\s*[(:<]`).test(
    readFileSync(file, 'utf8'),
  );
}

/** The `buddy` command modules; each declares its words as `path: ['kb', 'index']`. */
function cliCommandSources(): string[] {
  return readdirSync(join(ROOT, CLI_COMMANDS)).map((f) => read(`${CLI_COMMANDS}/${f}`));
}

/** Every word in the code and config (not the docs or the README, so prose cannot vouch for itself). */
function codeWords(): Set<string> {
  const skip = new Set(['node_modules', 'data', 'tmp', 'docs', 'knowledge', '.git', 'fixtures']);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (skip.has(entry) || relative(ROOT, path) === join('test', 'docs')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|cjs|mjs|json|ya?ml|sql)$/.test(entry) || entry === 'run') files.push(path);
    }
  };
  for (const dir of ['src', 'test', 'tools', 'bench', 'scripts', '.ci']) walk(join(ROOT, dir));
  for (const entry of readdirSync(ROOT))
    if (ROOT_FILE.test(entry) && entry !== 'README.md') files.push(entry);
  const words = new Set<string>();
  for (const file of files) {
    const text = readFileSync(resolve(ROOT, file), 'utf8');
    for (const m of text.matchAll(/[\w$]+(?:-[\w$]+)*/g)) {
      words.add(m[0]);
      for (const part of m[0].split('-')) words.add(part);
    }
  }
  return words;
}

/** The layers as .dependency-cruiser.cjs declares them: [name, path pattern], top first. */
function cruiserLayers(): [string, RegExp][] {
  const block = /const LAYERS = \[([\s\S]*?)\n\];/.exec(read('.dependency-cruiser.cjs'))?.[1] ?? '';
  return [...block.matchAll(/\[\s*'(\w+)',\s*'([^']+)'\s*\]/g)].map((m) => [
    m[1] ?? '',
    new RegExp((m[2] ?? '').replace(/\\\\/g, '\\')),
  ]);
}

/** Rows of the table under "## Layers": the layer name and the paths named in the row. */
function docLayers(markdown: string): { name: string; paths: string[] }[] {
  const section = /^## Layers\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  return [...section.matchAll(/^\| (\w+) \|([^|]*)\|/gm)]
    .filter((m) => m[1] !== 'Layer')
    .map((m) => ({ name: m[1] ?? '', paths: spans(m[2] ?? '') }));
}

/** Everything wrong with the page's references, one line each. */
function problemsIn(markdown: string): string[] {
  const problems: string[] = [];
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  let words: Set<string> | undefined;
  for (const span of spans(markdown)) {
    const symbol = SYMBOL_REF.exec(span);
    if (symbol) {
      const [, path = '', name = '', member] = symbol;
      const file = join(ROOT, path);
      if (!existsSync(file)) problems.push(`${span}: ${path} does not exist`);
      else if (!exportedNames(file).has(name)) problems.push(`${span}: ${path} does not export ${name}`);
      else if (member && !declaresMember(file, member))
        problems.push(`${span}: ${path} declares no member ${member}`);
      continue;
    }
    if (isPath(span)) {
      if (!existsSync(join(ROOT, fixedPart(span)))) problems.push(`${span}: no such file or folder`);
      continue;
    }
    const script = /^npm (?:run ([\w:-]+)|(test))$/.exec(span);
    if (script) {
      const name = script[1] ?? script[2] ?? '';
      if (!(name in scripts)) problems.push(`${span}: package.json has no script "${name}"`);
      continue;
    }
    const buddy = /^npx buddy ([a-z][a-z -]*?)(?= [^a-z]|$)/.exec(span)?.[1];
    if (buddy) {
      const path = `path: [${buddy
        .split(' ')
        .map((w) => `'${w}'`)
        .join(', ')}]`;
      if (!cliCommandSources().some((source) => source.includes(path)))
        problems.push(`${span}: no buddy command "${buddy}" in ${CLI_COMMANDS}`);
      continue;
    }
    const call = /^([A-Za-z_$][\w$]*)\(\)$/.exec(span)?.[1];
    const identifiers = call ? [call] : IDENT.test(span) ? [span] : DOTTED.test(span) ? span.split('.') : [];
    for (const identifier of identifiers) {
      words ??= codeWords();
      if (!words.has(identifier)) problems.push(`${span}: ${identifier} occurs nowhere in the code`);
    }
  }
  return problems;
}

const doc = read(DOC);

describe(DOC, () => {
  it('when the page is parsed, then it names enough files, exports and scripts for the check to mean something', () => {
    const all = spans(doc);
    expect(all.filter((s) => SYMBOL_REF.test(s)).length).toBeGreaterThan(50);
    expect(all.filter((s) => SYMBOL_REF.test(s) && s.includes('.', s.indexOf('#'))).length).toBeGreaterThan(
      10,
    );
    expect(all.filter((s) => !SYMBOL_REF.test(s) && isPath(s)).length).toBeGreaterThan(20);
    expect(all.filter((s) => s.startsWith('npm ')).length).toBeGreaterThanOrEqual(6);
  });

  it('when the page names a path, an export, a member, a script or an identifier, then the code has it', () => {
    expect(problemsIn(doc)).toEqual([]);
  });

  it('when the page lists the layers, then they are the dependency-cruiser layers, in order, with paths that belong to them', () => {
    const layers = cruiserLayers();
    const rows = docLayers(doc);
    expect(layers.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.name)).toEqual(layers.map(([name]) => name));
    for (const [i, row] of rows.entries()) {
      const pattern = layers[i]?.[1];
      expect(row.paths.length, `paths of ${row.name}`).toBeGreaterThan(0);
      for (const path of row.paths)
        expect(pattern?.test(path.endsWith('/') ? `${path}index.ts` : path), `${path} in ${row.name}`).toBe(
          true,
        );
    }
  });

  it.each([
    ['a file is renamed', '`src/bot/router.ts#route`', '`src/bot/routes.ts#route`', 'does not exist'],
    [
      'an export is renamed',
      '`src/bot/router.ts#route`',
      '`src/bot/router.ts#routeMessage`',
      'does not export',
    ],
    [
      'a member is renamed',
      '`src/evaluators/service.ts#EvaluationService.evaluate`',
      '`src/evaluators/service.ts#EvaluationService.assess`',
      'declares no member',
    ],
    ['a folder is renamed', '`src/bot/flows/<name>.ts`', '`src/bot/flow/<name>.ts`', 'no such file'],
    ['a script is renamed', '`npm run deps:check`', '`npm run deps:verify`', 'no script'],
    ['an identifier is renamed', '`evaluateFlow`', '`evaluateFlowX`', 'occurs nowhere'],
    ['a buddy command is renamed', '`npx buddy kb index`', '`npx buddy kb reindex`', 'no buddy command'],
  ])('when %s, then the check reports it', (_what, original, renamed, message) => {
    expect(doc).toContain(original);
    const problems = problemsIn(doc.replace(original, renamed));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('when a module re-exports with `export *` or `export { ... } from`, then those names count as exported', () => {
    // src/db/index.ts re-exports every repository with `export *`; src/bot/types.ts re-exports Reply by name.
    const db = exportedNames(join(ROOT, 'src/db/index.ts'));
    expect(db.has('createConversationRepository')).toBe(true);
    expect(db.has('nothingByThisName')).toBe(false);
    expect(exportedNames(join(ROOT, 'src/bot/types.ts')).has('Reply')).toBe(true);
  });
});
