import type { Reply } from '../../reply/types.js';

/** The route that serves a stored chart image (src/bot/http/chart-routes.ts). */
export const chartRoute = (chartId: string) => `/api/charts/${chartId}.png`;

/**
 * The URL an API client may follow for a chart: the store's own when it is on the web (S3, a CDN),
 * otherwise our route, relative to this server. A local file's path or file:// URL never leaves.
 */
export function publicChartUrl(chart: { chartId: string; url: string }): string {
  return /^https?:\/\//i.test(chart.url) ? chart.url : chartRoute(chart.chartId);
}

/** A Reply as the HTTP API returns it: the chart by URL, without the server's file path. */
export function publicReply(reply: Reply): Reply {
  if (!reply.chart) return reply;
  const { path: _path, ...chart } = reply.chart;
  const url =
    chart.chartId !== undefined
      ? publicChartUrl({ chartId: chart.chartId, url: chart.url ?? '' })
      : chart.url !== undefined && /^https?:\/\//i.test(chart.url)
        ? chart.url
        : undefined;
  return {
    ...reply,
    chart: { alt: chart.alt, ...(chart.chartId ? { chartId: chart.chartId } : {}), ...(url ? { url } : {}) },
  };
}
