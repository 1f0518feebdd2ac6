/**
 * Push: posts arrive at POST /api/ingest/:source (Zapier, n8n, IFTTT, in-house systems), signed
 * Standard Webhooks-style with the source's secret. Nothing to poll.
 */
import { z } from 'zod';
import { defineSource } from '../types.js';
import type { NormalizedPost } from '../../types.js';
import { htmlToText } from '../../ingest/html.js';
import { toMs } from './common.js';

const schema = z
  .object({
    secret: z.string().min(16, 'expected a secret of at least 16 characters (e.g. whsec_<base64> or a long random string)'),
    toleranceSeconds: z.number().int().min(10).max(3600).default(300),
    lang: z.string().min(2).max(8).optional(),
    html: z.boolean().default(false),
  })
  .strict();

const idLike = z.union([z.string().min(1).max(512), z.number().int()]).transform(String);

export const pushItemSchema = z.object({
  id: idLike,
  text: z.string().min(1).max(100_000),
  url: z.string().max(2048).optional().nullable(),
  author: z
    .union([
      z.string().min(1).max(256),
      z.object({ id: idLike.optional(), name: z.string().max(256).optional().nullable(), handle: z.string().max(256).optional().nullable(), followers: z.number().int().min(0).optional().nullable() }),
    ])
    .optional(),
  publishedAt: z.union([z.string(), z.number()]).optional(),
  lang: z.string().min(2).max(8).optional().nullable(),
  metrics: z.object({ likes: z.number().optional(), reposts: z.number().optional(), replies: z.number().optional() }).optional().nullable(),
});

export type PushItem = z.output<typeof pushItemSchema>;

export function pushItemToPost(item: PushItem, source: { id: string; target: string; lang?: string; html?: boolean }, now: number): NormalizedPost {
  const a = typeof item.author === 'string' ? { id: item.author, name: item.author } : (item.author ?? {});
  const t = toMs(item.publishedAt);
  return {
    source: source.id,
    target: source.target,
    externalId: item.id,
    url: item.url ?? null,
    author: { id: a.id ?? a.handle ?? a.name ?? 'unknown', name: a.name ?? null, handle: 'handle' in a ? (a.handle ?? null) : null, followers: 'followers' in a ? (a.followers ?? null) : null },
    text: source.html ? htmlToText(item.text) : item.text,
    lang: item.lang ?? source.lang ?? null,
    publishedAt: Number.isFinite(t) ? t : now,
    metrics: item.metrics ?? null,
  };
}

export const push = defineSource({
  hosts: () => [], // nothing to poll: posts are pushed to us
  summary: 'POST /api/ingest/:source with a Standard Webhooks signature (no polling)',
  schema,
});
