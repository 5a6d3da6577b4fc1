import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/bot/slack/pacer.js';

/** A clock whose sleep moves time forward at once, so spacing is exact and the test does not wait. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('createPacer', () => {
  it('when three posts go to one channel, then they start at least the interval apart and in order', async () => {
    const clock = virtualClock();
    const pacer = createPacer(1_000, clock);
    const starts: [string, number][] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        pacer.run('C1', async () => {
          starts.push([id, clock.now()]);
        }),
      ),
    );
    expect(starts).toEqual([
      ['a', 0],
      ['b', 1_000],
      ['c', 2_000],
    ]);
  });

  it('when posts go to different channels, then neither waits for the other', async () => {
    const clock = virtualClock();
    const pacer = createPacer(1_000, clock);
    const starts: number[] = [];
    await Promise.all(
      ['C1', 'C2', 'C3'].map((channel) =>
        pacer.run(channel, async () => {
          starts.push(clock.now());
        }),
      ),
    );
    expect(starts).toEqual([0, 0, 0]);
  });

  it('when a post fails, then the caller sees the error and the next post to that channel still goes out', async () => {
    const pacer = createPacer(10, virtualClock());
    const failed = pacer.run('C1', async () => {
      throw new Error('channel_not_found');
    });
    const next = pacer.run('C1', async () => 'sent');
    await expect(failed).rejects.toThrow('channel_not_found');
    await expect(next).resolves.toBe('sent');
  });
});
