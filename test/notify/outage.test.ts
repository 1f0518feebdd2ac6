/**
 * Issue 16, item 5: an outage of more than 5–11 minutes turned every event into a dead letter, and
 * nothing resent them when the receiver came back. Now a failing destination is probed with capped
 * backoff, its queue resumes when it answers, and dead letters come only from a refusal or at the
 * `retryFor` horizon. The receiver is a real local server that stops listening (connections
 * refused) and listens again on the same port; time is the simulated clock, ticked as the job does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { startReceiver, verifyStandardWebhook, type Receiver } from '../helpers/webhook-receiver.js';
import { enqueueNotice } from '../../src/notify/outbox.js';
import { deliverDue } from '../../src/notify/deliver.js';
import { revoltNotice, type Notice } from '../../src/notify/message.js';
import { createApp } from '../../src/app.js';
import { keyFor } from '../helpers/auth.js';

const SECRET = 'outage-test-secret-0123456789';
const T0 = Date.parse('2026-03-02T12:00:00Z');
const S = 1_000;
const MIN = 60_000;

const notice = (i: number, at: number): Notice =>
  revoltNotice({ kind: 'revolt.opened', eventId: `e_${i}`, at, label: `Revolt ${i}`, target: 'acme', severity: 60, priority: 'P3', stage: 'emerging', posts: 10, authors: 8, team: 'care', topPosts: [], link: null });

describe.each(DIALECTS)('a receiver that goes away (%s)', (dialect) => {
  let rx: Receiver;
  let ctx: TestContext;
  beforeEach(async () => {
    rx = await startReceiver();
  });
  afterEach(async () => {
    await ctx?.close();
    await rx.close();
  });

  async function setup(extra = '') {
    // the defaults under test: retryFor 24h, backoffBase 5s, backoffMax 5m
    ctx = await createTestContext({ dialect, now: T0, config: `notifications:\n${extra}  channels:\n    - { id: hook, type: webhook, url: "${rx.url}/hook", secret: "${SECRET}" }\n` });
  }
  const enqueue = (i: number) => enqueueNotice(ctx, { notice: notice(i, ctx.clock.now()), channels: ctx.config.notifications.channels, subject: `e_${i}`, at: ctx.clock.now() });
  const byStatus = async () => Object.fromEntries((await ctx.db.selectFrom('outbox').select('status').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]));
  /** Ticks every `step` of simulated time until `until`, enqueueing event i at the times in `at`. */
  async function run(until: number, step: number, at: Map<number, number> = new Map()) {
    while (ctx.clock.now() < until) {
      for (const [i, t] of at) if (t <= ctx.clock.now()) (await enqueue(i), at.delete(i));
      await deliverDue(ctx);
      ctx.clock.advance(step);
    }
  }

  it('loses no event and needs no resend when the receiver is down for 30 minutes', { timeout: 120_000 }, async () => {
    await setup();
    await enqueue(0);
    await deliverDue(ctx);
    expect(rx.processed.get('e_0')).toBe(1);

    await rx.down();
    const downAt = ctx.clock.now();
    const requestsBefore = rx.received.length;
    // one event every 30 s while the receiver is down, ticked every 5 s
    const schedule = new Map(Array.from({ length: 60 }, (_, k) => [k + 1, downAt + k * 30 * S] as [number, number]));
    await run(downAt + 30 * MIN, 5 * S, schedule);
    const during = await byStatus();
    expect(during).toEqual({ delivered: 1, pending: 60 }); // no dead letter, nothing lost
    const dest = await ctx.db.selectFrom('notify_destinations').selectAll().executeTakeFirstOrThrow();
    expect(dest).toMatchObject({ channel: 'hook', failing_since: downAt });
    // the destination was probed, one message at a time: 5 s doubling, then every 2.5–5 min
    expect(dest.failures).toBeGreaterThanOrEqual(7);
    expect(dest.failures).toBeLessThanOrEqual(20);
    const rows = await ctx.db.selectFrom('outbox').select(['attempts']).where('status', '=', 'pending').execute();
    expect(rows.reduce((a, r) => a + r.attempts, 0)).toBe(dest.failures);
    const api = (await (await createApp(ctx).request('/api/deliveries/destinations', { headers: (await keyFor(ctx, 'viewer')).headers })).json()) as { items: Record<string, unknown>[] };
    expect(api.items).toEqual([{ channel: 'hook', failingSince: new Date(downAt).toISOString(), probes: dest.failures, nextProbeAt: new Date(dest.next_probe_at).toISOString(), lastStatus: null, lastError: expect.stringMatching(/^network: /), waiting: 60 }]);

    await rx.up();
    const upAt = ctx.clock.now();
    await run(upAt + 6 * MIN, 1 * S);
    expect(await byStatus()).toEqual({ delivered: 61 });
    expect(await ctx.db.selectFrom('notify_destinations').selectAll().execute()).toEqual([]);
    // the queue resumed by itself within one probe interval (backoffMax 5m) of the receiver's return
    const lastDelivered = Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.max('delivered_at').as('t')).executeTakeFirstOrThrow()).t);
    expect(lastDelivered - upAt).toBeLessThanOrEqual(5 * MIN + 10 * S);
    expect([...rx.processed.keys()].sort()).toEqual(Array.from({ length: 61 }, (_, i) => `e_${i}`).sort());
    expect([...rx.processed.values()].every((n) => n === 1)).toBe(true);
    for (const r of rx.received.slice(requestsBefore)) expect(verifyStandardWebhook(r, [SECRET])).toEqual([]);
    process.stderr.write(`outage test (${dialect}): 30 min down, ${dest.failures} probes during the outage, ${rx.received.length - requestsBefore} requests in all for 60 events, all delivered ${Math.round((lastDelivered - upAt) / 1000)} s after the receiver came back\n`);
    const audit = await ctx.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((a) => a.action === 'delivery.resend' || a.action === 'delivery.dead')).toEqual([]);
  });

  it('dead-letters only at the retryFor horizon, counted from when each message first waited', { timeout: 120_000 }, async () => {
    await setup('  retryFor: 2h\n');
    await rx.down();
    await enqueue(1);
    await run(T0 + 60 * MIN, 30 * S);
    await enqueue(2); // a message that only started waiting an hour in
    await run(T0 + 2 * 60 * MIN + 6 * MIN, 30 * S);
    const rows = Object.fromEntries((await ctx.db.selectFrom('outbox').select(['event_id', 'status', 'last_error']).execute()).map((r) => [r.event_id, r]));
    expect(rows.e_1.status).toBe('dead');
    expect(rows.e_1.last_error).toMatch(/^no answer from the destination for 2 h \(the retryFor horizon\); last: network/);
    expect(rows.e_2.status).toBe('pending');
    await rx.up();
    await run(ctx.clock.now() + 6 * MIN, 5 * S);
    expect(rx.processed.has('e_2')).toBe(true);
    expect(rx.processed.has('e_1')).toBe(false);
  });

  it('dead-letters a refused message (a 4xx other than 408/425/429) at once, and keeps the rest flowing', async () => {
    await setup();
    rx.setScript((r) => (r.key === 'e_2' ? { status: 422, body: 'unprocessable' } : { status: 200 }));
    for (let i = 1; i <= 3; i++) await enqueue(i);
    await deliverDue(ctx);
    const rows = Object.fromEntries((await ctx.db.selectFrom('outbox').select(['event_id', 'status', 'attempts']).execute()).map((r) => [r.event_id, [r.status, r.attempts]]));
    expect(rows).toEqual({ e_1: ['delivered', 1], e_2: ['dead', 1], e_3: ['delivered', 1] });
    expect(await ctx.db.selectFrom('notify_destinations').selectAll().execute()).toEqual([]);
  });

  it('does not count a delivery cut off by a kill as a failed attempt', async () => {
    await setup();
    await enqueue(1);
    // a worker took the row and died before any answer: its lease is all that is left
    await ctx.db.updateTable('outbox').set({ lease_until: T0 + 12 * S }).execute();
    await deliverDue(ctx);
    expect(rx.received).toHaveLength(0); // leased: nobody else sends it meanwhile
    ctx.clock.set(T0 + 13 * S);
    await deliverDue(ctx);
    const row = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, failing_since: null });
    expect(await ctx.db.selectFrom('notify_destinations').selectAll().execute()).toEqual([]);
  });

  it('holds new messages of a failing destination until its probe instead of sending each', async () => {
    await setup();
    await rx.down();
    await enqueue(1);
    await deliverDue(ctx); // refused: the destination is failing, next probe in 2.5-5 s
    const probeAt = (await ctx.db.selectFrom('notify_destinations').select('next_probe_at').executeTakeFirstOrThrow()).next_probe_at;
    for (let i = 2; i <= 20; i++) await enqueue(i);
    ctx.clock.advance(1 * S);
    const r = await deliverDue(ctx);
    expect(r).toMatchObject({ delivered: 0, retried: 0, held: 19 });
    const waiting = await ctx.db.selectFrom('outbox').select(['next_attempt_at', 'failing_since']).where('status', '=', 'pending').execute();
    expect(waiting.every((w) => w.next_attempt_at === probeAt && w.failing_since !== null)).toBe(true);
  });
});
