/** Leases, batch claims and retention on every dialect (SQLite always, PostgreSQL when DATABASE_URL is set). */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { makePost } from '../helpers/posts.js';
import { acquireLease, currentLease, releaseLease, renewLease, withLease } from '../../src/store/leases.js';
import { claimBatch } from '../../src/store/claims.js';
import { aggregate, foldDailyCounts, pruneRawPayloads, utcDay } from '../../src/jobs/retention.js';
import { processPosts } from '../../src/pipeline/process.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');

describe.each(DIALECTS)('scale-out store on %s', (dialect) => {
  let ctx: TestContext;
  afterEach(async () => ctx?.close());

  it('gives a lease to one holder until it expires, then to the next with a new token', async () => {
    ctx = await createTestContext({ dialect });
    const a = await acquireLease(ctx.db, 'poll:s1', 'A', 10_000, T0);
    expect(a).toMatchObject({ owner: 'A', token: 1 });
    expect(await acquireLease(ctx.db, 'poll:s1', 'B', 10_000, T0 + 5_000)).toBeNull();
    expect(await renewLease(ctx.db, a!, 10_000, T0 + 9_000)).toBe(true); // now until T0+19s
    expect(await acquireLease(ctx.db, 'poll:s1', 'B', 10_000, T0 + 15_000)).toBeNull();
    const again = await acquireLease(ctx.db, 'poll:s1', 'A', 10_000, T0 + 16_000); // re-acquire by holder keeps token
    expect(again).toMatchObject({ owner: 'A', token: 1 });
    // A dies: its lease runs out and B takes over with a bigger token
    const b = await acquireLease(ctx.db, 'poll:s1', 'B', 10_000, T0 + 27_000);
    expect(b).toMatchObject({ owner: 'B', token: 2 });
    // A wakes up: it can neither renew nor release B's lease
    expect(await renewLease(ctx.db, again!, 10_000, T0 + 28_000)).toBe(false);
    await releaseLease(ctx.db, again!);
    expect(await currentLease(ctx.db, 'poll:s1')).toMatchObject({ owner: 'B', token: 2 });
    await releaseLease(ctx.db, b!);
    expect(await currentLease(ctx.db, 'poll:s1')).toBeNull();
  });

  it('lets exactly one of many concurrent claimers win a lease', async () => {
    ctx = await createTestContext({ dialect });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireLease(ctx.db, 'detect:acme', `I${i}`, 30_000, T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('withLease runs the work only for the holder and releases after', async () => {
    ctx = await createTestContext({ dialect });
    const held = await acquireLease(ctx.db, 'job', 'other', 60_000, ctx.clock.now());
    expect(await withLease(ctx, 'job', 'me', 60_000, async () => 'ran')).toBeUndefined();
    await releaseLease(ctx.db, held!);
    expect(await withLease(ctx, 'job', 'me', 60_000, async (l) => `ran as ${l.owner}`)).toBe('ran as me');
    expect(await currentLease(ctx.db, 'job')).toBeNull();
  });

  it('claims each due outbox row once across concurrent claimers, and again after the lease expires', async () => {
    ctx = await createTestContext({ dialect });
    const rows = Array.from({ length: 30 }, (_, i) => ({
      id: `o${String(i).padStart(2, '0')}`,
      event_id: `e${i}`,
      channel: 'hook',
      payload: '{}',
      status: 'pending',
      attempts: 0,
      next_attempt_at: i < 25 ? T0 : T0 + 3_600_000,
      last_error: null,
      created_at: T0,
      delivered_at: null,
    }));
    await ctx.db.insertInto('outbox').values(rows).execute();
    const claim = () =>
      claimBatch<{ id: string }>(ctx, { table: 'outbox', key: 'id', leaseColumn: 'lease_until', where: (eb) => eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', T0)]), orderBy: 'next_attempt_at', limit: 10, now: T0, leaseMs: 30_000 });
    const got = await Promise.all([claim(), claim(), claim(), claim()]);
    const ids = got.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // nobody got a row twice
    expect(ids.sort()).toEqual(rows.slice(0, 25).map((r) => r.id)); // every due row, no future one
    expect(await claim()).toEqual([]);
    const later = await claimBatch<{ id: string }>(ctx, { table: 'outbox', key: 'id', leaseColumn: 'lease_until', where: (eb) => eb('status', '=', 'pending'), orderBy: 'id', limit: 100, now: T0 + 31_000, leaseMs: 30_000 });
    expect(later).toHaveLength(30); // the holders died: their leases ran out
  });

  it('folds classified posts into daily counts once each, however often and concurrently it runs', async () => {
    ctx = await createTestContext({ dialect });
    const day1 = Date.parse('2026-03-01T10:00:00Z');
    const day2 = Date.parse('2026-03-02T08:00:00Z');
    await processPosts(ctx, [
      makePost({ text: 'Acme lost my bag again, terrible service, refund now', publishedAt: day1 }),
      makePost({ text: 'Acme delayed my flight and lost my luggage, awful', publishedAt: day1 + 1000 }),
      makePost({ text: 'Great crew on my Acme flight today, thanks!', publishedAt: day2 }),
    ]);
    const folded = await Promise.all([foldDailyCounts(ctx, 2), foldDailyCounts(ctx, 2), foldDailyCounts(ctx, 2)]);
    expect(folded.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await foldDailyCounts(ctx)).toBe(0);
    const counts = await ctx.db.selectFrom('daily_counts').selectAll().where('topic', '=', '').orderBy('day').execute();
    const total = (day: string) => counts.filter((c) => c.day === day).reduce((n, c) => n + Number(c.posts), 0);
    expect(total(utcDay(day1))).toBe(2);
    expect(total(utcDay(day2))).toBe(1);
    const neg = counts.find((c) => c.day === utcDay(day1) && c.sentiment === 'negative');
    expect(Number(neg?.posts)).toBe(2);
    // a later post on the same day adds to the same row
    await processPosts(ctx, [makePost({ text: 'Acme cancelled my flight, terrible', publishedAt: day1 + 5000 })]);
    expect(await foldDailyCounts(ctx)).toBe(1);
    const after = await ctx.db.selectFrom('daily_counts').select('posts').where('day', '=', utcDay(day1)).where('topic', '=', '').where('sentiment', '=', 'negative').executeTakeFirst();
    expect(Number(after?.posts)).toBe(3);
  });

  it('prunes raw payloads of classified posts older than retention.raw and keeps the rest', async () => {
    ctx = await createTestContext({ dialect, config: 'retention:\n  raw: 7d\n' });
    const old = makePost({ text: 'Acme old post', publishedAt: T0 - 10 * 86_400_000, raw: { id: 1 } });
    await processPosts(ctx, [old]);
    ctx.clock.advance(8 * 86_400_000);
    await processPosts(ctx, [makePost({ text: 'Acme new post', publishedAt: ctx.clock.now(), raw: { id: 2 } })]);
    expect(await pruneRawPayloads(ctx)).toBe(1);
    expect(await pruneRawPayloads(ctx)).toBe(0);
    const rows = await ctx.db.selectFrom('posts').select(['text', 'raw']).orderBy('fetched_at').execute();
    expect(rows.map((r) => [r.text, r.raw === null])).toEqual([
      ['Acme old post', true],
      ['Acme new post', false],
    ]);
  });
});

describe('aggregate', () => {
  it('counts a post in the all-topics row and once per distinct topic', () => {
    const rows = aggregate(
      [
        { target_id: 'acme', sentiment: 'negative', complaint: 1, topics: '[{"id":"baggage"},{"id":"baggage"},{"id":"delay"}]', published_at: T0 },
        { target_id: 'acme', sentiment: 'negative', complaint: 0, topics: 'not json', published_at: T0 },
      ],
      T0,
    );
    const by = Object.fromEntries(rows.map((r) => [r.topic, [r.posts, r.complaints]]));
    expect(by).toEqual({ '': [2, 1], baggage: [1, 1], delay: [1, 1] });
  });
});
