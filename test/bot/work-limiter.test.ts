import { describe, expect, it } from 'vitest';
import { createWorkLimiter } from '../../src/bot/work-limiter.js';

describe('createWorkLimiter', () => {
  it.each([1, 3, 8])(
    'when 40 tasks are queued with a limit of %i, then never more than that run at once and all finish in order of arrival',
    async (limit) => {
      const limiter = createWorkLimiter(limit);
      let running = 0;
      let peak = 0;
      const started: number[] = [];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          limiter.run(async () => {
            started.push(i);
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
            running -= 1;
          }),
        ),
      );
      expect(peak).toBe(limit);
      expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(limiter.size()).toBe(0);
    },
  );

  it('when a task throws, then its slot is freed for the next one', async () => {
    const limiter = createWorkLimiter(1);
    await expect(
      limiter.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it.each([0, -1, 1.5])('when the limit is %s, then it is refused', (limit) => {
    expect(() => createWorkLimiter(limit)).toThrow(RangeError);
  });
});
