/**
 * Stores posts idempotently: insert-or-ignore on (source, external id), so re-reading a feed after
 * a crash or seeing the same item twice never counts it twice. Returns only the posts that are new.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost, Post } from '../types.js';
import { stableId } from '../util/ids.js';
import { normalizePost } from './normalize.js';
import { LINK_WINDOW_MS, type RecentEntry } from './recent-texts.js';

// D1 binds at most 100 parameters a statement; SQLite and PostgreSQL take far more.
const ROWS_PER_INSERT: Record<AppContext['dialect'], number> = { sqlite: 200, postgres: 500, d1: 5 };

export function postId(source: string, externalId: string): string {
  return 'p_' + stableId(`${source}\u0000${externalId}`);
}

/** The stored id of a post as pushed or fetched (before normalisation: the same id ingestPosts gives it). */
export function rawPostId(p: Pick<NormalizedPost, 'source' | 'externalId'>): string {
  return postId(p.source, String(p.externalId).slice(0, 512));
}

export interface IngestOptions {
  /** Receives the text originals this call found or stored, for the caller to hand to ctx.recentTexts once committed (processPosts does). */
  learned?: RecentEntry[];
  /** The verdicts are written in the same transaction: store the posts as classified already (no second write of each row). */
  judgedInTransaction?: boolean;
}

export async function ingestPosts(ctx: Pick<AppContext, 'db' | 'clock' | 'dialect' | 'recentTexts'>, input: NormalizedPost[], opts: IngestOptions = {}): Promise<Post[]> {
  const learned = opts.learned;
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
      classified: opts.judgedInTransaction ? 1 : 0,
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
  if (inserted.length) await linkDuplicates(ctx, inserted, rows, now, learned);
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
 * A post seen again is linked to the one stored first (duplicate_of), so it is neither counted twice
 * toward a revolt nor queued twice: the same URL through another source, or the same text (a
 * repost, a retweet storm) through any source, this one included. Only new posts are linked, and
 * only to originals stored before them (or earlier in the same call), so links never form cycles.
 *
 * The cost per post does not grow with what is stored: a text's original comes from the bounded
 * recent-text memory (ctx.recentTexts) when it is there, otherwise from the database, where only
 * originals (duplicate_of IS NULL, a partial index) fetched within LINK_WINDOW_MS are read. Once
 * same-source copies are linked there is about one original per text, however many copies.
 */
async function linkDuplicates(ctx: Pick<AppContext, 'db' | 'dialect' | 'recentTexts'>, fresh: Post[], rows: { id: string; url: string | null; text_hash: string | null }[], now: number, learned?: RecentEntry[]): Promise<void> {
  const byId = new Map(fresh.map((p) => [p.id, p]));
  const keyed = rows.filter((r) => byId.has(r.id) && (r.url || r.text_hash));
  const size = LINK_LOOKUP_CHUNK[ctx.dialect];
  const since = now - LINK_WINDOW_MS;
  const recent = ctx.recentTexts;
  type Orig = { id: string; at: number };
  const earlier = (a: Orig | undefined, b: Orig | undefined) => (!a ? b : !b ? a : a.at < b.at || (a.at === b.at && a.id <= b.id) ? a : b);
  const inCall = new Map<string, Orig>(); // target + hash → the first post of this call with that text
  for (let i = 0; i < keyed.length; i += size) {
    const chunk = keyed.slice(i, i + size);
    const post = (id: string) => byId.get(id)!;
    const targets = [...new Set(chunk.map((r) => post(r.id).target))];
    const urls = [...new Set(chunk.map((r) => r.url).filter((u): u is string => Boolean(u)))];
    const cached = new Map<string, Orig>();
    const missed = new Set<string>();
    for (const r of chunk) {
      if (!r.text_hash) continue;
      const k = textKey(post(r.id).target, r.text_hash);
      if (cached.has(k) || inCall.has(k)) continue;
      const hit = recent?.get(post(r.id).target, r.text_hash, now);
      if (hit) cached.set(k, hit);
      else missed.add(r.text_hash);
    }
    const base = () => ctx.db.selectFrom('posts').select(['id', 'source_id', 'target_id', 'url', 'text_hash', 'fetched_at']).where('target_id', 'in', targets).where('duplicate_of', 'is', null).where('fetched_at', '>=', since);
    const byUrl = urls.length ? await base().where('url', 'in', urls).orderBy('fetched_at').orderBy('id').execute() : [];
    const byHash = missed.size ? await base().where('text_hash', 'in', [...missed]).orderBy('fetched_at').orderBy('id').execute() : [];
    const urlOrig = new Map<string, typeof byUrl>();
    for (const c of byUrl) if (!byId.has(c.id)) (urlOrig.get(c.url!) ?? urlOrig.set(c.url!, []).get(c.url!)!).push(c);
    for (const c of byHash) {
      const k = textKey(c.target_id, c.text_hash!);
      if (byId.has(c.id) || cached.has(k)) continue;
      cached.set(k, { id: c.id, at: Number(c.fetched_at) }); // ordered: the first is the original
      learned?.push({ target: c.target_id, hash: c.text_hash!, id: c.id, at: Number(c.fetched_at) });
    }
    const links = new Map<string, string[]>(); // original id → duplicates
    for (const r of chunk) {
      const p = post(r.id);
      const u = r.url ? urlOrig.get(r.url)?.find((c) => c.target_id === p.target && c.source_id !== p.source) : undefined;
      const k = r.text_hash ? textKey(p.target, r.text_hash) : null;
      const t = k ? (cached.get(k) ?? inCall.get(k)) : undefined;
      const original = earlier(u ? { id: u.id, at: Number(u.fetched_at) } : undefined, t);
      if (!original) {
        if (k) {
          inCall.set(k, { id: p.id, at: now });
          learned?.push({ target: p.target, hash: r.text_hash!, id: p.id, at: now });
        }
        continue;
      }
      (links.get(original.id) ?? links.set(original.id, []).get(original.id)!).push(p.id);
      p.duplicateOf = original.id;
    }
    for (const [original, ids] of links) {
      for (let j = 0; j < ids.length; j += size) await ctx.db.updateTable('posts').set({ duplicate_of: original }).where('id', 'in', ids.slice(j, j + size)).execute();
    }
  }
}

function textKey(target: string, hash: string): string {
  return `${target}\u0000${hash}`;
}

// Each lookup binds up to one parameter per post plus the targets: keep D1 under its 100.
const LINK_LOOKUP_CHUNK: Record<AppContext['dialect'], number> = { sqlite: 200, postgres: 200, d1: 40 };
