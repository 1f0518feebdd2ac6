/** /api/sources: the status view (secrets redacted) and the admin routes to add a source and poll it now. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFor } from '../helpers/auth.js';
import { createApp } from '../../src/app.js';
import { addSource, createFeedContext, sourceRow, T0, type FeedTestContext } from './helpers.js';

describe('sources API', () => {
  let ctx: FeedTestContext;
  beforeEach(async () => {
    ctx = await createFeedContext('sqlite');
    await addSource(ctx, 'acme', { id: 'masto', type: 'mastodon', instance: 'https://m.example', tag: 'acme', accessToken: 'sekrit-token' });
  });
  afterEach(async () => ctx.close());

  it('lists poll state and hides secrets', async () => {
    const res = await createApp(ctx).request('/api/sources', { headers: (await keyFor(ctx, 'viewer')).headers });
    const [s] = ((await res.json()) as { items: Record<string, unknown>[] }).items;
    expect(s).toMatchObject({ id: 'masto', target: 'acme', type: 'mastodon', status: 'idle', everySeconds: 300, lastError: null, postsSeen: 0, nextPollAt: new Date(T0).toISOString() });
    expect(s.config).toEqual({ instance: 'https://m.example', tag: 'acme', accessToken: '***' });
  });

  it('lets an admin add a validated source and ask for a poll now; viewers may not', async () => {
    const app = createApp(ctx);
    const admin = { ...(await keyFor(ctx, 'admin')).headers, 'content-type': 'application/json' };
    const viewer = { ...(await keyFor(ctx, 'viewer')).headers, 'content-type': 'application/json' };
    const body = JSON.stringify({ target: 'acme', type: 'rss', url: 'https://news.example.com/feed.xml', every: '10m' });
    expect((await app.request('/api/sources/news', { method: 'PUT', headers: viewer, body })).status).toBe(403);
    const ok = await app.request('/api/sources/news', { method: 'PUT', headers: admin, body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 'news', type: 'rss', everySeconds: 600 });
    const bad = await app.request('/api/sources/bad', { method: 'PUT', headers: admin, body: JSON.stringify({ target: 'acme', type: 'rss', url: 'nope' }) });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/url: expected an http\(s\) URL/);
    await ctx.db.updateTable('sources').set({ next_poll_at: T0 + 3_600_000 }).where('id', '=', 'news').execute();
    expect((await app.request('/api/sources/news/poll', { method: 'POST', headers: admin })).status).toBe(202);
    expect((await sourceRow(ctx, 'news')).next_poll_at).toBe(T0);
  });
});
