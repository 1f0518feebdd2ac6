/**
 * The pipeline in data-flow order for a batch of posts: ingest (dedupe, store) → classify (store
 * verdicts). Revolt detection runs as its own tick over stored verdicts, so a crash between stages
 * loses nothing: unclassified posts are picked up again by classifyPending.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost, Post } from '../types.js';
import { ingestPosts } from '../ingest/ingest.js';
import { classifyPosts, type Classified } from '../classify/stage.js';
import { queueFlaggedPosts } from '../routing/post.js';

export async function processPosts(ctx: AppContext, posts: NormalizedPost[]): Promise<Classified[]> {
  const fresh = await ingestPosts(ctx, posts);
  const classified = await classifyPosts(ctx, fresh);
  await queueFlaggedPosts(ctx, classified);
  for (const c of classified) ctx.bus.publish({ topic: 'post', id: c.post.id, at: c.post.fetchedAt });
  return classified;
}

/** Classify posts stored but not yet judged (after a crash, or a classifier outage). One bounded batch. */
export async function classifyPending(ctx: AppContext, limit = 500): Promise<number> {
  const rows = await ctx.db.selectFrom('posts').selectAll().where('classified', '=', 0).orderBy('fetched_at').limit(limit).execute();
  const posts: Post[] = rows.map((r) => ({
    id: r.id,
    source: r.source_id,
    target: r.target_id,
    externalId: r.external_id,
    url: r.url,
    author: { id: r.author_id, name: r.author_name, handle: r.author_handle, followers: r.author_followers },
    text: r.text,
    lang: r.lang,
    publishedAt: r.published_at,
    fetchedAt: r.fetched_at,
    metrics: r.metrics ? JSON.parse(r.metrics) : null,
  }));
  await queueFlaggedPosts(ctx, await classifyPosts(ctx, posts));
  return posts.length;
}
