/**
 * The service's background jobs: each a bounded tick over stored state, safe to re-run.
 * Add a job here (one line) and the Node entry schedules it; the Workers entry maps them to Cron Triggers.
 */
import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { classifyPending } from '../pipeline/process.js';
import { shardedDetectJob } from './detect-shards.js';
import { retentionTick } from './retention.js';
import { foldSourceCounts } from '../ingest/source-counts.js';
import { deliverJob } from './deliver.js';
import { escalateJob } from './escalate.js';
import { pollFeedsJobs } from './poll-feeds.js';
import { loneComplaintsJob } from './lone-complaints.js';
import { publishRepliesJob } from './publish-replies.js';
import { weeklyReportTick } from '../cx/report-digest.js';

/** How often detection runs (the demo's accelerated clock ticks it every second). */
export function detectEvery(ctx: AppContext, opts: { fast?: boolean } = {}): number {
  return opts.fast ? 1_000 : ctx.config.cluster.detectEvery;
}

/**
 * `detect`: a job that runs detection elsewhere (Node: the detection thread, src/entry/detect-thread.ts)
 * instead of on this event loop.
 */
export function serviceJobs(ctx: AppContext, opts: { fast?: boolean; releaseLeases?: boolean; detect?: Job } = {}): Job[] {
  return [
    { name: 'classify-pending', everyMs: 5_000, tick: () => classifyPending(ctx) },
    { name: 'fold-source-counts', everyMs: 1_000, tick: () => foldSourceCounts(ctx) },
    // sharded by target over the instances, a lease per shard (issue 15)
    opts.detect ?? shardedDetectJob(ctx, detectEvery(ctx, opts), { releaseAfterTick: opts.releaseLeases, ttlMs: ctx.config.cluster.leaseTtl }),
    deliverJob(ctx),
    publishRepliesJob(ctx),
    escalateJob(ctx, opts.fast ? 1_000 : 15_000),
    loneComplaintsJob(ctx, opts.fast ? 1_000 : 15_000),
    ...pollFeedsJobs(ctx),
    { name: 'retention', everyMs: 60_000, tick: () => retentionTick(ctx) },
    { name: 'cx-weekly-report', everyMs: opts.fast ? 5_000 : 600_000, tick: () => weeklyReportTick(ctx) },
  ];
}
