/**
 * POST /api/ingest/:source: posts pushed by Zapier, n8n, IFTTT or in-house systems to a `push`
 * source. Signed Standard Webhooks-style with the source's secret, inside a timestamp window;
 * idempotent by each item's id (re-sending a batch stores nothing twice); at most 1,000 items.
 * Body: `{"items": [...]}`, a bare array, or one item.
 */
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { wallClockOf } from '../../util/clock.js';
import { HttpError } from '../errors.js';
import { push, pushItemSchema, pushItemToPost } from '../../feeds/sources/push.js';
import { verifyWebhook } from '../../feeds/webhook-signature.js';
import { processPostsGrouped } from '../../pipeline/group-commit.js';
import { credentialBucket, failCredential } from '../../auth/throttle.js';
import { requestClient } from '../middleware/auth.js';
import { describe } from '../openapi/registry.js';
import { getSourceRow } from '../../store/queries/sources.js';
import { PushBodySchema, PushResultSchema } from '../openapi/schemas.js';
import type { NormalizedPost } from '../../types.js';

describe('POST', '/api/ingest/:source', {
  summary: 'Push posts to a push source, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature)',
  description: 'Idempotent by item id. 202 with what was stored; 400 body not JSON; 401 bad or stale signature; 403 source disabled; 404 not a push source; 413 over 1,000 items or 10 MiB; 429 too many bad signatures from this sender (Retry-After); 503 source misconfigured.',
  tags: ['ingest'],
  body: PushBodySchema,
  status: 202,
  response: PushResultSchema,
  errors: [400, 401, 403, 404, 413, 429, 503],
});

export const MAX_PUSH_ITEMS = 1000;
export const MAX_PUSH_BYTES = 10 * 1024 * 1024;

export function ingestRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.post('/ingest/:source', async (c) => {
    const id = c.req.param('source');
    const row = await getSourceRow(ctx, id);
    if (!row || row.type !== 'push') throw new HttpError(404, 'not_found', `no push source "${id}"`);
    if (row.enabled !== 1) throw new HttpError(403, 'source_disabled', `source "${id}" is disabled`);
    const cfg = push.schema.safeParse(JSON.parse(row.config || '{}'));
    if (!cfg.success) throw new HttpError(503, 'source_misconfigured', `source "${id}" has an invalid config: ${cfg.error.issues[0]?.message}`);

    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > MAX_PUSH_BYTES) throw new HttpError(413, 'too_large', `body over ${MAX_PUSH_BYTES} bytes`);
    const body = await c.req.text();
    if (body.length > MAX_PUSH_BYTES) throw new HttpError(413, 'too_large', `body over ${MAX_PUSH_BYTES} bytes`);

    const verdict = await verifyWebhook(
      cfg.data.secret,
      { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
      body,
      ctx.clock.now(),
      cfg.data.toleranceSeconds,
    );
    if (!verdict.ok) {
      // counted per source and sender address; past the limit the sender is told to stop (429), but a
      // correct signature from the same address is still accepted
      const client = requestClient(c);
      const v = await failCredential(ctx, await credentialBucket('push', id, client), client, wallClockOf(ctx).now(), 'push');
      if (v.status === 429) {
        c.header('Retry-After', String(v.retryAfterS));
        throw new HttpError(429, 'too_many_attempts', `too many bad signatures from this address; try again later (${verdict.reason})`);
      }
      throw new HttpError(401, 'bad_signature', verdict.reason);
    }

    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      throw new HttpError(400, 'bad_request', 'body: expected JSON');
    }
    const items: unknown[] = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items) ? (doc as { items: unknown[] }).items : [doc];
    if (items.length > MAX_PUSH_ITEMS) throw new HttpError(413, 'too_many_items', `${items.length} items: at most ${MAX_PUSH_ITEMS} per request`);

    const now = ctx.clock.now();
    const posts: NormalizedPost[] = [];
    const rejected: { index: number; error: string }[] = [];
    items.forEach((item, index) => {
      const r = pushItemSchema.safeParse(item);
      if (!r.success) {
        rejected.push({ index, error: r.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ') });
        return;
      }
      posts.push(pushItemToPost(r.data, { id: row.id, target: row.target_id, lang: cfg.data.lang, html: cfg.data.html }, now));
    });
    // stored and judged in one transaction shared with the pushes and polls of the same few
    // milliseconds (group commit), counted as stored; then the source is marked healthy
    const fresh = await processPostsGrouped(ctx, posts, [row.id]);
    return c.json({ received: items.length, new: fresh.length, duplicates: posts.length - fresh.length, rejected }, 202);
  });
  return api;
}
