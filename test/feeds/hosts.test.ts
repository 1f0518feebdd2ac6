/**
 * The per-host limits apply to the host a source actually requests. Each source declares its hosts
 * from its config (the registry drives the poller): unauthenticated Bluesky searches the public
 * AppView (public.api.bsky.app), Reddit with OAuth lists from oauth.reddit.com. The sources poll with
 * their default hosts; a resolver in front of the real HTTP client sends every request to a local
 * server playing those hosts, and records the host asked for and the queue key the poll ran under.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { addSource, createFeedContext, startFixtureServer, type FeedTestContext, type FixtureServer } from './helpers.js';
import { createFeedPoller, sourceHost } from '../../src/feeds/poller.js';
import { SOURCES } from '../../src/feeds/sources/index.js';
import type { HttpClient } from '../../src/feeds/http.js';
import type { FeedRuntime, TaskQueue } from '../../src/feeds/runtime.js';

interface Seen {
  source: string | undefined;
  requested: string;
  queuedUnder: string | undefined;
}

/** The real queue and HTTP client, with the queue key each request ran under recorded. */
function resolving(rt: FeedRuntime, server: FixtureServer, seen: Seen[]): FeedRuntime {
  const running = new AsyncLocalStorage<string>();
  const queue: TaskQueue = {
    add: (host, task) => rt.queue.add(host, () => running.run(host, task)),
    onIdle: () => rt.queue.onIdle(),
  };
  const http: HttpClient = {
    async request(req) {
      const u = new URL(req.url);
      seen.push({ source: u.searchParams.get('q') ?? undefined, requested: u.host, queuedUnder: running.getStore() });
      const res = await rt.http.request({ ...req, url: `${server.base}${u.pathname}${u.search}` });
      return { ...res, url: req.url };
    },
  };
  return { ...rt, queue, http };
}

describe('the hosts a source declares', () => {
  const parse = <T extends keyof typeof SOURCES>(type: T, config: unknown) => SOURCES[type].schema.parse(config);

  it('are the hosts its requests go to, defaults included', () => {
    expect(SOURCES.bluesky.hosts(parse('bluesky', { query: 'acme' }))).toEqual(['public.api.bsky.app']);
    expect(SOURCES.bluesky.hosts(parse('bluesky', { query: 'acme', identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop' }))).toEqual(['bsky.social']);
    expect(SOURCES.bluesky.hosts(parse('bluesky', { query: 'acme', service: 'https://pds.acme.example:8443/' }))).toEqual(['pds.acme.example:8443']);
    expect(SOURCES.reddit.hosts(parse('reddit', { subreddit: 'acme' }))).toEqual(['www.reddit.com']);
    expect(SOURCES.reddit.hosts(parse('reddit', { subreddit: 'acme', clientId: 'id', clientSecret: 'secret' }))).toEqual(['oauth.reddit.com', 'www.reddit.com']);
    expect(SOURCES.appstore.hosts(parse('appstore', { appId: '123' }))).toEqual(['itunes.apple.com']);
    expect(SOURCES.hackernews.hosts(parse('hackernews', { query: 'acme' }))).toEqual(['hn.algolia.com']);
    expect(SOURCES.mastodon.hosts(parse('mastodon', { instance: 'https://mastodon.example', tag: 'acme' }))).toEqual(['mastodon.example']);
    expect(SOURCES.rss.hosts(parse('rss', { url: 'https://status.acme.example/feed.xml' }))).toEqual(['status.acme.example']);
  });

  it('key the poll queue: the first declared host, from the stored config', () => {
    expect(sourceHost('bluesky', JSON.stringify({ query: 'acme' }))).toBe('public.api.bsky.app');
    expect(sourceHost('reddit', JSON.stringify({ subreddit: 'acme', clientId: 'id', clientSecret: 'secret' }))).toBe('oauth.reddit.com');
    expect(sourceHost('reddit', JSON.stringify({ subreddit: 'acme' }))).toBe('www.reddit.com');
    expect(sourceHost('rss', 'not json')).toBe('rss'); // pollSource reports the bad config on the source
  });
});

describe.each(DIALECTS)('polling under the host actually requested (%s)', (dialect) => {
  let ctx: FeedTestContext;
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    ctx = await createFeedContext(dialect);
    const json = (body: unknown) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    server.route('/xrpc/app.bsky.feed.searchPosts', json({ posts: [] }));
    server.route('/api/v1/access_token', json({ access_token: 'tok', expires_in: 3600 }));
    server.route('/r/', json({ kind: 'Listing', data: { children: [], after: null } }));
  });
  afterEach(async () => {
    await ctx.close();
    await server.close();
  });

  it('queues unauthenticated Bluesky under public.api.bsky.app and OAuth Reddit under oauth.reddit.com', async () => {
    await addSource(ctx, 'acme', { id: 'bsky-public', type: 'bluesky', query: 'acme-bsky' });
    // the access token is cached per source id for the process: an id of its own per run
    await addSource(ctx, 'acme2', { id: `reddit-oauth-${dialect}`, type: 'reddit', subreddit: 'acme', query: 'acme-reddit', clientId: 'id', clientSecret: 'secret' });
    await addSource(ctx, 'acme3', { id: 'reddit-public', type: 'reddit', subreddit: 'acmeair', query: 'acme-public' });
    const seen: Seen[] = [];
    const poller = createFeedPoller(ctx, resolving(ctx.feeds, server, seen));
    expect(await poller.tick()).toBe(3);
    const outcomes = await poller.drain();
    expect(outcomes.map((o) => [o.source, o.status, o.error]).sort()).toEqual([['bsky-public', 'ok', undefined], [`reddit-oauth-${dialect}`, 'ok', undefined], ['reddit-public', 'ok', undefined]]);

    const listings = seen.filter((s) => s.source !== undefined);
    expect(listings.map((s) => [s.source, s.requested, s.queuedUnder]).sort()).toEqual([
      ['acme-bsky', 'public.api.bsky.app', 'public.api.bsky.app'],
      ['acme-public', 'www.reddit.com', 'www.reddit.com'],
      ['acme-reddit', 'oauth.reddit.com', 'oauth.reddit.com'],
    ]);
    // the token request is the one call away from the queue's host, to a host the source declares
    expect(seen.filter((s) => s.source === undefined)).toEqual([{ source: undefined, requested: 'www.reddit.com', queuedUnder: 'oauth.reddit.com' }]);
  });
});
