/** The team's label corrections (label_feedback), for the post page. */
import type { AppContext } from '../../context.js';
import type { LabelFeedbackTable } from '../schema.js';

/** A post's corrections, newest first. */
export async function labelsOfPost(ctx: Pick<AppContext, 'db'>, postId: string, limit = 50): Promise<LabelFeedbackTable[]> {
  return ctx.db.selectFrom('label_feedback').selectAll().where('post_id', '=', postId).orderBy('at', 'desc').limit(limit).execute();
}
