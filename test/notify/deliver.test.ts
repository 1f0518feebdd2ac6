import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from '../helpers/webhook-receiver.js';
import { enqueueNotice } from '../../src/notify/outbox.js';
import { backoffMs, deliverDue, parseRetryAfter } from '../../src/notify/deliver.js';
import { TokenBucketLimiter } from '../../src/notify/limiter.js';
import { revoltNotice, type Notice } from '../../src/notify/message.js';
import { createApp } from '../../src/app.js';
import { createApiKey } from '../../src/auth/keys.js';

const SECRET = 'receiver-secret-0123456789';
const T0 = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;

function notice(i: number, at: number, over: Partial<Notice> = {}): Notice {
  return { ...revoltNotice({ kind: 'revolt.opened', eventId: `e_${i}`, at, label: `Revolt ${i}`, target: 'acme', severity: 60, priority: 'P3', stage: 'emerging', posts: 10, authors: 8, team: 'care', topPosts: [], link: null }), ...over };
}

describe.each(DIALECTS)('delivery worker (%s)', (dialect) => {
  let rx: Receiver;
  let ctx: TestContext;
  const channelsYaml = (extra = '') => `
notifications:
  timeout: 1s
  maxAttempts: 6
  retryFor: 1h
  backoffBase: 10s
  backoffMax: 10m
  channels:
    - { id: hook, type: webhook, url: "${'$'}{RX}/hook", secret: "${SECRET}"${extra} }
`;
  // one limiter per test, as the deliver job keeps one for its lifetime (jobs/deliver.ts)
  let limiter = new TokenBucketLimiter();
  async function setup(yaml: string) {
    ctx = await createTestContext({ dialect, config: yaml.replaceAll('${RX}', rx.url), now: T0 });
    limiter = new TokenBucketLimiter();
  }
  const enqueue = async (n: Notice, channels = ctx.config.notifications.channels, subject = n.eventId) => enqueueNotice(ctx, { notice: n, channels, subject, at: ctx.clock.now() });
  /** Tick, then jump the simulated clock to the next due row, until nothing is pending. */
  async function drain(maxTicks = 50) {
    for (let i = 0; i < maxTicks; i++) {
      await deliverDue(ctx, { limiter });
      const next = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.min('next_attempt_at').as('t')).where('status', '=', 'pending').executeTakeFirst();
      if (next?.t == null) return i + 1;
      ctx.clock.set(Math.max(ctx.clock.now(), Number(next.t)));
    }
    throw new Error('outbox did not drain');
  }
  const statuses = async () => Object.fromEntries((await ctx.db.selectFrom('outbox').select(['event_id', 'status']).execute()).map((r) => [r.event_id, r.status]));

  beforeEach(async () => {
    rx = await startReceiver();
  });
  afterEach(async () => {
    await ctx?.close();
    await rx.close();
  });

  it('survives 500, 429 with Retry-After and a timeout, then delivers every event once per key', async () => {
    await setup(channelsYaml());
    const script = ['500', '429', 'hang'];
    rx.setScript((_r, n) => {
      const s = script[n - 1];
      if (s === '500') return { status: 500 };
      if (s === '429') return { status: 429, headers: { 'retry-after': '120' } };
      if (s === 'hang') return { hang: true };
      return { status: 200 };
    });
    for (let i = 0; i < 5; i++) await enqueue(notice(i, T0));
    await deliverDue(ctx, { limiter }); // e_0 → 500; the failing destination is left alone for the rest of this tick
    let row = await ctx.db.selectFrom('outbox').selectAll().where('event_id', '=', 'e_0').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status: 500 });
    expect(row.next_attempt_at - T0).toBeGreaterThanOrEqual(5_000); // 10 s step with equal jitter: 5-10 s
    expect(row.next_attempt_at - T0).toBeLessThanOrEqual(10_000);
    ctx.clock.set(row.next_attempt_at);
    await deliverDue(ctx, { limiter }); // the next request → 429 Retry-After: 120
    const limited = await ctx.db.selectFrom('outbox').selectAll().where('last_status', '=', 429).executeTakeFirstOrThrow();
    expect(limited.next_attempt_at - ctx.clock.now()).toBeGreaterThanOrEqual(120_000);
    await drain();
    expect(await statuses()).toEqual({ e_0: 'delivered', e_1: 'delivered', e_2: 'delivered', e_3: 'delivered', e_4: 'delivered' });
    expect((await ctx.db.selectFrom('outbox').select('last_error').where('event_id', '=', 'e_0').executeTakeFirstOrThrow()).last_error).toBeNull();
    // 5 events + 3 failed attempts (500, 429, timeout) reached the receiver, each under its event's key
    expect(rx.received).toHaveLength(8);
    expect(rx.received.filter((r) => r.answered !== null && r.answered >= 400).map((r) => r.answered)).toEqual([500, 429]);
    expect([...rx.processed.keys()].sort()).toEqual(['e_0', 'e_1', 'e_2', 'e_3', 'e_4']);
    expect([...rx.processed.values()].every((n) => n === 1)).toBe(true);
    for (const r of rx.received) expect(verifyStandardWebhook(r, [SECRET])).toEqual([]);
  });

  it('an idempotent receiver sees each event once even when its answer arrives after our timeout', async () => {
    await setup(channelsYaml());
    rx.setScript((_r, n) => (n === 1 ? { status: 200, delayMs: 1_500 } : { status: 200 })); // processed, but too late for us
    for (let i = 0; i < 3; i++) await enqueue(notice(i, T0));
    await drain();
    await rx.answered(); // the late answer lands: the receiver processed the request we gave up on
    const keys = rx.received.map((r) => r.key);
    expect(keys.filter((k) => k === 'e_0')).toHaveLength(2); // sent again: at least once
    expect(rx.received.map((r) => r.answered)).toEqual(rx.received.map(() => 200));
    // both e_0 requests were accepted; a receiver that dedupes by webhook-id handles each event once
    expect(rx.processed).toEqual(new Map([['e_0', 2], ['e_1', 1], ['e_2', 1]]));
    expect(new Set(keys)).toEqual(new Set(['e_0', 'e_1', 'e_2']));
    expect(await statuses()).toEqual({ e_0: 'delivered', e_1: 'delivered', e_2: 'delivered' });
  });

  it('dead-letters at the retryFor horizon (not after a count of attempts), shows it in the API and resends it', async () => {
    await setup(channelsYaml());
    rx.setScript(() => ({ status: 503 }));
    await enqueue(notice(1, T0));
    await drain(200);
    const dead = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    // 10 s doubling to 10 min: 7 probes reach the cap after ~21 min, then one every 5-10 min until the hour is over
    expect(dead).toMatchObject({ status: 'dead', last_status: 503 });
    expect(dead.attempts).toBeGreaterThan(6);
    expect(dead.last_error).toMatch(/^no answer from the destination for 1 h \(the retryFor horizon\); last: HTTP 503/);
    expect(ctx.clock.now() - T0).toBeGreaterThanOrEqual(3_600_000);
    const { key } = await createApiKey(ctx, { role: 'admin', name: 'ops', createdBy: 'test', now: T0 });
    const app = createApp(ctx);
    const h = { authorization: `Bearer ${key}` };
    const list = (await (await app.request('/api/deliveries/dead', { headers: h })).json()) as any;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: dead.id, status: 'dead', attempts: dead.attempts, lastStatus: 503, lastError: expect.stringContaining('HTTP 503') });
    rx.setScript(() => ({ status: 204 }));
    const res = await app.request(`/api/deliveries/${dead.id}/resend`, { method: 'POST', headers: h });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).status).toBe('pending');
    expect((await app.request(`/api/deliveries/${dead.id}/resend`, { method: 'POST', headers: h })).status).toBe(409);
    await drain();
    expect(await statuses()).toEqual({ e_1: 'delivered' });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor']).where('entity_id', '=', dead.id).orderBy('at').execute();
    expect(audit).toEqual([{ action: 'delivery.dead', actor: 'system' }, { action: 'delivery.resend', actor: 'ops' }]);
  });

  it('does not retry a request the receiver rejects as malformed (4xx)', async () => {
    await setup(channelsYaml());
    rx.setScript(() => ({ status: 400, body: 'invalid_payload' }));
    await enqueue(notice(1, T0));
    await deliverDue(ctx, { limiter });
    expect(await ctx.db.selectFrom('outbox').select(['status', 'attempts', 'last_error']).executeTakeFirstOrThrow()).toEqual({ status: 'dead', attempts: 1, last_error: 'HTTP 400: invalid_payload' });
  });

  it('keeps to the per-destination rate limits: Slack one a second, Discord five per two seconds', async () => {
    await setup(`
notifications:
  channels:
    - { id: slack, type: slack, url: "${rx.url}/slack" }
    - { id: discord, type: discord, url: "${rx.url}/discord" }
`);
    for (let i = 0; i < 7; i++) await enqueue(notice(i, T0));
    const r1 = await deliverDue(ctx, { limiter });
    expect(r1).toMatchObject({ delivered: 6, deferred: 8 }); // slack 1 + discord 5
    expect(rx.received.filter((r) => r.path === '/slack')).toHaveLength(1);
    expect(rx.received.filter((r) => r.path === '/discord')).toHaveLength(5);
    ctx.clock.advance(400); // Discord refills one token every 400 ms, Slack needs 1 s
    await deliverDue(ctx, { limiter });
    expect(rx.received.filter((r) => r.path === '/slack')).toHaveLength(1);
    expect(rx.received.filter((r) => r.path === '/discord')).toHaveLength(6);
    ctx.clock.advance(600);
    await deliverDue(ctx, { limiter });
    expect(rx.received.filter((r) => r.path === '/slack')).toHaveLength(2);
    await drain();
    expect(rx.received).toHaveLength(14);
  });

  it('holds messages during quiet hours and sends one digest afterwards; severe ones go through', async () => {
    await setup(channelsYaml(', quietHours: { start: "22:00", end: "07:00", timezone: UTC, bypassSeverity: 90 }'));
    ctx.clock.set(Date.parse('2026-03-02T23:00:00Z'));
    await enqueue(notice(1, ctx.clock.now()));
    await enqueue(notice(2, ctx.clock.now(), { title: 'Second <held> one' }));
    await enqueue(notice(3, ctx.clock.now(), { severity: 95 }));
    await deliverDue(ctx, { limiter });
    expect(rx.received.map((r) => r.key)).toEqual(['e_3']);
    ctx.clock.set(Date.parse('2026-03-03T06:59:00Z'));
    await deliverDue(ctx, { limiter });
    expect(rx.received).toHaveLength(1);
    ctx.clock.set(Date.parse('2026-03-03T07:00:00Z'));
    const r = await deliverDue(ctx, { limiter });
    expect(r).toMatchObject({ digests: 1, delivered: 1 });
    const digest = rx.received[1].json as any;
    expect(digest.type).toBe('digest');
    expect(digest.data.items.map((i: any) => i.title)).toEqual(['Revolt opened: Revolt 1', 'Second <held> one']);
    expect(await statuses()).toMatchObject({ e_1: 'digested', e_2: 'digested', e_3: 'delivered' });
    await deliverDue(ctx, { limiter });
    expect(rx.received).toHaveLength(2); // the digest is sent once
  });

  it('sends at most one message per subject per cool-down, the latest one', async () => {
    await setup(channelsYaml(', cooldown: 10m'));
    await enqueue(notice(1, T0), undefined, 'r1');
    await deliverDue(ctx, { limiter });
    ctx.clock.advance(1 * MIN);
    await enqueue(notice(2, ctx.clock.now(), { kind: 'revolt.escalated' }), undefined, 'r1');
    ctx.clock.advance(1 * MIN);
    await enqueue(notice(3, ctx.clock.now(), { kind: 'revolt.escalated', title: 'latest' }), undefined, 'r1');
    await enqueue(notice(4, ctx.clock.now()), undefined, 'r2'); // another subject is not held back
    await deliverDue(ctx, { limiter });
    expect(rx.received.map((r) => r.key)).toEqual(['e_1', 'e_4']);
    ctx.clock.set(T0 + 9 * MIN);
    await deliverDue(ctx, { limiter });
    expect(rx.received).toHaveLength(2);
    ctx.clock.set(T0 + 10 * MIN);
    await deliverDue(ctx, { limiter });
    expect(rx.received.map((r) => r.key)).toEqual(['e_1', 'e_4', 'e_3']);
    expect(await statuses()).toEqual({ e_1: 'delivered', e_2: 'superseded', e_3: 'delivered', e_4: 'delivered' });
  });

  it('respects each channel minimum severity', async () => {
    await setup(channelsYaml(', minSeverity: 70'));
    await enqueue(notice(1, T0, { severity: 69 }));
    await enqueue(notice(2, T0, { severity: 70 }));
    expect(Object.keys(await statuses())).toEqual(['e_2']);
  });
});

describe('retry arithmetic', () => {
  it('backs off exponentially with jitter between half and the full step, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
  it('reads Retry-After in seconds, as an HTTP date, or from a Discord JSON body', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(parseRetryAfter('7', '', now)).toBe(7000);
    expect(parseRetryAfter(null, '{"retry_after": 1.5, "global": false}', now)).toBe(1500);
    expect(parseRetryAfter(new Date(now + 60_000).toUTCString(), '', now)).toBe(60_000);
    expect(parseRetryAfter(null, 'nope', now)).toBeNull();
  });
});
