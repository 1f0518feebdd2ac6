/**
 * Fault injection: hostile and broken sources next to a healthy one. The service stays healthy, the
 * healthy source stays on schedule, and each faulty one says why in /api/sources.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { createApp } from '../../src/app.js';
import { createFeedPoller } from '../../src/feeds/poller.js';
import { createUndiciHttpClient } from '../../src/entry/http-undici.js';
import { addSource, createFeedContext, postCount, sourceRow, startFixtureServer, T0, type FeedTestContext, type FixtureServer } from './helpers.js';
import { rssHarness, type FakeItem } from './fixtures/apis.js';

const bomb = fs.readFileSync(new URL('./fixtures/bomb.xml', import.meta.url), 'utf8');
const xxe = fs.readFileSync(new URL('./fixtures/xxe.xml', import.meta.url), 'utf8');

interface SourceView {
  id: string;
  status: string;
  lastError: { code: string; reason: string } | null;
  nextPollAt: string | null;
  postsSeen: number;
  rateLimit: Record<string, number> | null;
  failures: number;
}

describe.each(DIALECTS)('fault injection on %s', (dialect) => {
  let server: FixtureServer;
  let ctx: FeedTestContext;
  let items: FakeItem[];
  const slowResponses: import('node:http').ServerResponse[] = [];

  beforeEach(async () => {
    server = await startFixtureServer();
    items = [1, 2, 3].map((n) => ({ n, time: T0 - (10 - n) * 60_000, text: `Healthy feed item ${n} about Acme`, author: 'dana' }));
    rssHarness.mount(server, () => items);
    server.route('/ratelimited', (_req, res) => void res.writeHead(429, { 'retry-after': '120', 'content-type': 'text/plain' }).end('slow down'));
    server.route('/broken', (_req, res) => void res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>'));
    server.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel><title>slow</title>');
      slowResponses.push(res); // never finished: the client's deadline must end it
    });
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = '<!-- ' + 'x'.repeat(64 * 1024) + ' -->';
      res.write('<rss version="2.0"><channel>');
      for (let i = 0; i < 40; i++) res.write(chunk); // ~2.6 MB, no Content-Length
      res.end('</channel></rss>');
    });
    const zipped = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    server.route('/gzip-bomb', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', 'content-length': String(zipped.length) }).end(zipped));
    server.route('/truncated', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>cut</title><item><title>half an ite'));
    server.route('/bomb', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bomb));
    server.route('/xxe', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xxe));
    server.route('/to-private', (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    server.route('/to-loopback6', (_req, res) => void res.writeHead(301, { location: `http://[::1]:${server.port}/feeds/acme.xml` }).end());
    server.route('/loop', (_req, res) => void res.writeHead(302, { location: '/loop' }).end());
    server.route('/html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Login</body></html>'));
    server.route('/gone', (_req, res) => void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"The access token is invalid"}'));
    server.route('/xrpc/app.bsky.feed.searchPosts', (_req, res) => void res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"Forbidden"}'));

    ctx = await createFeedContext(dialect);
    // a deadline short enough for the test, long enough for a loaded machine
    ctx.feeds.http = createUndiciHttpClient({ ...ctx.feeds.limits, timeoutMs: 3000 });
    const b = server.base;
    const S = (id: string, type: string, keys: Record<string, unknown>) => addSource(ctx, 'acme', { id, type, every: 60_000, ...keys });
    await S('healthy', 'rss', { url: `${b}/feeds/acme.xml` });
    await S('ratelimited', 'rss', { url: `${b}/ratelimited` });
    await S('broken', 'rss', { url: `${b}/broken` });
    await S('slow', 'rss', { url: `${b}/slow` });
    await S('huge', 'rss', { url: `${b}/huge` });
    await S('gzipbomb', 'rss', { url: `${b}/gzip-bomb` });
    await S('truncated', 'rss', { url: `${b}/truncated` });
    await S('bomb', 'rss', { url: `${b}/bomb` });
    await S('xxe', 'rss', { url: `${b}/xxe` });
    await S('toprivate', 'rss', { url: `${b}/to-private` });
    await S('toloopback6', 'rss', { url: `${b}/to-loopback6` });
    await S('loop', 'rss', { url: `${b}/loop` });
    await S('html', 'rss', { url: `${b}/html` });
    await S('notjson', 'mastodon', { instance: `${b}/html`, tag: 'acme' });
    await S('unauthorised', 'jsonfeed', { url: `${b}/gone` });
    await S('bsky', 'bluesky', { query: 'acme', service: b });
  });
  afterEach(async () => {
    for (const r of slowResponses.splice(0)) r.destroy();
    await ctx.close();
    await server.close();
  });

  it('keeps the service healthy, the healthy source on schedule, and says why each faulty one failed', async () => {
    const poller = createFeedPoller(ctx, ctx.feeds);
    expect(await poller.tick()).toBe(16);
    await poller.drain();

    const app = createApp(ctx);
    expect((await app.request('/health')).status).toBe(200);
    const viewer = (await keyFor(ctx, 'viewer')).headers;
    const res = await app.request('/api/sources', { headers: viewer });
    expect(res.status).toBe(200);
    const views = new Map(((await res.json()) as { items: SourceView[] }).items.map((s) => [s.id, s]));

    expect(views.get('healthy')).toMatchObject({ status: 'ok', lastError: null, postsSeen: 3, nextPollAt: new Date(T0 + 60_000).toISOString() });
    const expectations: Record<string, [string, string, RegExp]> = {
      ratelimited: ['backoff', 'rate_limited', /429.*Retry-After 120s/],
      broken: ['backoff', 'server_error', /HTTP 503/],
      slow: ['backoff', 'timeout', /timed out/],
      huge: ['failing', 'too_large', /over the 1000000-byte cap/],
      gzipbomb: ['failing', 'too_large', /after decompression/],
      truncated: ['failing', 'parse', /malformed XML: document ends inside/],
      toprivate: ['failing', 'private_address', /169\.254\.169\.254/],
      toloopback6: ['failing', 'private_address', /::1/],
      loop: ['failing', 'too_many_redirects', /more than 3 redirects/],
      html: ['failing', 'parse', /malformed XML|not a feed/],
      notjson: ['failing', 'parse', /malformed JSON/],
      unauthorised: ['failing', 'auth', /HTTP 401.*access token is invalid/],
      bsky: ['failing', 'auth', /unauthenticated search.*appPassword/],
    };
    for (const [id, [status, code, reason]] of Object.entries(expectations)) {
      const v = views.get(id)!;
      expect(v.status, id).toBe(status);
      expect(v.lastError?.code, id).toBe(code);
      expect(v.lastError?.reason, id).toMatch(reason);
      expect(v.failures, id).toBe(1);
      expect(Date.parse(v.nextPollAt!), id).toBeGreaterThan(T0);
      expect((await sourceRow(ctx, id)).cursor, id).toBeNull();
    }
    // Retry-After is honoured (and shown), other retryable faults back off from 30 s, the rest retry slowly
    expect(Date.parse(views.get('ratelimited')!.nextPollAt!)).toBeGreaterThanOrEqual(T0 + 120_000);
    expect(views.get('ratelimited')!.rateLimit).toEqual({ retryAfterAt: T0 + 120_000 });
    expect(Date.parse(views.get('broken')!.nextPollAt!)).toBe(T0 + 22_500);
    expect(Date.parse(views.get('huge')!.nextPollAt!)).toBeGreaterThanOrEqual(T0 + 7.5 * 60_000);

    // hostile XML is tolerated: stored without any expansion or file contents
    expect(views.get('bomb')!.status).toBe('ok');
    expect(views.get('xxe')!.status).toBe('ok');
    const texts = (await ctx.db.selectFrom('posts').select(['source_id', 'text']).where('source_id', 'in', ['bomb', 'xxe']).execute()).map((r) => r.text);
    expect(texts).toHaveLength(2);
    for (const t of texts) expect(t.length).toBeLessThan(100);
    expect(texts.join(' ')).not.toMatch(/root:|lollol/);

    // the next minute: the healthy source is polled on schedule and picks up a new item
    items.push({ n: 4, time: T0 + 30_000, text: 'Healthy feed item 4 about Acme', author: 'lee' });
    ctx.clock.advance(60_000);
    const due = await poller.tick();
    const outcomes = await poller.drain();
    // the ok sources on schedule, plus broken and slow after their 22.5 s backoff; not the 429 one, not the slow retries
    expect(outcomes.map((o) => o.source).sort()).toEqual(['bomb', 'broken', 'healthy', 'slow', 'xxe']);
    expect(due).toBe(5);
    expect(await postCount(ctx, 'healthy')).toBe(4);
    expect((await sourceRow(ctx, 'healthy')).next_poll_at).toBe(T0 + 120_000);
    expect((await sourceRow(ctx, 'broken')).failures).toBe(2);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('a failing poll keeps the cursor and validators it had', async () => {
    const poller = createFeedPoller(ctx, ctx.feeds);
    await ctx.db.updateTable('sources').set({ enabled: 0 }).where('id', '!=', 'healthy').execute();
    await poller.tick();
    await poller.drain();
    const before = await sourceRow(ctx, 'healthy');
    expect(before.cursor).not.toBeNull();
    expect(before.etag).not.toBeNull();
    server.route('/feeds/acme.xml', (_req, res) => void res.writeHead(500).end('down'));
    ctx.clock.advance(60_000);
    await poller.tick();
    await poller.drain();
    const after = await sourceRow(ctx, 'healthy');
    expect(after).toMatchObject({ status: 'backoff', cursor: before.cursor, etag: before.etag, error_code: 'server_error' });
    expect(Number(after.posts_seen)).toBe(3);
  });
});
