/**
 * Reply publishers and notification deliveries go through one hardened HTTP call (notify/http.ts).
 * Two real local servers on different ports, so of different origins: the API the source names,
 * which redirects, and another that records every request it gets. A token or Authorization header
 * never reaches the other origin; a POST (a reply, a login with a password in its body) is not sent
 * there at all; a redirect within the API's own origin is still followed with the credentials.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver, type Received } from '../helpers/webhook-receiver.js';
import { mastodon } from '../../src/replies/publishers/mastodon.js';
import { reddit, resetRedditTokens } from '../../src/replies/publishers/reddit.js';
import { bluesky, resetReplySessions } from '../../src/replies/publishers/bluesky.js';
import { PublishError, type PublishRequest } from '../../src/replies/types.js';
import type { FetchLike } from '../../src/notify/http.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { enqueueNotice } from '../../src/notify/outbox.js';
import { deliverDue } from '../../src/notify/deliver.js';
import { revoltNotice } from '../../src/notify/message.js';

const TOKEN = 'masto-token-0123456789';
const PARENT_BSKY = 'at://did:plc:customer00000000000000000/app.bsky.feed.post/3kabcdefghi22';
const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const redirect = (status: number, to: string) => ({ status, headers: { location: to } });

function request(source: Record<string, unknown>, attempts = 0): PublishRequest {
  return {
    reply: { id: 'rp_redirect_1', text: 'Hi, we are on it.', lang: 'en', createdAt: Date.parse('2026-03-02T10:00:00Z'), attempts },
    post: { id: 'p1', externalId: '109876543210', url: null, source: 'src-1', sourceType: 'mastodon', target: 'acme', author: 'maria', text: 'lost bag' },
    item: { id: 'q1', title: 'lost bag', kind: 'post', team: 'care', assignee: null },
    source,
    fetch: globalThis.fetch as unknown as FetchLike,
    timeoutMs: 5_000,
    now: Date.parse('2026-03-02T10:00:00Z'),
  };
}
async function refusal(p: Promise<unknown>): Promise<PublishError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PublishError);
  return err as PublishError;
}
/** Every header name that carries something of ours. */
const secretsIn = (r: Received) => Object.keys(r.headers).filter((h) => ['authorization', 'idempotency-key', 'cookie', 'webhook-signature', 'webhook-id'].includes(h));

