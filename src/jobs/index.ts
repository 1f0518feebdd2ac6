/**
 * The service's background jobs: each a bounded tick over stored state, safe to re-run.
 * Add a job here (one line) and the Node entry schedules it; the Workers entry maps them to Cron Triggers.
 */
import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { classifyPending } from '../pipeline/process.js';
import { detectRevolts } from '../revolts/detect.js';

export function serviceJobs(ctx: AppContext, opts: { fast?: boolean } = {}): Job[] {
  return [
    { name: 'classify-pending', everyMs: 5_000, tick: () => classifyPending(ctx) },
    { name: 'detect-revolts', everyMs: opts.fast ? 1_000 : 30_000, tick: () => detectRevolts(ctx, ctx.clock.now()) },
  ];
}
