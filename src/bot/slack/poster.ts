import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { renderSlack, type SlackMessage } from '../render/slack.js';
import type { Reply } from '../types.js';
import type { SlackTarget } from './inbound.js';
import type { Pacer } from './pacer.js';

export interface SlackPoster {
  /** Renders and posts a Reply; a replayed answer (a retried delivery) is not posted again. Returns the message ts when Slack gave one. */
  deliver(target: SlackTarget, reply: Reply): Promise<{ ts?: string }>;
}

export interface SlackPosterDeps {
  client: webApi.WebClient;
  pacer: Pacer;
  logger: Logger;
  /** For response_url posts; the WebClient (which honours 429 Retry-After itself) posts the rest. */
  fetch?: typeof fetch;
  /** Waits for an evaluation's chart still drawing; undefined when it failed. */
  chartFor?: (evaluationId: string) => Promise<{ path?: string | undefined; alt: string } | undefined>;
}

const MAX_ATTEMPTS = 3;

export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  const doFetch = deps.fetch ?? fetch;

  async function toResponseUrl(url: string, message: SlackMessage): Promise<void> {
    const body = JSON.stringify({
      response_type: 'in_channel',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      // A reused keep-alive connection can be reset under load (ECONNRESET): that, like a 429, is worth another try.
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).catch((error: unknown) => {
        if (attempt === MAX_ATTEMPTS) throw error;
        return undefined;
      });
      if (res?.ok) return;
      if (res && (res.status !== 429 || attempt === MAX_ATTEMPTS))
        throw new Error(`response_url answered ${res.status}`);
      const retryAfter = Number(res?.headers.get('retry-after'));
      await new Promise((resolve) =>
        setTimeout(resolve, (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000),
      );
    }
  }

  return {
    async deliver(target, reply) {
      if (reply.replayed) return {};
      const message = renderSlack(reply, { canUpload: true });
      const ts = await deps.pacer.run(target.channel, async () => {
        if (target.responseUrl) return toResponseUrl(target.responseUrl, message);
        const posted = await deps.client.chat.postMessage({
          channel: target.channel,
          ...(target.thread ? { thread_ts: target.thread } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        return posted.ts;
      });
      const result = ts ? { ts } : {};
      if (message.followUp && deps.chartFor) {
        // Not awaited: the answer's slot is free while the chart draws; the upload lands after the report.
        attachWhenDrawn(target, message.followUp.evaluationId, deps.chartFor).catch((error: unknown) =>
          deps.logger.warn({ err: error, channel: target.channel }, 'slack late chart failed'),
        );
      }
      if (message.upload) await attach(target, message.upload.path, message.upload.alt);
      return result;
    },
  };

  async function attachWhenDrawn(
    target: SlackTarget,
    evaluationId: string,
    chartFor: NonNullable<SlackPosterDeps['chartFor']>,
  ): Promise<void> {
    const chart = await chartFor(evaluationId);
    if (chart?.path) return attach(target, chart.path, chart.alt.slice(0, 2_000));
    await deps.pacer.run<unknown>(target.channel, () =>
      deps.client.chat.postMessage({
        channel: target.channel,
        ...(target.thread ? { thread_ts: target.thread } : {}),
        text: 'The chart could not be drawn this time; the report above stands.',
      }),
    );
  }

  async function attach(target: SlackTarget, path: string, alt: string): Promise<void> {
    try {
      const file = { channel_id: target.channel, file: path, filename: 'chart.png', alt_text: alt };
      await deps.pacer.run(target.channel, () =>
        deps.client.files.uploadV2(target.thread ? { ...file, thread_ts: target.thread } : file),
      );
    } catch (error) {
      // Usually not_in_channel after a slash command: the report is already posted, so say why the chart is missing.
      deps.logger.warn({ err: error, channel: target.channel }, 'slack chart upload failed');
      const note = {
        text: 'The chart could not be attached here: invite the app to this channel to see charts.',
      };
      await deps.pacer
        .run<unknown>(target.channel, () =>
          target.responseUrl
            ? doFetch(target.responseUrl, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...note }),
              })
            : deps.client.chat.postMessage({
                channel: target.channel,
                ...(target.thread ? { thread_ts: target.thread } : {}),
                ...note,
              }),
        )
        .catch((e: unknown) => deps.logger.warn({ err: e }, 'slack chart note failed'));
    }
  }
}
