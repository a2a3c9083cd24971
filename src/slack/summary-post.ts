/** Posts the weekly summary to a channel: the text, then the spend chart as a PNG in its thread. */
import type { WebClient } from '@slack/web-api';
import type { Poster } from '../app/schedule.js';
import { weeklySummary } from '../app/summary.js';
import type { Engine } from '../engine.js';
import type { AppLogger } from '../logger.js';
import type { Store } from '../store/types.js';
import { textBlocks } from './blocks.js';

export function summaryPoster(deps: {
  client: WebClient;
  /** The engine answering now: a reloaded catalogue is used by the next summary. */
  engine: () => Engine;
  store: Store;
  logger: AppLogger;
  today: () => string;
}): Poster {
  return {
    async post(week, channel) {
      const engine = deps.engine();
      const lang = (await deps.store.settings()).summaryLang ?? 'en';
      const summary = await weeklySummary(deps.store, engine, week, deps.today(), lang);
      const text = engine.renderer.summary(summary, 'slack', lang);
      const words = engine.renderer.chartWords(lang, summary.currency, { week, from: summary.weeks[0] ?? week });
      const res = await deps.client.chat.postMessage({
        channel,
        text: words.post,
        blocks: textBlocks(text),
      });
      // The text is out: a chart failure from here on is logged, not retried (that would post the text twice).
      try {
        // vega and resvg load when a chart is drawn, not when the bot starts.
        const { spendChartPng } = await import('../render/chart.js');
        const png = await spendChartPng(summary.spendByWeek, summary.weeks, summary.currency, words);
        const where = res.ts ? { channel_id: channel, thread_ts: res.ts } : { channel_id: channel };
        await deps.client.files.uploadV2({
          ...where,
          file: png,
          filename: `procure-spend-${week}.png`,
          title: words.file,
        });
      } catch (err) {
        deps.logger.error(
          `the chart for ${week} could not be uploaded:`,
          err instanceof Error ? err.message : String(err),
        );
      }
    },
  };
}
