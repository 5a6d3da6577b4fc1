import type { ChannelRef } from '../db/index.js';
import type { Reply } from '../reply/index.js';

export type { ChannelRef } from '../db/index.js';

/**
 * Where a scheduled summary goes. The terminal uses the console poster; the Slack and Discord
 * adapters implement this (chat.postMessage, channel.send) and register under their platform.
 */
export interface SummaryPoster {
  post(channel: ChannelRef, reply: Reply): Promise<{ messageId?: string } | void>;
}

export interface PosterRouter extends SummaryPoster {
  register(platform: string, poster: SummaryPoster): void;
  platforms(): string[];
}

/** Sends each post to the poster registered for the channel's platform. */
export function createPosterRouter(): PosterRouter {
  const posters = new Map<string, SummaryPoster>();
  return {
    register(platform, poster) {
      posters.set(platform, poster);
    },
    platforms: () => [...posters.keys()],
    async post(channel, reply) {
      const poster = posters.get(channel.platform);
      if (!poster) throw new Error(`no summary poster is registered for ${channel.platform}`);
      return poster.post(channel, reply);
    },
  };
}

export interface RecordedPost {
  channel: ChannelRef;
  reply: Reply;
}

/** Keeps posts in memory: the terminal's "inbox" and the tests' witness. */
export function createMemoryPoster(): SummaryPoster & { posts: RecordedPost[] } {
  const posts: RecordedPost[] = [];
  return {
    posts,
    async post(channel, reply) {
      posts.push({ channel, reply });
      return { messageId: `memory-${posts.length}` };
    },
  };
}

/** Writes each post as text (the caller renders, e.g. with the terminal renderer). */
export function createConsolePoster(
  write: (text: string) => void,
  render: (reply: Reply) => string,
): SummaryPoster {
  return {
    async post(channel, reply) {
      write(
        `[daily summary for ${channel.platform}:${channel.workspace}:${channel.channel}]\n${render(reply)}`,
      );
    },
  };
}
