/**
 * The pipeline in data-flow order for a batch of posts: ingest (dedupe, store) → classify (store
 * verdicts). Revolt detection runs as its own tick over stored verdicts, so a crash between stages
 * loses nothing: unclassified posts are picked up again by classifyPending.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost, Post } from '../types.js';
import { ingestPosts } from '../ingest/ingest.js';
import { countNewPosts } from '../ingest/source-counts.js';
import { classifyPosts, type Classified } from '../classify/stage.js';
import { queueFlaggedPosts } from '../routing/post.js';
import type { RecentEntry } from '../ingest/recent-texts.js';

export interface ProcessOptions {
  /** The caller already holds a transaction on ctx.db (replay batches many calls in one). */
  inTransaction?: boolean;
  /** Put flagged posts in the response queue (default); replay, which answers nobody, does not. */
  queue?: boolean;
}

/**
 * Ingest, classify and queue one batch. On SQLite and PostgreSQL storing and judging are one
 * transaction: atomic (this path never leaves a post stored but unjudged) and cheaper than a commit
 * per statement. Queueing flagged posts follows the commit, so a routing failure never costs the
 * posts themselves. D1 has no interactive transactions; there every write is idempotent instead.
 */
export async function processPosts(ctx: AppContext, posts: NormalizedPost[], opts: ProcessOptions = {}): Promise<Classified[]> {
  if (posts.length === 0) return [];
  // text originals learned here go to the recent-text memory only once committed; a caller's own
  // transaction (replay) may still roll back, so nothing is remembered then
  const learned: RecentEntry[] | undefined = ctx.recentTexts && !opts.inTransaction ? [] : undefined;
  const classified =
    opts.inTransaction || ctx.dialect === 'd1'
      ? await storeAndJudge(ctx, posts, { atomic: ctx.dialect !== 'd1', learned })
      : await ctx.db.transaction().execute((trx) => storeAndJudge({ ...ctx, db: trx }, posts, { atomic: true, learned }));
  if (learned?.length) ctx.recentTexts!.remember(learned);
  if (opts.queue !== false) await queueFlaggedPosts(ctx, classified);
  for (const c of classified) ctx.bus.publish({ topic: 'post', id: c.post.id, at: c.post.fetchedAt });
  return classified;
}

/**
 * Stores and judges posts (in the caller's transaction, when `atomic`: then each post is stored as
 * classified at once, its verdict being written in the same transaction) and adds them to their
 * sources' counts.
 */
export async function storeAndJudge(ctx: AppContext, posts: NormalizedPost[], opts: { atomic: boolean; learned?: RecentEntry[] }): Promise<Classified[]> {
  const fresh = await ingestPosts(ctx, posts, { learned: opts.learned, judgedInTransaction: opts.atomic });
  const classified = await classifyPosts(ctx, fresh, { markClassified: !opts.atomic });
  await countNewPosts(ctx, fresh); // insert-only: no lock on the sources' rows
  return classified;
}

/** A push was accepted: the source is healthy (one UPDATE per source, in a stable order). */
export async function markSourcesOk(ctx: Pick<AppContext, 'db'>, sources: string[], at: number): Promise<void> {
  for (const id of [...new Set(sources)].sort()) {
    await ctx.db.updateTable('sources').set({ status: 'ok', last_success_at: at, last_poll_at: at, failures: 0, updated_at: at }).where('id', '=', id).execute();
  }
}

/** After the commit: flagged posts into the queue, new posts onto the event bus. */
export async function afterCommit(ctx: AppContext, classified: Classified[]): Promise<void> {
  await queueFlaggedPosts(ctx, classified);
  for (const c of classified) ctx.bus.publish({ topic: 'post', id: c.post.id, at: c.post.fetchedAt });
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
