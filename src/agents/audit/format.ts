import type { AuditChain } from './service.js';

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function indent(text: string, pad = '    '): string {
  return text
    .split('\n')
    .map((line) => `${pad}${line}`)
    .join('\n');
}

function heading(title: string): string {
  return `\n== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : json(value);
}

/** The audit chain as plain text for a terminal: every section, prompts and answers in full. */
export function formatAuditChain(chain: AuditChain): string {
  const out: string[] = [
    `Audit of evaluation ${chain.evaluationId}`,
    `user ${chain.userId} · ${chain.symbol} ${chain.timeframe} · data as of ${chain.evaluatedAt} · evaluated ${chain.createdAt}`,
  ];
  out.push(heading('1. Intent'), indent(json(chain.intent)));
  out.push(heading('2. ContextPack facts'), indent(json(chain.contextFacts)));

  const ev = chain.evaluation;
  out.push(
    heading('3. Evaluator results'),
    `  score ${ev.score} · severity ${ev.severity} · config ${ev.configVersion} · ${rulesLine(ev)}`,
  );
  out.push('  modules run:', indent(json(ev.modules)));
  out.push(`  issues (${ev.items.length}):`);
  for (const item of ev.items) {
    out.push(
      `    #${str(item['rank'])} [${str(item['severity'])}] ${str(item['module'])}/${str(item['code'])}${item['shown'] ? '' : ' (not shown)'}`,
    );
    out.push(
      `       ${str(item['message'])}`,
      `       evidence ${json(item['evidence'])}`,
      `       mitigation ${json(item['recommendation'])}`,
    );
  }

  out.push(heading(`4. Agent recommendations (${chain.recommendations.length})`));
  if (chain.recommendations.length === 0) out.push('  (no agent ran for this evaluation)');
  for (const r of chain.recommendations) {
    out.push(
      `  ${str(r['agent'])}: ${str(r['signal'])} confidence ${str(r['confidence'])} · ${str(r['provider'])}/${str(r['model'])} · llm call ${str(r['llmCallId'] ?? '-')}`,
    );
    out.push(indent(`rationale: ${str(r['rationale'])}`), indent(`key factors: ${json(r['keyFactors'])}`));
    out.push(
      indent(`retrieved: ${json(r['retrievedChunkIds'])}`),
      indent(`snapshot: ${json(r['indicatorsSnapshot'])}`),
    );
  }

  out.push(heading(`5. Retrieved passages (${chain.retrievedChunks.length})`));
  for (const c of chain.retrievedChunks) {
    out.push(
      `  ${c.chunkId} (cited by ${c.agents.join(', ')})${c.docPath ? ` · ${c.docPath}${c.heading ? ` > ${c.heading}` : ''}` : ''}`,
    );
    if (c.text) out.push(indent(c.text, '      '));
  }

  out.push(heading(`5b. Charts (${chain.charts.length})`));
  for (const c of chain.charts)
    out.push(
      `  ${c.chartId} · ${c.chartType} ${c.timeframe} · ${c.dataPoints ?? '-'} bars · last ${c.lastPrice ?? '-'} · ${c.imageUrl}`,
    );

  out.push(heading(`6. LLM calls (${chain.llmCalls.length})`));
  if (chain.llmCalls.length === 0) out.push('  (none: every answer came from the rule mode)');
  for (const c of chain.llmCalls) {
    out.push(
      `  ${str(c['id'])} · ${str(c['purpose'])} · ${str(c['provider'])}/${str(c['model'])} · attempt ${str(c['attempt'])} turn ${str(c['turn'])} · ${str(c['latencyMs'])} ms · stop ${str(c['stopReason'] ?? '-')} · request ${str(c['providerRequestId'] ?? '-')}`,
    );
    out.push(
      `    tokens ${json(c['tokens'])} · truncated ${json(c['truncated'])} · prompt hash ${str(c['promptHash'])}`,
    );
    if (c['error']) out.push(`    error: ${str(c['error'])}`);
    out.push('    system prompt:', indent(str(c['systemPrompt']), '      '));
    out.push('    user prompt:', indent(str(c['userPrompt']), '      '));
    out.push('    raw response:', indent(str(c['rawResponse']), '      '));
    out.push('    parsed output:', indent(json(c['parsedOutput']), '      '));
  }

  out.push(heading(`7. Guardrail events (${chain.guardrailEvents.length})`));
  for (const e of chain.guardrailEvents)
    out.push(
      `  ${str(e['ts'])} ${str(e['stage'])}/${str(e['rule'])} ${str(e['action'])}: ${str(e['excerpt'])}`,
    );
  return out.join('\n');
}

/** "rules v3 · team rules v1": the settings versions the evaluation used (0: none set). */
function rulesLine(ev: AuditChain['evaluation']): string {
  if (ev.rulesVersion === null) return 'rules version not recorded';
  return `rules v${ev.rulesVersion} · team rules v${ev.teamRulesVersion ?? 0}`;
}
