import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { superviseSurface, surfaceStatusProvider } from '../../src/bot/surface-status.js';

const logger = pino({ level: 'silent' });
const backoff = { initialMs: 5, maxMs: 20 };

describe('superviseSurface', () => {
  it('when connecting fails twice, then the third attempt brings it up with the attempts counted and the last reason kept without the secret', async () => {
    let calls = 0;
    const surface = superviseSurface({
      name: 'slack',
      logger,
      backoff,
      secrets: ['xoxb-secret'],
      connect: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`refused for token xoxb-secret (try ${calls})`);
      },
    });
    expect(surface.status().state).toBe('connecting');
    await surface.start();
    const status = surface.status();
    expect(status).toMatchObject({ state: 'up', attempts: 3 });
    expect(status.lastError).toBe('refused for token [redacted] (try 2)');
    expect(surfaceStatusProvider([surface]).surfaces()).toEqual({ slack: status });
  });

  it('when stopped while its platform is down, then no further attempt is made', async () => {
    let calls = 0;
    const surface = superviseSurface({
      name: 'discord',
      logger,
      backoff: { initialMs: 30, maxMs: 30 },
      connect: async () => {
        calls += 1;
        throw new Error('unreachable');
      },
    });
    const running = surface.start();
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    surface.stop();
    await running;
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(after);
    expect(surface.status()).toMatchObject({ state: 'down', lastError: 'unreachable' });
  });
});
