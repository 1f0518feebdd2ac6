/**
 * The poll-feeds job: each tick hands the due sources to the feed poller (see src/feeds/poller.ts).
 * The poller lives as long as the job; the scheduler drains its polls in flight when it stops.
 */
import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { createFeedPoller } from '../feeds/poller.js';

/** The job, when the runtime wired an HTTP client and queue (ctx.feeds); none otherwise. */
export function pollFeedsJobs(ctx: AppContext): Job[] {
  if (!ctx.feeds) return [];
  const poller = createFeedPoller(ctx, ctx.feeds);
  return [{ name: 'poll-feeds', everyMs: ctx.config.polling.tick, tick: () => poller.tick(), drain: async () => void (await poller.drain()) }];
}
