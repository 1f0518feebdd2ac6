/**
 * Reads behind "did our answer work?" (cx/answers-query.ts) and a revolt's answers on its timeline:
 * the team's own posts coming back through the feeds, the target's negative voices around an answer
 * with the brand's own accounts left out, and what the answered authors posted next.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AppContext } from '../../context.js';

type Db = Pick<AppContext, 'db'>;

/** The ways an account name is written in author ids and handles. */
function variants(accounts: string[]): string[] {
  return accounts.flatMap((a) => [a, `@${a}`, `u/${a}`]);
}

/** SQL: the post p is by one of these accounts (normalised, lower case). */
function byOwn(accounts: string[]) {
  const v = variants(accounts);
  return sql<SqlBool>`(lower(p.author_id) in (${sql.join(v)}) or (p.author_handle is not null and lower(p.author_handle) in (${sql.join(v)})))`;
}

/** A target's posts and negative posts published in [from, to), the brand's own accounts left out. */
export async function sentimentCounts(ctx: Db, q: { target: string; own: string[]; from: number; to: number }): Promise<{ posts: number; negatives: number }> {
  let query = ctx.db
    .selectFrom('classifications as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['c.sentiment'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.target_id', '=', q.target)
    .where('c.published_at', '>=', q.from)
    .where('c.published_at', '<', q.to)
    .groupBy('c.sentiment');
  if (q.own.length) query = query.where(sql<SqlBool>`not ${byOwn(q.own)}` as Expression<SqlBool>);
  let posts = 0;
  let negatives = 0;
  for (const r of await query.execute()) {
    posts += Number(r.n);
    if (r.sentiment === 'negative') negatives += Number(r.n);
  }
  return { posts, negatives };
}

/** The team's own posts seen through the feeds: by a brand account, or the very post a reply created (by URL or id). */
export async function ownPostsBack(ctx: Db, q: { target: string; own: string[]; from: number; to: number; remoteUrls: string[]; remoteIds: string[] }): Promise<{ id: string; at: number; source: string }[]> {
  if (!q.own.length && !q.remoteUrls.length && !q.remoteIds.length) return [];
  const rows = await ctx.db
    .selectFrom('posts as p')
    .select(['p.id', 'p.published_at', 'p.source_id'])
    .where('p.target_id', '=', q.target)
    .where('p.published_at', '>=', q.from)
    .where('p.published_at', '<=', q.to)
    .where((eb) => eb.or([...(q.own.length ? [byOwn(q.own) as Expression<SqlBool>] : []), ...(q.remoteUrls.length ? [eb('p.url', 'in', q.remoteUrls)] : []), ...(q.remoteIds.length ? [eb('p.external_id', 'in', q.remoteIds)] : [])]))
    .orderBy('p.published_at')
    .limit(50)
    .execute();
  return rows.map((b) => ({ id: b.id, at: Number(b.published_at), source: b.source_id }));
}

/** The author of each of these posts. */
export async function authorsOfPosts(ctx: Db, postIds: string[]): Promise<Map<string, string>> {
  if (!postIds.length) return new Map();
  const rows = await ctx.db.selectFrom('posts').select(['id', 'author_id']).where('id', 'in', postIds).execute();
  return new Map(rows.map((a) => [a.id, a.author_id]));
}

/** What these authors posted about a target after `since`, with its sentiment (null when not classified). */
export async function laterPostsOfAuthors(ctx: Db, q: { target: string; authors: string[]; since: number; limit: number }) {
  if (!q.authors.length) return [];
  return ctx.db
    .selectFrom('posts as p')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select(['p.author_id', 'p.published_at', 'c.sentiment'])
    .where('p.target_id', '=', q.target)
    .where('p.author_id', 'in', q.authors)
    .where('p.published_at', '>', q.since)
    .limit(q.limit)
    .execute();
}
