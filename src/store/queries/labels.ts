/** The team's label corrections (label_feedback), for the post page. */
import type { AppContext } from '../../context.js';
import type { LabelFeedbackTable } from '../schema.js';

/** A post's corrections, newest first. */
export async function labelsOfPost(ctx: Pick<AppContext, 'db'>, postId: string, limit = 50): Promise<LabelFeedbackTable[]> {
  return ctx.db.selectFrom('label_feedback').selectAll().where('post_id', '=', postId).orderBy('at', 'desc').limit(limit).execute();
}

/** Stores one correction (the post's text and language are copied: training reads them without the post). */
export async function addLabel(ctx: Pick<AppContext, 'db'>, row: LabelFeedbackTable): Promise<void> {
  await ctx.db.insertInto('label_feedback').values(row).execute();
}
