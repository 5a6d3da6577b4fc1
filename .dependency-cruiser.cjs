// The import graph of src/ stays one-way: no cycles, and each layer imports only the layers below
// it (docs/architecture.md draws them). `npm run deps:check` runs this in CI.
//
//   roots       main.ts, cli.ts, app.ts         compose everything; nothing imports them
//   surfaces    bot/                            Slack, Discord, terminal, HTTP, conversation
//   jobs        jobs/                           scheduled work
//   review      review/                         post-trade reviews
//   services    accounts/ agents/ charts/ trading/ reply/
//   evaluators  evaluators/
//   knowledge   market/ rag/
//   storage     db/ storage/
//   leaves      errors.ts logger.ts config*.ts  import nothing of ours but each other
const LAYERS = [
  ['roots', '^src/(main|cli|app)\\.ts$'],
  ['surfaces', '^src/bot/'],
  ['jobs', '^src/jobs/'],
  ['review', '^src/review/'],
  ['services', '^src/(accounts|agents|charts|trading|reply)/'],
  ['evaluators', '^src/evaluators/'],
  ['knowledge', '^src/(market|rag)/'],
  ['storage', '^src/(db|storage)/'],
  ['leaves', '^src/(errors|logger|config|config-[a-z-]+)\\.ts$'],
];

const upward = LAYERS.slice(1).map(([name, path], i) => ({
  name: `no-upward-import-from-${name}`,
  comment: `${name} may import only the layers below it, never ${LAYERS.slice(0, i + 1)
    .map(([above]) => above)
    .join(', ')}`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(0, i + 1)
      .map(([, above]) => `(${above})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle ties two modules together: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'every-module-in-a-layer',
      comment: 'A new folder under src/ joins a layer in LAYERS above (and docs/architecture.md).',
      severity: 'error',
      from: { path: '^src/', pathNot: LAYERS.map(([, path]) => `(${path})`).join('|') },
      to: {},
    },
    {
      name: 'src-does-not-import-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
