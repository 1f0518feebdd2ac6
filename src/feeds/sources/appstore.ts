/** Apple App Store customer reviews: the public JSON feed per app and country, pages 1-10, newest first. */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson, type RateLimitState } from '../http.js';
import { getPage, idGreater, num, str, toMs, urlKey, validators, hostOf } from './common.js';

const schema = z
  .object({
    appId: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String),
    country: z.string().regex(/^[a-z]{2}$/, 'expected a two-letter country code in lower case, e.g. "us"').default('us'),
    lang: z.string().min(2).max(8).optional(),
    maxPages: z.number().int().min(1).max(10).default(10),
    base: urlKey.default('https://itunes.apple.com'),
  })
  .strict();

type Config = z.output<typeof schema>;
/** latest: the newest review time seen; lastId: the highest review id seen (ids grow with time). */
type Cursor = { latest?: number; lastId?: string } | null;
type Label = { label?: string; attributes?: Record<string, string> } | undefined;
const label = (v: unknown) => str((v as Label)?.label);

/**
 * `now` dates a review that carries no `updated` (the Japanese storefront's JSON, among others):
 * the poll passes the fetch time minus the review's position, so a page keeps its newest-first
 * order, and a review is dated once: later polls find it known by its id and store nothing.
 */
export function reviewToPost(e: Record<string, unknown>, source: { id: string; target: string }, lang: string | null, now: number): NormalizedPost | null {
  const rating = num(label(e['im:rating']));
  if (rating === undefined) return null; // the first entry of the old format describes the app itself
  const author = (e.author ?? {}) as Record<string, unknown>;
  const title = label(e.title) ?? '';
  const body = label(e.content) ?? '';
  const t = toMs(label(e.updated));
  const link = (e.link as Label)?.attributes?.href ?? null;
  return {
    source: source.id,
    target: source.target,
    externalId: label(e.id) ?? `${label(author.name)}:${label(e.updated)}`,
    url: link,
    author: { id: label(author.uri) ?? label(author.name) ?? 'unknown', name: label(author.name), handle: null },
    text: title && body ? `${title}\n\n${body}` : title || body,
    lang,
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: { likes: num(label(e['im:voteSum'])) },
    raw: { rating, version: label(e['im:version']) ?? null },
  };
}

export const appstore = defineSource({
  summary: 'App Store customer reviews for one app in one country',
  hosts: (c) => [hostOf(c.base)],
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const c = ctx.config;
    const cursor = (ctx.state.cursor ?? null) as Cursor;
    const posts: NormalizedPost[] = [];
    let latest = cursor?.latest ?? 0;
    let lastId = cursor?.lastId ?? null;
    let first: ReturnType<typeof validators> | null = null;
    let rateLimit: RateLimitState | null = null;
    let pages = 0;
    for (let n = 1; n <= c.maxPages; n++) {
      const url = `${c.base.replace(/\/+$/, '')}/${c.country}/rss/customerreviews/page=${n}/id=${c.appId}/sortby=mostrecent/json`;
      const page = await getPage(ctx, url, { conditional: n === 1, what: 'App Store' });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (n === 1) first = validators(page.res);
      pages++;
      const doc = parseJson(page.res, 'App Store') as { feed?: { entry?: unknown } };
      if (!doc?.feed || typeof doc.feed !== 'object') throw new FetchError('parse', 'App Store: expected {"feed": {...}}');
      const raw = doc.feed.entry;
      const entries = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []; // one review comes as an object
      let reachedKnown = false;
      let reviews = 0;
      for (const e of entries as Record<string, unknown>[]) {
        // position across pages: an undated review is dated fetch time minus its position (in ms)
        const p = reviewToPost(e, ctx.source, c.lang ?? null, ctx.now - posts.length);
        if (!p) continue;
        reviews++;
        const id = label(e.id);
        const numericId = id !== null && /^\d+$/.test(id) ? id : null;
        // known by id when the review has one (every variant does); by time otherwise
        if (numericId && cursor?.lastId ? !idGreater(numericId, cursor.lastId) : Boolean(cursor?.latest && p.publishedAt <= cursor.latest)) reachedKnown = true;
        if (numericId && (!lastId || idGreater(numericId, lastId))) lastId = numericId;
        latest = Math.max(latest, Math.min(p.publishedAt, ctx.now));
        posts.push(p);
      }
      if (reviews === 0 || reachedKnown) break;
    }
    return { posts, cursor: { latest, ...(lastId ? { lastId } : {}) }, ...(first ?? {}), rateLimit, pages };
  },
});
