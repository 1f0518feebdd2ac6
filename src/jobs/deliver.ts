import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { deliverDue } from '../notify/deliver.js';
import { TokenBucketLimiter } from '../notify/limiter.js';

/** The outbox worker: every second, one bounded batch; the rate limiter lives as long as the job. */
export function deliverJob(ctx: AppContext): Job {
  const limiter = new TokenBucketLimiter();
  return { name: 'deliver', everyMs: 1_000, tick: () => deliverDue(ctx, { limiter }) };
}
