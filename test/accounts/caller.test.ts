import { describe, expect, it } from 'vitest';
import { type Caller, canActAs, canRead, type Owner } from '../../src/accounts/index.js';
import { digest, looksLikeToken, newToken } from '../../src/accounts/secrets.js';
import { accessSummary, bindRefusal, isLoopbackHost } from '../../src/bot/http/bind-guard.js';

const caller = (userId: string, role: Caller['role'], teamId: string | null = 'slack:T1'): Caller => ({
  userId,
  role,
  teamId,
  via: 'token',
});
const owner = (userId: string, shareWithTeam: Owner['shareWithTeam'], teamId = 'slack:T1'): Owner => ({
  userId,
  teamId,
  shareWithTeam,
});

describe('who may read and act', () => {
  it.each([
    ['herself', caller('a', 'member'), owner('a', 'none'), true],
    ['a teammate', caller('b', 'member'), owner('a', 'all'), false],
    ['her lead while she shares all', caller('l', 'lead'), owner('a', 'all'), true],
    ['her lead while she shares the summary only', caller('l', 'lead'), owner('a', 'summary'), false],
    ['a lead of another desk', caller('l', 'lead', 'slack:T2'), owner('a', 'all'), false],
    ['a lead without a desk', caller('l', 'lead', null), owner('a', 'all', 'slack:T1'), false],
    ['an admin', caller('x', 'admin', 'slack:T9'), owner('a', 'none'), true],
  ])('when %s asks to read a member, then the answer is %s', (_who, c, o, expected) => {
    expect(canRead(c, o)).toBe(expected);
  });

  it.each([
    ['herself', caller('a', 'member'), true],
    ['her lead', caller('l', 'lead'), false],
    ['an admin', caller('x', 'admin'), true],
  ])('when %s asks to act as a member, then the answer is %s', (_who, c, expected) => {
    expect(canActAs(c, 'a')).toBe(expected);
  });
});

describe('tokens', () => {
  it('when tokens are made, then each is 256 random bits in a fixed shape and only its digest is comparable', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, prefix } = newToken();
      expect(looksLikeToken(token)).toBe(true);
      expect(token.startsWith(prefix)).toBe(true);
      expect(digest(token)).toMatch(/^[0-9a-f]{64}$/);
      expect(digest(token)).not.toContain(token.slice(3, 20));
      seen.add(token);
    }
    expect(seen.size).toBe(200);
    expect(looksLikeToken('tb_short')).toBe(false);
    expect(looksLikeToken(`xx_${'a'.repeat(43)}`)).toBe(false);
  });
});

describe('binding the HTTP API', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['buddy.example.com', false],
  ])('when the host is %s, then loopback is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('when the host is public and no token exists, then start-up is refused with what to do', () => {
    const refusal = bindRefusal('0.0.0.0', 3000, false);
    expect(refusal).toContain('Refusing to listen on 0.0.0.0:3000');
    expect(refusal).toContain('buddy token create');
    expect(bindRefusal('0.0.0.0', 3000, true)).toBeUndefined();
    expect(bindRefusal('127.0.0.1', 3000, false)).toBeUndefined();
  });

  it('when the mode is described at start, then it says who the API answers', () => {
    expect(accessSummary('auto', false, 'cli:local:ann')).toContain(
      'only callers on this machine, as cli:local:ann',
    );
    expect(accessSummary('auto', true, 'cli:local:ann')).toContain('needs an API token');
    expect(accessSummary('required', false, 'cli:local:ann')).toContain('needs an API token');
  });
});
