/**
 * Reddit: a subreddit's new.json or search.json, newest first, paged back with `after` until known
 * posts. OAuth client credentials when configured (oauth.reddit.com), else the public JSON.
 */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson, statusError, type RateLimitState } from '../http.js';
import { getPage, maxPagesKey, num, str, toMs, urlKey, validators, hostOf } from './common.js';

const schema = z
  .object({
    subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'expected a subreddit name without "r/"').optional(),
    query: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    // the account replies are published as (a "script" app's owner: the password grant)
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    base: urlKey.default('https://www.reddit.com'),
    oauthBase: urlKey.default('https://oauth.reddit.com'),
    tokenUrl: urlKey.default('https://www.reddit.com/api/v1/access_token'),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages: maxPagesKey,
  })
  .strict()
  .refine((c) => c.subreddit || c.query, { message: 'expected subreddit, query, or both' })
  .refine((c) => Boolean(c.clientId) === Boolean(c.clientSecret), { message: 'expected clientId and clientSecret together' })
  .refine((c) => Boolean(c.username) === Boolean(c.password) && (!c.username || c.clientId), { message: 'expected username and password together, with clientId and clientSecret (to publish replies)' });

type Config = z.output<typeof schema>;
type Cursor = { latest?: number } | null;

const TOKENS = new Map<string, { token: string; expiresAt: number }>();

const REDDIT = 'https://www.reddit.com';

/**
 * A thing's page. Posts and today's comments carry `permalink`; comments in older listings do not,
 * and are found under their post: `link_permalink` + id, or /r/<sub>/comments/<post>/_/<id>/ from
 * `link_id` ("t3_abc"). A link post's `url` is the page it links to, the last resort.
 */
function thingUrl(kind: string | undefined, d: Record<string, unknown>): string | null {
  const permalink = str(d.permalink);
  if (permalink) return /^https?:\/\//.test(permalink) ? permalink : REDDIT + (permalink.startsWith('/') ? '' : '/') + permalink;
  const id = str(d.id);
  if (kind === 't1' || (kind === undefined && str(d.link_id) && str(d.body))) {
    const linkPermalink = str(d.link_permalink);
    if (linkPermalink && id) return `${linkPermalink.replace(/\/?$/, '/')}${id}/`;
    const post = str(d.link_id)?.replace(/^t3_/, '');
    if (post && id) return `${REDDIT}${str(d.subreddit) ? `/r/${d.subreddit}` : ''}/comments/${post}/_/${id}/`;
    return null; // a comment's `url` field, if any, is not its page
  }
  return str(d.url);
}

export function redditThingToPost(thing: { kind?: string; data?: Record<string, unknown> }, source: { id: string; target: string }, now: number): NormalizedPost | null {
  const d = thing.data;
  if (!d || !d.id) return null;
  const title = str(d.title) ?? '';
  const body = str(d.selftext) ?? str(d.body) ?? '';
  const t = toMs(d.created_utc);
  return {
    source: source.id,
    target: source.target,
    externalId: str(d.name) ?? `${thing.kind ?? 't3'}_${d.id}`,
    url: thingUrl(thing.kind, d),
    author: { id: str(d.author_fullname) ?? str(d.author) ?? 'unknown', name: str(d.author), handle: str(d.author) ? `u/${d.author}` : null },
    text: title && body ? `${title}\n\n${body}` : title || body,
    lang: null,
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: { likes: num(d.score), replies: num(d.num_comments) },
  };
}

async function token(ctx: FetchContext<Config>): Promise<string> {
  const cached = TOKENS.get(ctx.source.id);
  if (cached && cached.expiresAt > ctx.now + 60_000) return cached.token;
  const basic = btoa(`${ctx.config.clientId}:${ctx.config.clientSecret}`);
  const res = await ctx.http.request({
    url: ctx.config.tokenUrl,
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': ctx.limits.userAgent },
    body: 'grant_type=client_credentials',
  });
  if (res.status === 401) throw new FetchError('auth', 'Reddit refused the client credentials (HTTP 401): check clientId and clientSecret', { status: 401 });
  if (res.status !== 200) throw statusError(res, ctx.now, 'Reddit access_token');
  const body = parseJson(res, 'Reddit access_token') as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new FetchError('auth', 'Reddit access_token: no token in the answer');
  TOKENS.set(ctx.source.id, { token: body.access_token, expiresAt: ctx.now + (body.expires_in ?? 3600) * 1000 });
  return body.access_token;
}

/** With client credentials the listings come from oauthBase (oauth.reddit.com), else from the public JSON. */
function baseOf(c: Config): string {
  return (c.clientId ? c.oauthBase : c.base).replace(/\/+$/, '');
}

export const reddit = defineSource({
  summary: 'Reddit subreddit new.json or search.json, OAuth client credentials optional',
  // the access token comes from tokenUrl, about once an hour
  hosts: (c) => (c.clientId ? [hostOf(baseOf(c)), hostOf(c.tokenUrl)] : [hostOf(baseOf(c))]),
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const c = ctx.config;
    const cursor = (ctx.state.cursor ?? null) as Cursor;
    const oauth = Boolean(c.clientId);
    const headers: Record<string, string> = oauth ? { authorization: `Bearer ${await token(ctx)}` } : {};
    const base = baseOf(c);
    const path = c.query ? `${c.subreddit ? `/r/${c.subreddit}` : ''}/search.json` : `/r/${c.subreddit}/new.json`;
    const posts: NormalizedPost[] = [];
    let after: string | null = null;
    let pages = 0;
    let latest = cursor?.latest ?? 0;
    let first: ReturnType<typeof validators> | null = null;
    let rateLimit: RateLimitState | null = null;
    while (pages < c.maxPages) {
      const u = new URL(base + path);
      u.searchParams.set('limit', String(c.limit));
      u.searchParams.set('raw_json', '1');
      if (c.query) {
        u.searchParams.set('q', c.query);
        u.searchParams.set('sort', 'new');
        if (c.subreddit) u.searchParams.set('restrict_sr', '1');
      }
      if (after) u.searchParams.set('after', after);
      const page = await getPage(ctx, u.toString(), { headers, conditional: pages === 0, what: 'Reddit' });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (pages === 0) first = validators(page.res);
      pages++;
      const doc = parseJson(page.res, 'Reddit') as { data?: { children?: unknown; after?: unknown } };
      const children = doc?.data?.children;
      if (!Array.isArray(children)) throw new FetchError('parse', 'Reddit: expected a Listing with data.children');
      let reachedKnown = false;
      for (const thing of children) {
        const p = redditThingToPost(thing, ctx.source, ctx.now);
        if (!p) continue;
        if (cursor?.latest && p.publishedAt <= cursor.latest) reachedKnown = true;
        latest = Math.max(latest, Math.min(p.publishedAt, ctx.now));
        posts.push(p);
      }
      after = str(doc.data!.after);
      if (!after || reachedKnown) break;
    }
    return { posts, cursor: { latest }, ...(first ?? {}), rateLimit, pages };
  },
});

export function resetRedditTokens(): void {
  TOKENS.clear();
}
