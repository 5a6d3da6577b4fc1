/** Slack's own window: a signed request more than 5 minutes from our clock is refused. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

/**
 * True when the request's `X-Slack-Request-Timestamp` lies more than the window ahead of `nowMs`.
 * Bolt's verifier refuses only the past direction (stale requests); a signed request captured and
 * dated ahead would otherwise stay replayable until its date. Parsed as Bolt parses it (Number), so
 * anything this lets through is still checked by Bolt (signature, staleness, a non-numeric header).
 */
export function isFromTheFuture(
  header: string | string[] | undefined,
  nowMs: number = Date.now(),
  maxSkewSeconds: number = SLACK_MAX_SKEW_SECONDS,
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return false;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + maxSkewSeconds;
}
