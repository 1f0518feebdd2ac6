/**
 * Bluesky: app.bsky.feed.searchPosts (sort=latest, `since` cursor), with an app-password session
 * (com.atproto.server.createSession, refreshed on ExpiredToken). Unauthenticated search is often
 * refused: that is reported with the fix.
 */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson, statusError, type HttpResponse, type RateLimitState } from '../http.js';
import { getPage, maxPagesKey, num, str, toMs, urlKey, hostOf } from './common.js';

const schema = z
  .object({
    query: z.string().min(1),
    service: urlKey.optional(),
    identifier: z.string().min(1).optional(),
    appPassword: z.string().min(1).optional(),
    lang: z.string().min(2).max(8).optional(),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages: maxPagesKey,
  })
  .strict()
  .refine((c) => Boolean(c.identifier) === Boolean(c.appPassword), { message: 'expected identifier and appPassword together' });

type Config = z.output<typeof schema>;
interface Session {
  accessJwt: string;
  refreshJwt: string;
}

// Sessions live in memory per source (never in the database): a restart logs in again.
const SESSIONS = new Map<string, Session>();

const FIX = 'set identifier and appPassword on this source (Bluesky: Settings → Privacy and security → App passwords)';

export function bskyPostToPost(p: Record<string, unknown>, source: { id: string; target: string }, now: number): NormalizedPost {
  const author = (p.author ?? {}) as Record<string, unknown>;
  const record = (p.record ?? {}) as Record<string, unknown>;
  const uri = String(p.uri ?? '');
  const rkey = uri.split('/').pop();
  const handle = str(author.handle);
  const t = toMs(record.createdAt ?? p.indexedAt);
  const langs = Array.isArray(record.langs) ? record.langs : [];
  return {
    source: source.id,
    target: source.target,
    externalId: uri,
    url: handle && rkey ? `https://bsky.app/profile/${handle}/post/${rkey}` : null,
    author: { id: str(author.did) ?? 'unknown', name: str(author.displayName), handle: handle ? `@${handle}` : null, followers: null },
    text: str(record.text) ?? '',
    lang: langs.length === 1 ? String(langs[0]) : null,
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: { likes: num(p.likeCount), reposts: num(p.repostCount), replies: num(p.replyCount) },
  };
}

async function xrpcPost(ctx: FetchContext<Config>, base: string, method: string, body: unknown, bearer?: string): Promise<HttpResponse> {
  return ctx.http.request({
    url: `${base}/xrpc/${method}`,
    method: 'POST',
    headers: { 'user-agent': ctx.limits.userAgent, 'content-type': 'application/json', accept: 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function login(ctx: FetchContext<Config>, base: string, refresh: boolean): Promise<Session> {
  const old = SESSIONS.get(ctx.source.id);
  if (refresh && old) {
    const r = await xrpcPost(ctx, base, 'com.atproto.server.refreshSession', undefined, old.refreshJwt);
    if (r.status === 200) {
      const s = parseJson(r, 'Bluesky refreshSession') as Session;
      SESSIONS.set(ctx.source.id, s);
      return s;
    }
  }
  const r = await xrpcPost(ctx, base, 'com.atproto.server.createSession', { identifier: ctx.config.identifier, password: ctx.config.appPassword });
  if (r.status === 401 || r.status === 400) throw new FetchError('auth', `Bluesky refused the login for ${ctx.config.identifier} (HTTP ${r.status}): check identifier and appPassword`, { status: r.status });
  if (r.status !== 200) throw statusError(r, ctx.now, 'Bluesky createSession');
  const s = parseJson(r, 'Bluesky createSession') as Session;
  if (!s.accessJwt || !s.refreshJwt) throw new FetchError('parse', 'Bluesky createSession: no tokens in the answer');
  SESSIONS.set(ctx.source.id, s);
  return s;
}

/** Signed in, search goes to the account's PDS (bsky.social unless `service`); without an account, to the public AppView. */
function baseOf(c: Config): string {
  return (c.service ?? (c.identifier ? 'https://bsky.social' : 'https://public.api.bsky.app')).replace(/\/+$/, '');
}

export const bluesky = defineSource({
  summary: 'Bluesky post search (app.bsky.feed.searchPosts), with an app password',
  hosts: (c) => [hostOf(baseOf(c))],
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const c = ctx.config;
    const authed = Boolean(c.identifier);
    const base = baseOf(c);
    const since = typeof ctx.state.cursor === 'string' ? ctx.state.cursor : null;
    let session = authed ? (SESSIONS.get(ctx.source.id) ?? (await login(ctx, base, false))) : null;
    const posts: NormalizedPost[] = [];
    let latest = since;
    let pageCursor: string | null = null;
    let pages = 0;
    let rateLimit: RateLimitState | null = null;
    while (pages < c.maxPages) {
      const u = new URL(`${base}/xrpc/app.bsky.feed.searchPosts`);
      u.searchParams.set('q', c.query);
      u.searchParams.set('sort', 'latest');
      u.searchParams.set('limit', String(c.limit));
      if (c.lang) u.searchParams.set('lang', c.lang);
      if (since) u.searchParams.set('since', since);
      if (pageCursor) u.searchParams.set('cursor', pageCursor);
      let page;
      try {
        page = await getPage(ctx, u.toString(), { headers: session ? { authorization: `Bearer ${session.accessJwt}` } : {}, what: 'Bluesky searchPosts' });
      } catch (err) {
        if (!(err instanceof FetchError) || (err.status !== 401 && err.status !== 400 && err.status !== 403)) throw err;
        if (!authed) throw new FetchError('auth', `Bluesky refused unauthenticated search (HTTP ${err.status}): ${FIX}`, { status: err.status, hint: FIX });
        if (err.status === 403) throw new FetchError('auth', `Bluesky refused search for ${c.identifier} (HTTP 403)`, { status: 403 });
        session = await login(ctx, base, true); // ExpiredToken: refresh once, then retry this page
        page = await getPage(ctx, u.toString(), { headers: { authorization: `Bearer ${session.accessJwt}` }, what: 'Bluesky searchPosts' });
      }
      rateLimit = page.rateLimit ?? rateLimit;
      pages++;
      const doc = parseJson(page.res, 'Bluesky searchPosts') as { posts?: unknown; cursor?: unknown };
      if (!Array.isArray(doc.posts)) throw new FetchError('parse', 'Bluesky searchPosts: expected a "posts" array');
      for (const p of doc.posts as Record<string, unknown>[]) {
        if (!p || typeof p !== 'object' || !p.uri) continue;
        const post = bskyPostToPost(p, ctx.source, ctx.now);
        posts.push(post);
        const iso = new Date(Math.min(post.publishedAt, ctx.now)).toISOString();
        if (!latest || iso > latest) latest = iso;
      }
      pageCursor = str(doc.cursor);
      if (!pageCursor || doc.posts.length === 0) break;
    }
    return { posts, cursor: latest, rateLimit, pages };
  },
});

/** For tests: forget cached sessions. */
export function resetBlueskySessions(): void {
  SESSIONS.clear();
}
