/**
 * Reply retries follow the notifications' policy (notify/retry.ts): a reply API that is down for an
 * hour does not turn replies into dead letters; the reply reaches the network once it is back,
 * within one backoffMax (5 min), exactly once; a dead letter comes only at the retryFor (24 h)
 * horizon; Retry-After (and a 429's rate-limit reset) is honoured. The reply API is a real local
 * server that speaks Mastodon's statuses endpoint and stops listening (connections refused) while
 * it is down; time is the context's simulated clock, never a real wait.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { createApp } from '../../src/app.js';
import { syncTargets } from '../../src/store/targets.js';
import { publishDue } from '../../src/replies/publish.js';
import { routingSetup, seedPosts } from '../routing/fixtures.js';
import { queueLoneComplaints } from '../../src/routing/lone.js';
import { ManualClock } from '../../src/util/clock.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const S = 1_000;
const MIN = 60_000;
const H = 60 * MIN;
const TOKEN = 'masto-token-0123456789';
const ROUTING = `
teams:
  - id: care
    agents: [{ id: ana, capacity: 10 }]
default:
  team: care
  sla: { firstResponse: 1h }
singlePosts: { complaintScore: 0.5, complaintWait: 0s }
`;
/** A Mastodon statuses endpoint: 200 with the status, once per Idempotency-Key (like Mastodon). */
const mastodonOk = (rx: () => Receiver) => (r: { path: string; headers: Record<string, unknown>; key: string | null }) =>
  r.path === '/api/v1/statuses' && r.headers.authorization === `Bearer ${TOKEN}` ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `s-${r.key}`, url: `${rx().url}/@care/${r.key}` }) } : { status: 401, body: '{"error":"The access token is invalid"}' };

