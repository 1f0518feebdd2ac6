import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { queueLoneComplaints } from '../routing/lone.js';

/** Complaints that waited singlePosts.complaintWait without joining a revolt get their item: every 15 s, one bounded batch. */
export function loneComplaintsJob(ctx: AppContext, everyMs = 15_000): Job {
  return { name: 'lone-complaints', everyMs, tick: () => queueLoneComplaints(ctx, ctx.clock.now()) };
}
