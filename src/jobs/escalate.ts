import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { escalateTick } from '../routing/escalate.js';

/** SLA timers and automatic reassignment: every 15 s, one bounded batch. */
export function escalateJob(ctx: AppContext): Job {
  return { name: 'escalate', everyMs: 15_000, tick: () => escalateTick(ctx, ctx.clock.now()) };
}
