/**
 * Stores posts idempotently: insert-or-ignore on (source, external id), so re-reading a feed after
 * a crash or seeing the same item twice never counts it twice. Returns only the posts that are new.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost, Post } from '../types.js';
import { stableId } from '../util/ids.js';
import { normalizePost } from './normalize.js';

// D1 binds at most 100 parameters a statement; SQLite and PostgreSQL take far more.
const ROWS_PER_INSERT: Record<AppContext['dialect'], number> = { sqlite: 200, postgres: 500, d1: 5 };

export function postId(source: string, externalId: string): string {
  return 'p_' + stableId(`${source}\u0000${externalId}`);
}

export async function ingestPosts(ctx: Pick<AppContext, 'db' | 'clock' | 'dialect'>, input: NormalizedPost[]): Promise<Post[]> {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  const rows = [];
  const byId = new Map<string, Post>();
  for (const raw of input) {
    const p = normalizePost(raw, now);
    if (!p.text) continue;
    const id = postId(p.source, p.externalId);
    if (seen.has(id)) continue;
    seen.add(id);
    byId.set(id, { ...p, id, fetchedAt: now });
    rows.push({
      id,
      source_id: p.source,
      target_id: p.target,
      external_id: p.externalId,
      url: p.url ?? null,
      author_id: p.author.id,
      author_name: p.author.name ?? null,
      author_handle: p.author.handle ?? null,
      author_followers: p.author.followers ?? null,
      text: p.text,
      lang: p.lang ?? null,
      published_at: p.publishedAt,
      fetched_at: now,
      metrics: p.metrics ? JSON.stringify(p.metrics) : null,
      raw: p.raw === undefined ? null : JSON.stringify(p.raw),
      duplicate_of: null,
      classified: 0,
    });
  }
  const inserted: Post[] = [];
  const size = ROWS_PER_INSERT[ctx.dialect];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const res = await ctx.db
      .insertInto('posts')
      .values(chunk)
      .onConflict((oc) => oc.columns(['source_id', 'external_id']).doNothing())
      .returning('id')
      .execute();
    for (const r of res) inserted.push(byId.get(r.id)!);
  }
  return inserted;
}
