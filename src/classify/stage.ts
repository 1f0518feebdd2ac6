/**
 * The classification stage: judge each new post and store the verdict. One post that makes the
 * classifier throw is stored as neutral with the error in its explanation; it never sinks the batch.
 */
import type { AppContext } from '../context.js';
import type { Post, Verdict } from '../types.js';

export interface Classified {
  post: Post;
  verdict: Verdict;
}

export function classifyOne(ctx: Pick<AppContext, 'classifier' | 'log'>, post: Post): Verdict {
  try {
    return ctx.classifier().classify(post.text, post.lang);
  } catch (err) {
    ctx.log.warn('classifier failed on a post', { postId: post.id, error: (err as Error).message });
    return {
      lang: post.lang ?? 'und',
      sentiment: { label: 'neutral', score: 0, confidence: 0 },
      complaint: { is: false, score: 0 },
      topics: [],
      escalation: [],
      explain: { error: (err as Error).message },
    };
  }
}

/** `markClassified: false` when the posts were stored as classified in the transaction that writes these verdicts. */
export async function classifyPosts(ctx: Pick<AppContext, 'db' | 'clock' | 'classifier' | 'log'>, posts: Post[], opts: { markClassified?: boolean } = {}): Promise<Classified[]> {
  if (posts.length === 0) return [];
  const now = ctx.clock.now();
  const version = ctx.classifier().version;
  const out: Classified[] = posts.map((post) => ({ post, verdict: classifyOne(ctx, post) }));
  const rows = out.map(({ post, verdict }) => ({
    post_id: post.id,
    target_id: post.target,
    sentiment: verdict.sentiment.label,
    sentiment_score: verdict.sentiment.score,
    complaint: verdict.complaint.is ? 1 : 0,
    complaint_score: verdict.complaint.score,
    topics: JSON.stringify(verdict.topics),
    escalation: JSON.stringify(verdict.escalation),
    explain: verdict.explain ? JSON.stringify(verdict.explain) : null,
    lang: verdict.lang,
    model_version: version,
    published_at: post.publishedAt,
    classified_at: now,
  }));
  for (let i = 0; i < rows.length; i += 100) {
    await ctx.db
      .insertInto('classifications')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.column('post_id').doNothing())
      .execute();
  }
  if (opts.markClassified === false) return out;
  const ids = posts.map((p) => p.id);
  for (let i = 0; i < ids.length; i += 500) {
    await ctx.db.updateTable('posts').set({ classified: 1 }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
  return out;
}
