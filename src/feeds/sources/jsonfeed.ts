/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org), following next_url. */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson } from '../http.js';
import { htmlToText } from '../../ingest/html.js';
import { asObject, derivedId, getPage, headersKey, maxPagesKey, noReadableItems, str, toMs, unreadableReason, urlKey, validators, hostOf } from './common.js';

const schema = z.object({ url: urlKey, headers: headersKey, maxPages: maxPagesKey, lang: z.string().min(2).max(8).optional() }).strict();

type Cursor = { latest?: number } | null;

export function jsonFeedItemToPost(item: Record<string, unknown>, feedLang: string | null, source: { id: string; target: string }, now: number): NormalizedPost {
  const authors = Array.isArray(item.authors) ? (item.authors as Record<string, unknown>[]) : item.author ? [item.author as Record<string, unknown>] : [];
  const author = authors[0] ?? {};
  const title = str(item.title) ?? '';
  const body = str(item.content_text) ?? (str(item.content_html) ? htmlToText(item.content_html as string) : (str(item.summary) ?? ''));
  const published = toMs(item.date_published ?? item.date_modified);
  return {
    source: source.id,
    target: source.target,
    externalId: str(item.id) ?? str(item.url) ?? derivedId(title, body, str(item.date_published)),
    url: str(item.url) ?? str(item.external_url),
    author: { id: str(author.url) ?? str(author.name) ?? 'unknown', name: str(author.name), handle: null },
    text: title && !body.startsWith(title) ? `${title}\n\n${body}`.trim() : body || title,
    lang: str(item.language) ?? feedLang,
    publishedAt: Number.isFinite(published) ? published : now,
  };
}

export const jsonfeed = defineSource({
  summary: 'JSON Feed 1.0/1.1, following next_url',
  hosts: (c) => [hostOf(c.url)],
  schema,
  async fetch(ctx: FetchContext<z.output<typeof schema>>) {
    const cursor = (ctx.state.cursor ?? null) as Cursor;
    const posts: NormalizedPost[] = [];
    let url: string | null = ctx.config.url;
    let pages = 0;
    let first: ReturnType<typeof validators> | null = null;
    let rateLimit = null;
    let latest = cursor?.latest ?? 0;
    while (url && pages < ctx.config.maxPages) {
      const page = await getPage(ctx, url, { headers: ctx.config.headers, conditional: pages === 0, accept: 'application/feed+json, application/json;q=0.9' });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (pages === 0) first = validators(page.res);
      pages++;
      const feed = asObject(parseJson(page.res, 'JSON Feed'), 'JSON Feed');
      if (!Array.isArray(feed.items)) throw new FetchError('parse', 'JSON Feed without an "items" array');
      const lang = ctx.config.lang ?? str(feed.language);
      let reachedKnown = false;
      let readable = 0;
      let firstUnreadable: string | null = null;
      for (let i = 0; i < feed.items.length; i++) {
        const raw = feed.items[i] as unknown;
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
          firstUnreadable ??= unreadableReason(raw, i, '');
          continue;
        }
        readable++;
        const p = jsonFeedItemToPost(raw as Record<string, unknown>, lang, ctx.source, ctx.now);
        if (cursor?.latest && p.publishedAt <= cursor.latest) reachedKnown = true;
        latest = Math.max(latest, Math.min(p.publishedAt, ctx.now));
        posts.push(p);
      }
      if (feed.items.length > 0 && readable === 0) throw noReadableItems(feed.items.length, '"items"', firstUnreadable!);
      const next = str(feed.next_url);
      url = !reachedKnown && next ? new URL(next, page.res.url).toString() : null;
    }
    return { posts, cursor: { latest }, ...(first ?? {}), rateLimit, pages };
  },
});
