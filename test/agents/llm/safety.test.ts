import { describe, expect, it } from 'vitest';
import { createScrubber, isSpendLimitResponse } from '../../../src/agents/llm/index.js';
import { backoffMs, retryAfterMs } from '../../../src/agents/llm/http-retry.js';

describe('createScrubber', () => {
  const scrub = createScrubber(['my-local-token-42', undefined, 'ab']);

  it.each([
    ['the literal secret', 'token my-local-token-42 leaked', 'token [redacted] leaked'],
    ['an sk- key', 'key=sk-proj-AbCdEf0123456789xyz end', 'key=[redacted] end'],
    ['an authorization header', '{"Authorization": "Bearer abc.def.ghi"}', '{"Authorization": "[redacted]"}'],
    ['an x-api-key header', 'x-api-key: zzz-top-secret', 'x-api-key: [redacted]'],
    ['a bare bearer token', 'sent bearer eyJhbGciOiJIUzI1NiJ9.e30 ok', 'sent [redacted] ok'],
  ])('when text holds %s, then it is redacted', (_label, input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it('when a secret is shorter than 4 characters, then ordinary text is left alone', () => {
    expect(scrub('about absent abs')).toBe('about absent abs');
  });
});

describe('isSpendLimitResponse', () => {
  it.each([
    [
      429,
      {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: 'x',
          details: { error_code: 'enforced_spend_limit_reached' },
        },
      },
      true,
    ],
    [429, { type: 'error', error: { type: 'billing_error', message: 'x' } }, true],
    [429, { error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota' } }, true],
    [
      400,
      {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'Your credit balance is too low to access the Anthropic API.',
        },
      },
      true,
    ],
    [402, { anything: true }, true],
    [
      429,
      {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: 'This request would exceed the rate limit for your organization',
        },
      },
      false,
    ],
    [
      429,
      {
        type: 'error',
        error: { type: 'rate_limit_error', message: 'x', details: { error_code: 'ramp_limit_exceeded' } },
      },
      false,
    ],
    [500, { error: { message: 'billing service down' } }, false],
    [
      400,
      { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } },
      false,
    ],
  ])('when status %i has body %j, then spend limit is %s', (status, body, expected) => {
    expect(isSpendLimitResponse(status, JSON.stringify(body))).toBe(expected);
  });
});

describe('retry timing', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [{ 'retry-after': '1' }, 1000],
    [{ 'retry-after': '0.25' }, 250],
    [{ 'retry-after-ms': '120', 'retry-after': '9' }, 120],
    [{ 'retry-after': new Date(now + 3000).toUTCString() }, 3000],
    [{ 'retry-after': new Date(now - 3000).toUTCString() }, undefined],
    [{ 'retry-after': '0' }, undefined],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('when headers are %j, then the wait is %s ms', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });

  it.each([
    [0, 375, 500],
    [1, 750, 1000],
    [5, 6000, 8000],
  ])('when retry %i backs off, then the wait lies in [%i, %i] ms', (index, low, high) => {
    expect(backoffMs(index, () => 0)).toBe(high);
    expect(backoffMs(index, () => 0.999999)).toBeGreaterThanOrEqual(low);
  });
});
