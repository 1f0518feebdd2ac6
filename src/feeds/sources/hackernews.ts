/** Hacker News through Algolia's search_by_date, stories and comments, with a created_at_i cursor. */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson, type RateLimitState } from '../http.js';
import { htmlToText } from '../../ingest/html.js';
import { getPage, maxPagesKey, num, str, urlKey, hostOf } from './common.js';

const schema = z
  .object({
    query: z.string().min(1),
    tags: z.array(z.enum(['story', 'comment', 'ask_hn', 'show_hn', 'poll'])).min(1).default(['story', 'comment']),
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    maxPages: maxPagesKey,
    base: urlKey.default('https://hn.algolia.com'),
  })
  .strict();

type Config = z.output<typeof schema>;

export function hitToPost(h: Record<string, unknown>, source: { id: string; target: string }, now: number): NormalizedPost {
  const isComment = Array.isArray(h._tags) ? (h._tags as string[]).includes('comment') : Boolean(h.comment_text);
  const title = str(h.title) ?? '';
  const body = htmlToText(str(h.comment_text) ?? str(h.story_text) ?? '');
  const t = num(h.created_at_i);
  return {
    source: source.id,
    target: source.target,
    externalId: String(h.objectID),
    url: `https://news.ycombinator.com/item?id=${encodeURIComponent(String(h.objectID))}`,
    author: { id: str(h.author) ?? 'unknown', name: str(h.author), handle: str(h.author) },
    text: isComment ? body : [title, body].filter(Boolean).join('\n\n'),
    lang: null,
    publishedAt: t !== undefined ? t * 1000 : now,
    metrics: { likes: num(h.points), replies: num(h.num_comments) },
    raw: isComment ? { story: str(h.story_title), storyId: h.story_id ?? null } : { link: str(h.url) },
  };
}

export const hackernews = defineSource({
  summary: 'Hacker News stories and comments matching a query (Algolia search_by_date)',
  hosts: (c) => [hostOf(c.base)],
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const c = ctx.config;
    const since = typeof ctx.state.cursor === 'number' ? ctx.state.cursor : null;
    const posts: NormalizedPost[] = [];
    let latest = since ?? 0;
    let rateLimit: RateLimitState | null = null;
    let pages = 0;
    for (let page = 0; page < c.maxPages; page++) {
      const u = new URL(`${c.base.replace(/\/+$/, '')}/api/v1/search_by_date`);
      u.searchParams.set('query', c.query);
      u.searchParams.set('tags', `(${c.tags.join(',')})`);
      u.searchParams.set('hitsPerPage', String(c.hitsPerPage));
      u.searchParams.set('page', String(page));
      // >= rather than >: items of the cursor's own second are re-read and deduped, never skipped
      if (since !== null) u.searchParams.set('numericFilters', `created_at_i>=${since}`);
      const res = await getPage(ctx, u.toString(), { what: 'HN Algolia' });
      rateLimit = res.rateLimit ?? rateLimit;
      pages++;
      const doc = parseJson(res.res, 'HN Algolia') as { hits?: unknown; nbPages?: number };
      if (!Array.isArray(doc.hits)) throw new FetchError('parse', 'HN Algolia: expected a "hits" array');
      for (const h of doc.hits as Record<string, unknown>[]) {
        if (!h || h.objectID === undefined) continue;
        const p = hitToPost(h, ctx.source, ctx.now);
        if (!p.text) continue;
        posts.push(p);
        const t = num(h.created_at_i);
        if (t !== undefined && t * 1000 <= ctx.now) latest = Math.max(latest, t);
      }
      if (doc.hits.length === 0 || page + 1 >= (doc.nbPages ?? 0)) break;
    }
    return { posts, cursor: latest || null, rateLimit, pages };
  },
});
