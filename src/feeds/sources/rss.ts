/** RSS 2.0, RSS 1.0/RDF and Atom 1.0 (news, alerts, review sites, YouTube channels, Reddit .rss). */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { bodyText } from '../http.js';
import { parseXmlFeed, type FeedItem } from '../parse-xml-feed.js';
import { derivedId, getPage, headersKey, maxPagesKey, toMs, urlKey, validators, hostOf } from './common.js';

const schema = z
  .object({
    url: urlKey,
    headers: headersKey,
    maxPages: maxPagesKey,
    lang: z.string().min(2).max(8).optional(),
  })
  .strict();

type Cursor = { latest?: number } | null;

export function feedItemToPost(it: FeedItem, source: { id: string; target: string }, lang: string | null, now: number): NormalizedPost {
  const title = it.title.trim();
  const body = it.body.trim();
  // Microblog-style feeds repeat the start of the body as the title: keep the body alone then.
  const text = !title ? body : !body || body.startsWith(title.replace(/(\.\.\.|…)$/, '')) ? body || title : `${title}\n\n${body}`;
  const published = toMs(it.published);
  return {
    source: source.id,
    target: source.target,
    externalId: it.id ?? it.url ?? derivedId(title, body, it.published),
    url: it.url,
    author: { id: it.authorUri ?? it.author ?? 'unknown', name: it.author, handle: null },
    text,
    lang: it.lang ?? lang,
    publishedAt: Number.isFinite(published) ? published : now,
  };
}

export const rss = defineSource({
  summary: 'RSS 2.0, RSS 1.0/RDF or Atom 1.0 feed, following RFC 5005 rel="next" pages',
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
      const page = await getPage(ctx, url, {
        headers: ctx.config.headers,
        conditional: pages === 0,
        accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (pages === 0) first = validators(page.res);
      pages++;
      const feed = parseXmlFeed(bodyText(page.res), page.res.url);
      const lang = ctx.config.lang ?? feed.lang;
      let reachedKnown = false;
      for (const it of feed.items) {
        const p = feedItemToPost(it, ctx.source, lang, ctx.now);
        if (cursor?.latest && p.publishedAt <= cursor.latest) reachedKnown = true;
        latest = Math.max(latest, Math.min(p.publishedAt, ctx.now));
        posts.push(p);
      }
      // Older pages are only worth reading while this page is all new.
      url = !reachedKnown && feed.next ? new URL(feed.next, page.res.url).toString() : null;
    }
    return { posts, cursor: { latest }, ...(first ?? {}), rateLimit, pages };
  },
});
