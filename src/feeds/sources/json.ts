/** Any HTTP JSON API with a field mapping (Trustpilot, help desks, in-house feeds). */
import { z } from 'zod';
import { defineSource, type FetchContext } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { FetchError, parseJson } from '../http.js';
import { htmlToText } from '../../ingest/html.js';
import { derivedId, dig, getPage, headersKey, maxPagesKey, noReadableItems, num, str, toMs, unreadableReason, urlKey, validators, hostOf } from './common.js';

const path = z.string().regex(/^[\w$@-]+(\.[\w$@-]+)*$/, 'expected a dotted path like "data.items" or "user.name"');

const schema = z
  .object({
    url: urlKey,
    headers: headersKey,
    items: path.optional(),
    fields: z
      .object({
        id: path,
        text: z.union([path, z.array(path).min(1)]),
        time: path.optional(),
        url: path.optional(),
        author: path.optional(),
        authorName: path.optional(),
        authorHandle: path.optional(),
        followers: path.optional(),
        likes: path.optional(),
        reposts: path.optional(),
        replies: path.optional(),
        lang: path.optional(),
      })
      .strict(),
    next: path.optional(),
    sinceParam: z.string().min(1).optional(),
    sinceFormat: z.enum(['iso', 'unix', 'ms']).default('iso'),
    lang: z.string().min(2).max(8).optional(),
    html: z.boolean().default(false),
    maxPages: maxPagesKey,
  })
  .strict();

type Config = z.output<typeof schema>;
type Cursor = { latest?: number } | null;

export function mapJsonItem(item: unknown, cfg: Config, source: { id: string; target: string }, now: number): NormalizedPost {
  const f = cfg.fields;
  const texts = (Array.isArray(f.text) ? f.text : [f.text]).map((p) => str(dig(item, p)) ?? '').filter(Boolean);
  const joined = texts.join('\n\n');
  const text = cfg.html ? htmlToText(joined) : joined;
  const t = toMs(dig(item, f.time));
  const id = str(dig(item, f.id));
  const metric = (p?: string) => (p ? num(dig(item, p)) : undefined);
  const metrics = { likes: metric(f.likes), reposts: metric(f.reposts), replies: metric(f.replies) };
  return {
    source: source.id,
    target: source.target,
    externalId: id ?? derivedId(str(dig(item, f.url)), text, str(dig(item, f.time))),
    url: str(dig(item, f.url)),
    author: { id: str(dig(item, f.author)) ?? str(dig(item, f.authorName)) ?? 'unknown', name: str(dig(item, f.authorName)), handle: str(dig(item, f.authorHandle)), followers: metric(f.followers) ?? null },
    text,
    lang: str(dig(item, f.lang)) ?? cfg.lang ?? null,
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: Object.values(metrics).some((v) => v !== undefined) ? metrics : null,
  };
}

function sinceValue(ms: number, format: Config['sinceFormat']): string {
  return format === 'iso' ? new Date(ms).toISOString() : format === 'unix' ? String(Math.floor(ms / 1000)) : String(ms);
}

export const json = defineSource({
  summary: 'any JSON API, with a mapping from its fields to posts',
  hosts: (c) => [hostOf(c.url)],
  schema,
  async fetch(ctx: FetchContext<Config>) {
    const cfg = ctx.config;
    const cursor = (ctx.state.cursor ?? null) as Cursor;
    let url: string | null = cfg.url;
    if (cfg.sinceParam && cursor?.latest) {
      const u = new URL(cfg.url);
      u.searchParams.set(cfg.sinceParam, sinceValue(cursor.latest, cfg.sinceFormat));
      url = u.toString();
    }
    const posts: NormalizedPost[] = [];
    let pages = 0;
    let first: ReturnType<typeof validators> | null = null;
    let rateLimit = null;
    let latest = cursor?.latest ?? 0;
    while (url && pages < cfg.maxPages) {
      const page = await getPage(ctx, url, { headers: cfg.headers, conditional: pages === 0 });
      rateLimit = page.rateLimit ?? rateLimit;
      if (page.notModified) return { posts: [], notModified: true, rateLimit, pages: 1 };
      if (pages === 0) first = validators(page.res);
      pages++;
      const doc = parseJson(page.res, new URL(url).host);
      const items = cfg.items ? dig(doc, cfg.items) : doc;
      if (!Array.isArray(items)) throw new FetchError('parse', `expected an array at "${cfg.items ?? '(root)'}" in the response`);
      let reachedKnown = false;
      let readable = 0;
      let firstUnreadable: string | null = null;
      const textPaths = Array.isArray(cfg.fields.text) ? cfg.fields.text : [cfg.fields.text];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const readableItem = item !== null && typeof item === 'object' && !Array.isArray(item) && textPaths.some((tp) => ['string', 'number'].includes(typeof dig(item, tp)));
        if (!readableItem) {
          firstUnreadable ??= unreadableReason(item, i, `text at ${textPaths.map((tp) => `"${tp}"`).join(' or ')}`);
          continue;
        }
        readable++;
        const p = mapJsonItem(item, cfg, ctx.source, ctx.now);
        if (!p.text) continue; // readable but empty (an image post, a deleted review): nothing to classify
        if (cursor?.latest && p.publishedAt <= cursor.latest) reachedKnown = true;
        latest = Math.max(latest, Math.min(p.publishedAt, ctx.now));
        posts.push(p);
      }
      if (items.length > 0 && readable === 0) throw noReadableItems(items.length, `"${cfg.items ?? '(root)'}"`, firstUnreadable!);
      const next = cfg.next ? str(dig(doc, cfg.next)) : null;
      url = !reachedKnown && next && items.length > 0 ? new URL(next, page.res.url).toString() : null;
    }
    return { posts, cursor: { latest }, ...(first ?? {}), rateLimit, pages };
  },
});
