// Providers answer "you are out of money" with the same statuses as "slow down" (429, and
// Anthropic also 400/402). Retrying the first only burns time, so it is told apart by body.

const SPEND_CODES = new Set([
  // Anthropic `error.details.error_code` values (SDK 1.x shared error details).
  'contract_spend_limit_reached',
  'enforced_spend_limit_reached',
  'linked_organization_spend_limit_reached',
  'linked_organization_billing_unavailable',
  // OpenAI `error.code` / `error.type`.
  'insufficient_quota',
  'billing_hard_limit_reached',
  'billing_not_active',
]);

const SPEND_TEXT =
  /spend(?:ing)? limit|credit balance|insufficient[_ ]quota|exceeded your current quota|usage limits?|billing/i;

const SPEND_STATUSES = new Set([400, 402, 403, 429]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether an error response means a spend, credit or billing limit rather than a rate limit. */
export function isSpendLimitResponse(status: number, body: string): boolean {
  if (status === 402) return true;
  if (!SPEND_STATUSES.has(status)) return false;
  const json = parse(body);
  const error = field(json, 'error') ?? json;
  const type = field(error, 'type');
  const code = field(error, 'code');
  const detailCode = field(field(error, 'details'), 'error_code');
  if (type === 'billing_error') return true;
  for (const c of [type, code, detailCode]) if (typeof c === 'string' && SPEND_CODES.has(c)) return true;
  const message = field(error, 'message');
  return SPEND_TEXT.test(typeof message === 'string' ? message : body);
}
