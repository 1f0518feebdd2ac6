/**
 * Issue 16, item 3: a source's configured headers (apikey, X-Api-Key, Cookie, Authorization, any
 * other) must not follow a redirect to another origin, on the Node client (undici) and on the
 * fetch client Workers use; on the same origin they go on. Two real local servers on two ports are
 * two origins.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUndiciHttpClient, type UndiciHttpClient } from '../../src/entry/http-undici.js';
import { createFetchHttpClient } from '../../src/entry/http-fetch.js';
import type { HttpClient, HttpLimits } from '../../src/feeds/http.js';
import { addSource, createFeedContext, startFixtureServer, type FeedTestContext, type FixtureServer } from './helpers.js';

const LIMITS: HttpLimits = { timeoutMs: 5000, maxBytes: 1_000_000, maxRedirects: 5, allowPrivateHosts: ['127.0.0.1'], userAgent: 'Backlash/test' };
const CONFIGURED = { apikey: 'k-111', 'X-Api-Key': 'k-222', Cookie: 'session=k-333', Authorization: 'Bearer k-444', 'X-Tenant-Secret': 'k-555' };
const SECRET_VALUES = Object.values(CONFIGURED);
const FEED = '<rss version="2.0"><channel><title>t</title><item><guid>r1</guid><title>Acme refund still missing</title></item></channel></rss>';

describe('credentials on redirects', () => {
  let a: FixtureServer;
  let b: FixtureServer;
  let undici: UndiciHttpClient;
  beforeEach(async () => {
    a = await startFixtureServer();
    b = await startFixtureServer();
    for (const s of [a, b]) s.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    a.route('/to-b', (_req, res) => void res.writeHead(302, { location: `${b.base}/feed.xml` }).end());
    a.route('/to-b-and-back', (_req, res) => void res.writeHead(307, { location: `${b.base}/back-to-a` }).end());
    b.route('/back-to-a', (_req, res) => void res.writeHead(301, { location: `${a.base}/feed.xml` }).end());
    a.route('/same', (_req, res) => void res.writeHead(302, { location: '/feed.xml' }).end());
    undici = createUndiciHttpClient(LIMITS);
  });
  afterEach(async () => {
    await undici.close();
    await a.close();
    await b.close();
  });

  const sentSecrets = (s: FixtureServer, path: string) =>
    s.log.filter((r) => r.url.pathname === path).flatMap((r) => Object.entries(r.headers).filter(([, v]) => SECRET_VALUES.some((x) => String(v).includes(x))).map(([k]) => k));

  const clients: [string, () => HttpClient][] = [
    ['undici (Node)', () => undici],
    ['fetch (Workers)', () => createFetchHttpClient(LIMITS, fetch)],
  ];

  for (const [name, client] of clients) {
    it(`${name}: drops every configured header on a hop to another origin, and for the rest of the chain`, async () => {
      const res = await client().request({ url: `${a.base}/to-b`, headers: { ...CONFIGURED, accept: 'application/rss+xml' } });
      expect(res.status).toBe(200);
      expect(sentSecrets(a, '/to-b').sort()).toEqual(Object.keys(CONFIGURED).map((k) => k.toLowerCase()).sort());
      expect(sentSecrets(b, '/feed.xml')).toEqual([]);
      expect(b.log.find((r) => r.url.pathname === '/feed.xml')!.headers.accept).toBe('application/rss+xml');
      // back to the first origin after a foreign hop: still nothing (the chain went through another host)
      await client().request({ url: `${a.base}/to-b-and-back`, headers: CONFIGURED });
      expect(sentSecrets(b, '/back-to-a')).toEqual([]);
      expect(sentSecrets(a, '/feed.xml')).toEqual([]);
    });

    it(`${name}: keeps them on a redirect within the same origin`, async () => {
      await client().request({ url: `${a.base}/same`, headers: CONFIGURED });
      expect(sentSecrets(a, '/feed.xml').length).toBe(Object.keys(CONFIGURED).length);
    });
  }

  it('a polled source with headers does not send them to the host it is redirected to', async () => {
    const ctx: FeedTestContext = await createFeedContext('sqlite');
    try {
      await addSource(ctx, 'acme', { id: 'redirected', type: 'rss', url: `${a.base}/to-b`, headers: CONFIGURED });
      expect(await ctx.poll('redirected')).toMatchObject({ status: 'ok', newPosts: 1 });
      expect(sentSecrets(b, '/feed.xml')).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
