import type { SummaryPoster } from '../../jobs/index.js';
import type { SlackPoster } from './poster.js';

/** The daily summary into a subscribed Slack channel: chat.postMessage, paced like every other post. */
export function createSlackSummaryPoster(poster: SlackPoster): SummaryPoster {
  return {
    async post(channel, reply) {
      const { ts } = await poster.deliver({ channel: channel.channel }, { ...reply, replayed: false });
      return ts ? { messageId: ts } : {};
    },
  };
}