describe.each(DIALECTS)('a reply API that goes away (%s)', (dialect) => {
  let rx: Receiver;
  let ctx: TestContext;
  let replyId: string;
  beforeEach(async () => {
    rx = await startReceiver();
    rx.setScript(mastodonOk(() => rx));
  });
  afterEach(async () => {
    await ctx?.close();
    await rx.close();
  });

  /** A context whose Mastodon source answers at rx, and one pending reply drafted at T0. */
  async function setup(replies = '') {
    const config = `
targets:
  - id: acme
    sources:
      - { id: acme-masto, type: mastodon, instance: "${rx.url}", tag: acme, accessToken: ${TOKEN} }
${replies ? `replies:\n${replies}` : ''}`;
    ctx = await createTestContext({ dialect, config, now: T0 });
    const setupRouting = routingSetup(ROUTING);
    ctx.routing = () => setupRouting;
    await syncTargets(ctx, ctx.config.targets);
    await seedPosts(ctx, [{ id: 'pm', source: 'acme-masto', author: 'maria@social.example', text: 'my bag is lost @acme' }]);
    await ctx.db.updateTable('posts').set({ external_id: '109876543210' }).where('id', '=', 'pm').execute();
    await queueLoneComplaints(ctx);
    const item = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'pm').executeTakeFirstOrThrow()).id;
    const res = await createApp(ctx).request(`/api/queue/${item}/replies`, { method: 'POST', headers: { ...(await keyFor(ctx, 'agent', 'ana')).headers, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Hi {author}, we are on it.' }) });
    expect(res.status).toBe(201);
    replyId = ((await res.json()) as { replies: { id: string }[] }).replies[0].id;
  }
  const row = () => ctx.db.selectFrom('replies').selectAll().where('id', '=', replyId).executeTakeFirstOrThrow();
  /** Ticks the worker every `step` of simulated time until `until`, as the publish-replies job does. */
  async function run(until: number, step: number) {
    while (ctx.clock.now() < until) {
      await publishDue(ctx);
      ctx.clock.advance(step);
    }
  }

  it('publishes a reply once the API is back after an hour down: no dead letter, exactly once', { timeout: 120_000 }, async () => {
    await setup(); // the defaults under test: retryFor 24h, backoffBase 5s, backoffMax 5m
    await rx.down();
    await run(T0 + H, 5 * S);
    const during = await row();
    expect(during).toMatchObject({ status: 'pending', last_status: null });
    expect(during.last_error).toMatch(/^network: /);
    // 5 s doubling up to 5 min, with jitter: a try every 2.5-5 min once the steps are capped
    expect(during.attempts).toBeGreaterThanOrEqual(12);
    expect(during.attempts).toBeLessThanOrEqual(30);
    expect(rx.received).toHaveLength(0);

    await rx.up();
    const upAt = ctx.clock.now();
    await run(upAt + 6 * MIN, 5 * S);
    const after = await row();
    expect(after).toMatchObject({ status: 'sent', remote_id: `s-${replyId}`, attempts: during.attempts + 1 });
    expect(after.sent_at! - upAt).toBeLessThanOrEqual(5 * MIN + 5 * S); // within one backoffMax of coming back
    expect(rx.received.map((r) => r.key)).toEqual([replyId]); // exactly one request reached it, with the reply's key
    expect(rx.processed.get(replyId)).toBe(1);
    const audit = await ctx.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('reply.'))).toEqual(['reply.drafted', 'reply.sent']);
    process.stderr.write(`reply outage test (${dialect}): 60 min down, ${during.attempts} tries during the outage, sent ${Math.round((after.sent_at! - upAt) / 1000)} s after the API came back\n`);
  });

  it('dead-letters only when a try fails at the retryFor horizon (24 h), and a resend then publishes it once', { timeout: 120_000 }, async () => {
    await setup();
    rx.setScript(() => ({ status: 500, body: 'Something went wrong' }));
    // jump from one due try to the next: the simulated clock, no real wait
    let r = await row();
    let last = r;
    while (r.status === 'pending') {
      last = r;
      ctx.clock.set(Math.max(ctx.clock.now(), r.next_attempt_at));
      await publishDue(ctx);
      r = await row();
    }
    expect(last.next_attempt_at).toBeLessThan(T0 + 24 * H + 5 * MIN);
    expect(r.status).toBe('dead');
    expect(ctx.clock.now()).toBeGreaterThanOrEqual(T0 + 24 * H); // not a moment before the horizon…
    expect(ctx.clock.now()).toBeLessThan(T0 + 24 * H + 5 * MIN); // …and at the first try after it
    expect(r.last_error).toMatch(/^no answer from mastodon for 24 h \(the retryFor horizon\); last: Mastodon statuses: HTTP 500/);
    expect(r.attempts).toBe(rx.received.length);
    expect(r.attempts).toBeGreaterThan(24 * 12); // a try at least every 5 min all day
    const dead = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'reply.dead').execute();
    expect(dead).toHaveLength(1);

    rx.setScript(mastodonOk(() => rx));
    const item = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'pm').executeTakeFirstOrThrow()).id;
    const res = await createApp(ctx).request(`/api/queue/${item}/replies/${replyId}/resend`, { method: 'POST', headers: (await keyFor(ctx, 'agent', 'ana')).headers });
    expect(res.status).toBe(200);
    await run(ctx.clock.now() + 10 * S, 5 * S);
    expect(await row()).toMatchObject({ status: 'sent' });
    expect(rx.processed.get(replyId)).toBe(1);
  });

  it('counts the horizon from when the reply was resent, not from its first draft', { timeout: 60_000 }, async () => {
    await setup('  retryFor: 1h\n');
    rx.setScript(() => ({ status: 503, body: 'down' }));
    await run(T0 + H + 6 * MIN, 30 * S);
    expect(await row()).toMatchObject({ status: 'dead' });
    const item = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'pm').executeTakeFirstOrThrow()).id;
    await createApp(ctx).request(`/api/queue/${item}/replies/${replyId}/resend`, { method: 'POST', headers: (await keyFor(ctx, 'agent', 'ana')).headers });
    const resentAt = ctx.clock.now();
    await run(resentAt + 50 * MIN, 30 * S);
    expect(await row()).toMatchObject({ status: 'pending' }); // a fresh hour, though drafted over two hours ago
    await run(resentAt + H + 6 * MIN, 30 * S);
    expect(await row()).toMatchObject({ status: 'dead' });
  });

  it('honours Retry-After (seconds or an HTTP date) and a 429’s rate-limit reset, longer than the backoff', async () => {
    await setup();
    // an HTTP date counts from the context's wall clock (held still here)
    const wall = Date.parse('2026-12-01T08:00:00Z');
    ctx.wallClock = new ManualClock(wall);
    const answers: { status: number; headers: Record<string, string>; body: string }[] = [
      { status: 429, headers: { 'retry-after': '600' }, body: '{"error":"Too many requests"}' },
      { status: 503, headers: { 'retry-after': new Date(wall + 20 * MIN).toUTCString() }, body: 'maintenance' },
      { status: 429, headers: { 'x-ratelimit-reset': new Date(wall + 15 * MIN).toISOString() }, body: '{"error":"Too many requests"}' },
    ];
    const waits: number[] = [];
    for (const a of answers) {
      rx.setScript(() => a);
      const before = await row();
      ctx.clock.set(Math.max(ctx.clock.now(), before.next_attempt_at));
      const at = ctx.clock.now();
      await publishDue(ctx, { random: () => 1 });
      const r = await row();
      expect(r).toMatchObject({ status: 'pending', last_status: a.status });
      waits.push(r.next_attempt_at - at);
    }
    // each longer than the backoff would have been (5 s, 10 s, 20 s with random() = 1)
    expect(waits).toEqual([600 * S, 20 * MIN, 15 * MIN]);
    rx.setScript(mastodonOk(() => rx));
    ctx.clock.set((await row()).next_attempt_at);
    await publishDue(ctx);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 4 });
  });
});
