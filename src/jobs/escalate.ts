import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { escalateTick } from '../routing/escalate.js';

/** SLA timers and automatic reassignment: every 15 s (every second in the demo's fast clock), one bounded batch. */
export function escalateJob(ctx: AppContext, everyMs = 15_000): Job {
  return { name: 'escalate', everyMs, tick: () => escalateTick(ctx, ctx.clock.now()) };
}
