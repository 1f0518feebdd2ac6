/** The poll-feeds job: each tick hands the due sources to the feed poller (see src/feeds/poller.ts). */
import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { createFeedPoller, type FeedPoller } from '../feeds/poller.js';

const POLLERS = new WeakMap<AppContext, FeedPoller>();

export function feedPoller(ctx: AppContext): FeedPoller | null {
  if (!ctx.feeds) return null;
  let p = POLLERS.get(ctx);
  if (!p) {
    p = createFeedPoller(ctx, ctx.feeds);
    POLLERS.set(ctx, p);
  }
  return p;
}

/** The job, when the runtime wired an HTTP client and queue (ctx.feeds); none otherwise. */
export function pollFeedsJobs(ctx: AppContext): Job[] {
  const poller = feedPoller(ctx);
  return poller ? [{ name: 'poll-feeds', everyMs: ctx.config.polling.tick, tick: () => poller.tick() }] : [];
}

/** Waits for polls in flight (graceful shutdown). */
export async function drainFeedPolls(ctx: AppContext): Promise<void> {
  await POLLERS.get(ctx)?.drain();
}