describe('a reply API that redirects to another origin', () => {
  let api: Receiver; // the API the source names
  let other: Receiver; // another origin (another port), recording what reaches it
  beforeEach(async () => {
    resetRedditTokens();
    resetReplySessions();
    other = await startReceiver(() => json({ id: 'elsewhere', data: { children: [] }, posts: [] }));
    api = await startReceiver();
  });
  afterEach(async () => {
    await api.close();
    await other.close();
  });

  it.each([307, 308, 301, 302, 303])('never sends a reply (POST) to another origin after a %i, and says why', async (status) => {
    api.setScript((r) => redirect(status, `${other.url}${r.path}`));
    const err = await refusal(mastodon.publish(request({ instance: api.url, accessToken: TOKEN })));
    expect(other.received).toHaveLength(0);
    expect(api.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`); // it did go to the API itself
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(status >= 307 ? /redirected a POST to another origin \(http:\/\/127\.0\.0\.1:\d+\): not sent there/ : new RegExp(`answered HTTP ${status} .*a POST is not followed there`));
  });

  it('never sends a login (a password in the body) to another origin', async () => {
    api.setScript((r) => redirect(307, `${other.url}${r.path}`));
    await refusal(reddit.publish({ ...request({ oauthBase: api.url, tokenUrl: `${api.url}/api/v1/access_token`, clientId: 'cid', clientSecret: 'csecret', username: 'AcmeCare', password: 'hunter2-but-longer' }), post: { ...request({}).post, externalId: 't3_abc123' } }));
    expect(api.received[0].headers.authorization).toMatch(/^Basic /);
    expect(other.received).toHaveLength(0);
  });

  it('follows a GET to another origin without the Authorization header or anything else of ours', async () => {
    // Reddit: the token from the API, then the look-up of an earlier landing (a GET) redirected away
    api.setScript((r) => (r.path.startsWith('/api/v1/access_token') ? json({ access_token: 'reddit-token-xyz', expires_in: 3600 }) : r.path.startsWith('/user/') ? redirect(302, `${other.url}${r.path}`) : json({ json: { errors: [], data: { things: [{ data: { name: 't1_new', permalink: '/r/acme/c/new' } }] } } })));
    const out = await reddit.publish({ ...request({ oauthBase: api.url, tokenUrl: `${api.url}/api/v1/access_token`, clientId: 'cid', clientSecret: 'csecret', username: 'AcmeCare', password: 'hunter2-but-longer' }, 1), post: { ...request({}).post, externalId: 't3_abc123' } });
    expect(out).toMatchObject({ ok: true, remoteId: 't1_new' });
    expect(other.received).toHaveLength(1);
    expect(other.received[0].path).toMatch(/^\/user\/AcmeCare\/comments/);
    expect(secretsIn(other.received[0])).toEqual([]);
    expect(other.received[0].headers['user-agent']).toBe('Backlash-Replies/1'); // neutral headers go on
    // the comment itself went to the API, with the token
    expect(api.received.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/v1/access_token', expect.stringMatching(/^Basic /)],
      [expect.stringMatching(/^\/user\/AcmeCare\/comments/), 'Bearer reddit-token-xyz'],
      ['/api/comment', 'Bearer reddit-token-xyz'],
    ]);
  });

  it('keeps the Bluesky session token on its own origin: a redirected getPosts reaches the other one bare', async () => {
    api.setScript((r) => (r.path.includes('createSession') ? json({ accessJwt: 'jwt-secret-abc', did: 'did:plc:acmecare', handle: 'care.acme.test' }) : redirect(307, `${other.url}${r.path}`)));
    const err = await refusal(bluesky.publish({ ...request({ service: api.url, identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop' }), post: { ...request({}).post, externalId: PARENT_BSKY } }));
    expect(err.message).toMatch(/is gone/); // the other origin knows no such post
    expect(other.received).toHaveLength(1);
    expect(other.received[0].path).toMatch(/^\/xrpc\/app\.bsky\.feed\.getPosts/);
    expect(secretsIn(other.received[0])).toEqual([]);
    expect(JSON.stringify(other.received[0].headers)).not.toContain('jwt-secret-abc');
  });

  it('follows a redirect within the API’s own origin with the credentials', async () => {
    api.setScript((r) => (r.path === '/api/v1/statuses' ? redirect(308, '/v2/statuses') : json({ id: '42', url: `${api.url}/@care/42` })));
    const out = await mastodon.publish(request({ instance: api.url, accessToken: TOKEN }));
    expect(out).toMatchObject({ ok: true, remoteId: '42' });
    expect(api.received.map((r) => [r.path, r.headers.authorization, r.headers['idempotency-key'], r.body.length > 0])).toEqual([
      ['/api/v1/statuses', `Bearer ${TOKEN}`, 'rp_redirect_1', true],
      ['/v2/statuses', `Bearer ${TOKEN}`, 'rp_redirect_1', true],
    ]);
    expect(other.received).toHaveLength(0);
  });

  it('stops a redirect loop, and reads no more of an answer than the cap', async () => {
    api.setScript((r) => (r.path.startsWith('/xrpc/com.atproto.server.createSession') ? json({ accessJwt: 'jwt', did: 'did:plc:x', handle: 'h' }) : redirect(302, r.path)));
    const loop = await refusal(bluesky.publish({ ...request({ service: api.url, identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop' }), post: { ...request({}).post, externalId: PARENT_BSKY } }));
    expect(loop.message).toMatch(/^more than 3 redirects from 127\.0\.0\.1:\d+$/);
    expect(loop.retryable).toBe(false);
    api.setScript(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"id":"1","pad":"${'x'.repeat(3 * 1024 * 1024)}"}` }));
    const big = await refusal(mastodon.publish(request({ instance: api.url, accessToken: TOKEN })));
    expect(big.message).toMatch(/answered HTTP 200 with more than 2097152 bytes: not read further/);
  });
});

describe('a notification destination that redirects to another origin', () => {
  let hook: Receiver;
  let other: Receiver;
  let ctx: TestContext;
  beforeEach(async () => {
    other = await startReceiver();
    hook = await startReceiver((r) => redirect(307, `${other.url}${r.path}`));
    ctx = await createTestContext({ config: `notifications:\n  channels:\n    - { id: hook, type: webhook, url: "${hook.url}/hook", secret: "redirect-test-secret-0123456789" }\n` });
  });
  afterEach(async () => {
    await ctx.close();
    await hook.close();
    await other.close();
  });

  it('is not sent there: a dead letter that names the redirect (the shared call)', async () => {
    const notice = revoltNotice({ kind: 'revolt.opened', eventId: 'e_1', at: ctx.clock.now(), label: 'Revolt', target: 'acme', severity: 60, priority: 'P3', stage: 'emerging', posts: 10, authors: 8, team: 'care', topPosts: [], link: null });
    await enqueueNotice(ctx, { notice, channels: ctx.config.notifications.channels, subject: 'e_1', at: ctx.clock.now() });
    const r = await deliverDue(ctx);
    expect(r).toMatchObject({ delivered: 0, dead: 1 });
    expect(hook.received[0].headers['webhook-signature']).toMatch(/^v1,/);
    expect(other.received).toHaveLength(0);
    const row = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/redirected a POST to another origin/);
  });
});
