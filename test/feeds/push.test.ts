/** POST /api/ingest/:source: Standard Webhooks signatures, timestamp window, idempotency, batch cap. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { createApp } from '../../src/app.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { foldSourceCounts } from '../../src/ingest/source-counts.js';
import { keyFor } from '../helpers/auth.js';
import { addSource, createFeedContext, postCount, sourceRow, T0, type FeedTestContext } from './helpers.js';

const SECRET = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');

describe.each(DIALECTS)('push ingest on %s', (dialect) => {
  let ctx: FeedTestContext;
  beforeEach(async () => {
    ctx = await createFeedContext(dialect);
    await addSource(ctx, 'acme', { id: 'zapier', type: 'push', secret: SECRET, lang: 'en' });
  });
  afterEach(async () => ctx.close());

  async function send(body: string, opts: { id?: string; ts?: number; secret?: string; signature?: string } = {}) {
    const ts = opts.ts ?? Math.floor(ctx.clock.now() / 1000);
    const id = opts.id ?? 'msg_1';
    const signature = opts.signature ?? (await signWebhook(opts.secret ?? SECRET, id, ts, body));
    return createApp(ctx).request('/api/ingest/zapier', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature },
      body,
    });
  }
  const items = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ id: `tk-${from + i}`, text: `Ticket ${from + i}: the Acme app <b>crashes</b> at checkout`, author: { id: `u${i}`, name: 'Pat' }, publishedAt: new Date(T0 - 60_000).toISOString(), url: `https://help.example.com/t/${from + i}` }));

  it('stores a signed batch, and the same batch re-sent stores nothing twice', async () => {
    const body = JSON.stringify({ items: items(1, 3) });
    const res = await send(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 3, new: 3, duplicates: 0, rejected: [] });
    const again = await send(body, { id: 'msg_2' });
    expect(await again.json()).toMatchObject({ received: 3, new: 0, duplicates: 3 });
    expect(await postCount(ctx, 'zapier')).toBe(3);
    const row = await ctx.db.selectFrom('posts').selectAll().where('external_id', '=', 'tk-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ text: 'Ticket 1: the Acme app <b>crashes</b> at checkout', lang: 'en', author_name: 'Pat', published_at: T0 - 60_000, target_id: 'acme' });
    await foldSourceCounts(ctx);
    const src = await sourceRow(ctx, 'zapier');
    expect(Number(src.posts_seen)).toBe(3);
    expect(src.status).toBe('ok');
  });

  it('counts posts_seen as posts are stored: re-sent, overlapping and repeated items add nothing, reposted texts count each copy', async () => {
    const storm = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => ({ id: `rt-${from + i}`, text: `RT @dana: Acme lost my luggage twice this month and nobody answers the phone ${(from + i) % 3}`, author: { id: `v${from + i}` } }));
    const pushes = [
      { items: items(1, 5) },
      { items: items(1, 5) }, // re-sent
      { items: [...items(4, 8), ...items(8, 8)] }, // overlapping, and one id twice in the batch
      { items: storm(1, 30) },
      { items: storm(20, 40) },
    ];
    let n = 0;
    for (const body of pushes) expect((await send(JSON.stringify(body), { id: `m${n++}` })).status).toBe(202);
    const stored = await postCount(ctx, 'zapier');
    expect(stored).toBe(8 + 40);
    // exact before the deltas are folded (the API adds them) and after
    const viewer = (await keyFor(ctx, 'viewer')).headers;
    const api = async () => ((await (await createApp(ctx).request('/api/sources/zapier', { headers: viewer })).json()) as { postsSeen: number }).postsSeen;
    expect(await api()).toBe(stored);
    await Promise.all([foldSourceCounts(ctx), foldSourceCounts(ctx)]); // two instances folding at once add each delta once
    expect(Number((await sourceRow(ctx, 'zapier')).posts_seen)).toBe(stored);
    expect(await api()).toBe(stored);
  });

  it('accepts a bare array or a single item, and reports invalid items by index', async () => {
    expect(await (await send(JSON.stringify(items(1, 2)))).json()).toMatchObject({ new: 2 });
    const one = await send(JSON.stringify({ id: 42, text: 'single item' }), { id: 'm3' });
    expect(await one.json()).toMatchObject({ new: 1 });
    const mixed = await send(JSON.stringify([{ id: 'ok-1', text: 'fine' }, { text: 'no id' }, { id: 'x', text: '' }]), { id: 'm4' });
    const body = (await mixed.json()) as { new: number; rejected: { index: number; error: string }[] };
    expect(body.new).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(body.rejected[0].error).toMatch(/^id:/);
  });

  it('refuses a wrong signature, a wrong secret, missing headers and a stale timestamp', async () => {
    const body = JSON.stringify(items(1, 1));
    expect((await send(body, { secret: 'whsec_' + Buffer.from('another-secret-another-secret!!').toString('base64') })).status).toBe(401);
    expect((await send(body, { signature: 'v1,AAAA' })).status).toBe(401);
    const stale = await send(body, { ts: Math.floor(ctx.clock.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toMatch(/tolerance 300s/);
    const none = await createApp(ctx).request('/api/ingest/zapier', { method: 'POST', body });
    expect(none.status).toBe(401);
    // a signature over a different body does not verify this one
    const sig = await signWebhook(SECRET, 'msg_1', Math.floor(ctx.clock.now() / 1000), body + ' ');
    expect((await send(body, { signature: `v1,bogus ${sig}` })).status).toBe(401);
    expect(await postCount(ctx)).toBe(0);
  });

  it('accepts any one valid signature among several (secret rotation)', async () => {
    const body = JSON.stringify(items(1, 1));
    const ts = Math.floor(ctx.clock.now() / 1000);
    const good = await signWebhook(SECRET, 'msg_1', ts, body);
    expect((await send(body, { signature: `v1,c29tZXRoaW5nIGVsc2U= ${good}` })).status).toBe(202);
  });

  it('refuses batches over 1,000 items, unknown sources and non-push sources', async () => {
    const res = await send(JSON.stringify({ items: items(1, 1001) }));
    expect(res.status).toBe(413);
    expect(await postCount(ctx)).toBe(0);
    expect((await send(JSON.stringify({ items: items(1, 1000) }))).status).toBe(202);
    expect(await postCount(ctx)).toBe(1000);
    expect((await createApp(ctx).request('/api/ingest/nope', { method: 'POST', body: '{}' })).status).toBe(404);
    await addSource(ctx, 'acme', { id: 'feed', type: 'rss', url: 'https://example.com/feed.xml' });
    expect((await createApp(ctx).request('/api/ingest/feed', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
