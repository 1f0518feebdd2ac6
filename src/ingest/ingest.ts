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
      text_hash: repostKey(p.text),
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
  if (inserted.length) await linkDuplicates(ctx, inserted, rows);
  return inserted;
}

/** Repost key: the text without a leading "RT @x:", links, mentions and punctuation; null when too short to be telling. */
export const MIN_REPOST_CHARS = 40;
export function repostKey(text: string): string | null {
  const t = text
    .toLowerCase()
    .replace(/^\s*(rt|repost(ed)?|via|reblog(ged)?)\b[\s:]*(@[\w.@-]+)?[\s:]*/u, '')
    .replace(/https?:\/\/\S+/gu, ' ')
    .replace(/(^|\s)@[\w.@-]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return t.length >= MIN_REPOST_CHARS ? 't_' + stableId(t) : null;
}

/**
 * The same post seen through another source (same URL, or a repost of the same text) is linked to
 * the one stored first (duplicate_of), so it is not counted twice toward a revolt. Only new posts
 * are linked, and only to posts stored before them, so links never form cycles.
 */
async function linkDuplicates(ctx: Pick<AppContext, 'db' | 'dialect'>, fresh: Post[], rows: { id: string; url: string | null; text_hash: string | null }[]): Promise<void> {
  const byId = new Map(fresh.map((p) => [p.id, p]));
  const keyed = rows.filter((r) => byId.has(r.id) && (r.url || r.text_hash));
  const size = LINK_LOOKUP_CHUNK[ctx.dialect];
  for (let i = 0; i < keyed.length; i += size) {
    const chunk = keyed.slice(i, i + size);
    const post = (id: string) => byId.get(id)!;
    const targets = [...new Set(chunk.map((r) => post(r.id).target))];
    const urls = [...new Set(chunk.map((r) => r.url).filter((u): u is string => Boolean(u)))];
    const hashes = [...new Set(chunk.map((r) => r.text_hash).filter((h): h is string => Boolean(h)))];
    const candidates = await ctx.db
      .selectFrom('posts')
      .select(['id', 'source_id', 'target_id', 'url', 'text_hash', 'fetched_at'])
      .where('target_id', 'in', targets)
      .where('duplicate_of', 'is', null)
      .where((eb) => {
        const ors = [];
        if (urls.length) ors.push(eb('url', 'in', urls));
        if (hashes.length) ors.push(eb('text_hash', 'in', hashes));
        return eb.or(ors);
      })
      .orderBy('fetched_at')
      .orderBy('id')
      .execute();
    // candidates by url and by text hash, in stored order (the first match is the original)
    type Cand = (typeof candidates)[number];
    const byUrl = new Map<string, Cand[]>();
    const byHash = new Map<string, Cand[]>();
    for (const c of candidates) {
      if (byId.has(c.id)) continue;
      if (c.url) (byUrl.get(c.url) ?? byUrl.set(c.url, []).get(c.url)!).push(c);
      if (c.text_hash) (byHash.get(c.text_hash) ?? byHash.set(c.text_hash, []).get(c.text_hash)!).push(c);
    }
    const order = new Map(candidates.map((c, k) => [c.id, k]));
    const links = new Map<string, string[]>(); // original id → duplicates
    for (const r of chunk) {
      const p = post(r.id);
      const ok = (c: Cand) => c.target_id === p.target && c.source_id !== p.source;
      const a = r.url ? byUrl.get(r.url)?.find(ok) : undefined;
      const b = r.text_hash ? byHash.get(r.text_hash)?.find(ok) : undefined;
      const original = a && b ? (order.get(a.id)! <= order.get(b.id)! ? a : b) : (a ?? b);
      if (!original) continue;
      (links.get(original.id) ?? links.set(original.id, []).get(original.id)!).push(p.id);
      p.duplicateOf = original.id;
    }
    for (const [original, ids] of links) {
      for (let j = 0; j < ids.length; j += size) await ctx.db.updateTable('posts').set({ duplicate_of: original }).where('id', 'in', ids.slice(j, j + size)).execute();
    }
  }
}

// Each lookup binds up to two parameters per post plus the targets: keep D1 under its 100.
const LINK_LOOKUP_CHUNK: Record<AppContext['dialect'], number> = { sqlite: 200, postgres: 200, d1: 40 };
