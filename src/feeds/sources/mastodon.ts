/** Mastodon: a hashtag timeline, an account's statuses, or status search, with a min_id cursor. */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson, type RateLimitState } from '../http.js';
import { htmlToText } from '../../ingest/html.js';
import { getPage, idGreater, maxPagesKey, num, str, toMs, urlKey, validators, hostOf } from './common.js';

const schema = z
  .object({
    instance: urlKey,
    tag: z.string().regex(/^[^\s#/?]+$/, 'expected a hashtag without "#"').optional(),
    account: z.string().regex(/^\d+$/, 'expected a numeric account id (GET /api/v1/accounts/lookup?acct=name)').optional(),
    query: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(40).default(40),
    maxPages: maxPagesKey,
  })
  .strict()
  .refine((c) => [c.tag, c.account, c.query].filter(Boolean).length === 1, { message: 'expected exactly one of tag, account or query' })
  .refine((c) => !c.query || c.accessToken, { message: 'search (query) needs accessToken: most instances refuse unauthenticated status search' });

type Config = z.output<typeof schema>;
type Status = Record<string, unknown>;

export function statusToPost(s: Status, source: { id: string; target: string }, now: number): NormalizedPost {
  const inner = (s.reblog && typeof s.reblog === 'object' ? s.reblog : s) as Status;
  const acct = (inner.account ?? {}) as Record<string, unknown>;
  const cw = str(inner.spoiler_text);
  const body = htmlToText(str(inner.content) ?? '');
  const t = toMs(inner.created_at);
  return {
    source: source.id,
    target: source.target,
    externalId: String(s.id),
    url: str(inner.url) ?? str(inner.uri),
    author: { id: str(acct.url) ?? str(acct.acct) ?? String(acct.id ?? 'unknown'), name: str(acct.display_name) ?? str(acct.username), handle: str(acct.acct) ? `@${acct.acct}` : null, followers: num(acct.followers_count) ?? null },
    text: cw ? `${cw}\n\n${body}` : body,
    lang: str(inner.language),
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: { likes: num(inner.favourites_count), reposts: num(inner.reblogs_count), replies: num(inner.replies_count) },
  };
}

function endpoint(c: Config): URL {
  const base = c.instance.replace(/\/+$/, '');
  const u = c.tag
    ? new URL(`${base}/api/v1/timelines/tag/${encodeURIComponent(c.tag)}`)
    : c.account
      ? new URL(`${base}/api/v1/accounts/${c.account}/statuses`)
      : new URL(`${base}/api/v2/search?type=statuses&resolve=false&q=${encodeURIComponent(c.query!)}`);
  u.searchParams.set('limit', String(c.limit));
  return u;
}

export const mastodon = defineSource({
  summary: 'Mastodon hashtag timeline, account statuses or status search',
  hosts: (c) => [hostOf(c.instance)],
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const c = ctx.config;
    const since = typeof ctx.state.cursor === 'string' ? ctx.state.cursor : null;
    const headers: Record<string, string> = c.accessToken ? { authorization: `Bearer ${c.accessToken}` } : {};
    const posts: NormalizedPost[] = [];
    let maxId = since;
    let pages = 0;
    let first: ReturnType<typeof validators> | null = null;
    let rateLimit: RateLimitState | null = null;
    let minId = since; // incremental: walk forward from the cursor
    let olderThan: string | null = null; // first poll: walk back from the newest
    while (pages < c.maxPages) {
      const u = endpoint(c);
      if (minId) u.searchParams.set('min_id', minId);
      if (olderThan) u.searchParams.set('max_id', olderThan);
      const page = await getPage(ctx, u.toString(), { headers, conditional: pages === 0, what: `Mastodon ${u.host}` });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (pages === 0) first = validators(page.res);
      pages++;
      const doc = parseJson(page.res, `Mastodon ${u.host}`);
      const list = c.query ? (doc as { statuses?: unknown }).statuses : doc;
      if (!Array.isArray(list)) throw new FetchError('parse', `Mastodon ${u.host}: expected an array of statuses`);
      let pageMax: string | null = null;
      let pageMin: string | null = null;
      for (const s of list as Status[]) {
        if (!s || typeof s !== 'object' || s.id === undefined) continue;
        const id = String(s.id);
        posts.push(statusToPost(s, ctx.source, ctx.now));
        if (!pageMax || idGreater(id, pageMax)) pageMax = id;
        if (!pageMin || idGreater(pageMin, id)) pageMin = id;
        if (!maxId || idGreater(id, maxId)) maxId = id;
      }
      if (list.length < c.limit || !pageMax) break;
      if (since) minId = pageMax;
      else olderThan = pageMin;
    }
    return { posts, cursor: maxId, ...(first ?? {}), rateLimit, pages };
  },
});
