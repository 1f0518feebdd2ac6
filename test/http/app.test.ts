import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { makePost } from '../helpers/posts.js';
import { createApp } from '../../src/app.js';
import { processPosts } from '../../src/pipeline/process.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { syncTargets } from '../../src/store/targets.js';
import { keyFor } from '../helpers/auth.js';

describe('app routes', () => {
  let ctx: TestContext;
  let auth: { headers: Record<string, string> };
  beforeEach(async () => {
    ctx = await createTestContext();
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }]);
    auth = { headers: (await keyFor(ctx, 'viewer')).headers };
  });
  afterEach(async () => ctx.close());

  it('GET /health answers ok with the store reachable', async () => {
    const res = await createApp(ctx).request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', dialect: 'sqlite' });
  });

  it('GET /api/posts lists posts with their classification, newest first', async () => {
    const now = ctx.clock.now();
    await processPosts(ctx, [makePost({ text: 'terrible service, my bag is lost', publishedAt: now - 60_000 }), makePost({ text: 'lovely crew', publishedAt: now })]);
    const res = await createApp(ctx).request('/api/posts?limit=10', auth);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { text: string; classification: { sentiment: { label: string }; topics: { id: string }[] } }[] };
    expect(body.items.map((p) => p.text)).toEqual(['lovely crew', 'terrible service, my bag is lost']);
    expect(body.items[1].classification.sentiment.label).toBe('negative');
    expect(body.items[1].classification.topics.map((t) => t.id)).toContain('lost-items');
  });

  it('GET /api/posts rejects a bad limit with a coded error', async () => {
    const res = await createApp(ctx).request('/api/posts?limit=100000', auth);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'limit: expected an integer 1-500' } });
  });

  it('GET /api/revolts lists revolts, filters by status, and GET /api/revolts/:id returns members', async () => {
    const now = ctx.clock.now();
    const [p] = await processPosts(ctx, [makePost({ text: 'the app is down again', publishedAt: now })]);
    await ctx.db.insertInto('revolts').values({ id: 'r1', target_id: 'acme', key: 'outage', label: 'Outage — Acme', stage: 'emerging', severity: 55, priority: 'P2', opened_at: now, updated_at: now, resolved_at: null, explain: '{"reason":"test"}', state: null }).execute();
    await ctx.db.insertInto('revolt_posts').values({ revolt_id: 'r1', post_id: p.post.id, added_at: now }).execute();
    const app = createApp(ctx);
    const list = (await (await app.request('/api/revolts?status=open', auth)).json()) as { items: { id: string; members: number; postIds: string[] }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: 'r1', members: 1, postIds: [p.post.id] });
    expect(((await (await app.request('/api/revolts?status=resolved', auth)).json()) as { items: unknown[] }).items).toEqual([]);
    const one = (await (await app.request('/api/revolts/r1', auth)).json()) as { posts: { text: string }[] };
    expect(one.posts.map((x) => x.text)).toEqual(['the app is down again']);
    expect((await app.request('/api/revolts/nope', auth)).status).toBe(404);
    expect((await app.request('/api/revolts?status=weird', auth)).status).toBe(400);
  });

  it('GET /api/queue lists the item opened for a revolt', async () => {
    const now = ctx.clock.now();
    await recordRevoltEvent(ctx, 'revolt.opened', now, { id: 'r9', target: 'acme', key: 'billing', label: 'Billing — Acme', stage: 'emerging', severity: 30, priority: 'P3', openedAt: now, updatedAt: now, explain: {}, postIds: [] });
    const body = (await (await createApp(ctx).request('/api/queue', auth)).json()) as { items: { revoltId: string; status: string }[] };
    expect(body.items).toMatchObject([{ revoltId: 'r9', status: 'new' }]);
  });

  it('GET / renders the dashboard with hostile post text escaped and only http(s) links', async () => {
    const now = ctx.clock.now();
    await processPosts(ctx, [
      makePost({ text: '<img src=x onerror=alert(1)> my bag is lost', publishedAt: now, url: 'javascript:alert(2)' }),
      makePost({ text: 'see "this" & that', publishedAt: now - 1000, url: 'https://example.com/p?a=1&b=2' }),
    ]);
    const res = await createApp(ctx).request('/', auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('href="https://example.com/p?a=1&amp;b=2"');
    expect(page).toContain('see &quot;this&quot; &amp; that');
    // scripts only from our own static files, never inline
    expect(page.match(/<script(?![^>]*\ssrc="\/assets\/[a-z-]+\.js")[^>]*>/gi)).toBeNull();
    expect(page).not.toMatch(/<script[^>]*>[^<]+<\/script>/i);
  });

  it('sends security headers on every response', async () => {
    const res = await createApp(ctx).request('/', auth);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers unknown routes with a coded JSON 404', async () => {
    const res = await createApp(ctx).request('/api/nothing-here', auth);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
