import { isIP } from 'node:net';

/** Hosts only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Why the HTTP API must not listen, or undefined when it may: on an address other machines can
 * reach, with no API token yet, every route would be open to them.
 */
export function bindRefusal(host: string, port: number, liveTokens: boolean): string | undefined {
  if (isLoopbackHost(host) || liveTokens) return undefined;
  return [
    `Refusing to listen on ${host}:${port}: no API token exists yet, so anyone who reaches that address could read and change every trader's data.`,
    'Create one first with `buddy token create --user <id> --role admin` (it is shown once), or keep HTTP_HOST=127.0.0.1.',
  ].join('\n');
}

/** One line for the start-up log saying who the HTTP API answers to. */
export function accessSummary(mode: 'auto' | 'required', liveTokens: boolean, localUser: string): string {
  if (mode === 'required' || liveTokens)
    return 'HTTP API: every /api call needs an API token (Authorization: Bearer).';
  return `HTTP API: no API token exists yet, so it answers only callers on this machine, as ${localUser}. The first \`buddy token create\` makes tokens required.`;
}
