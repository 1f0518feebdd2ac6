import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { publishDue } from '../replies/publish.js';

/** The reply worker: every second, one bounded batch. */
export function publishRepliesJob(ctx: AppContext): Job {
  return { name: 'publish-replies', everyMs: 1_000, tick: () => publishDue(ctx) };
}
