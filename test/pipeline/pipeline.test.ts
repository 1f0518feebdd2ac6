import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { background, makePost, tickThrough } from '../helpers/posts.js';
import { classifyPending } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';
import { ingestPosts } from '../../src/ingest/ingest.js';
import type { NormalizedPost, RevoltEvent } from '../../src/types.js';
import { LOST_LUGGAGE } from '../helpers/luggage.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;

const run = (ctx: TestContext, posts: NormalizedPost[], until: number): Promise<RevoltEvent[]> => tickThrough(ctx, posts, T0, until);

describe.each(DIALECTS)('pipeline on %s', (dialect) => {
  let ctx: TestContext;
  afterEach(async () => ctx?.close());

  it('opens a revolt when many customers complain about the same thing, with a queue item and an explanation', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    const onset = T0 + 6 * 60 * MIN;
    const burst = Array.from({ length: 14 }, (_, k) =>
      makePost({ text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: onset + k * 90_000, author: { id: `angry-${k}`, followers: 200 + k * 1000 } }),
    );
    const events = await run(ctx, [...background(T0, onset + 60 * MIN), ...burst], onset + 60 * MIN);
    const opened = events.filter((e) => e.type === 'revolt.opened');
    expect(opened).toHaveLength(1);
    const r = opened[0].revolt;
    expect(r).toMatchObject({ target: 'acme', key: 'lost-items', stage: 'emerging' });
    expect(r.label).toBe('Lost items — Acme Air');
    expect(r.openedAt - onset).toBeLessThanOrEqual(30 * MIN);
    expect(r.explain).toMatchObject({ key: 'lost-items' });
    expect(Number(r.explain.distinctAuthors)).toBeGreaterThanOrEqual(5);
    expect(String(r.explain.reason)).toMatch(/negative posts from \d+ distinct authors/);
    const items = await ctx.db.selectFrom('queue_items').selectAll().where('kind', '=', 'revolt').execute();
    expect(items).toHaveLength(1);
    expect(items[0].revolt_id).toBe(r.id);
    // members keep growing as the revolt goes on, and nothing opens twice
    const members = await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', r.id).execute();
    // the burst's posts that name the revolt's subject in words the rules know (about half of them)
    expect(members.length).toBeGreaterThanOrEqual(7);
  });

  it('does not open a revolt for one furious customer posting many times', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    const onset = T0 + 6 * 60 * MIN;
    const rant = Array.from({ length: 25 }, (_, k) => makePost({ text: `Acme lost my luggage, terrible, I hate you (${k})`, publishedAt: onset + k * MIN, author: { id: 'one-angry-customer', followers: 50 } }));
    const events = await run(ctx, [...background(T0, onset + 40 * MIN), ...rant], onset + 40 * MIN);
    expect(events).toEqual([]);
  });

  it('does not open a revolt for a happy viral spike', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    const onset = T0 + 6 * 60 * MIN;
    const joy = Array.from({ length: 40 }, (_, k) => makePost({ text: `Acme upgraded me for free, amazing crew, love this airline (${k})`, publishedAt: onset + k * 30_000 }));
    const events = await run(ctx, [...background(T0, onset + 30 * MIN), ...joy], onset + 30 * MIN);
    expect(events).toEqual([]);
  });

  it('classifies posts that were stored but not classified before a crash', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await ingestPosts(ctx, [makePost({ text: 'worst airline ever', publishedAt: T0 }), makePost({ text: 'love it', publishedAt: T0 })]);
    expect(await classifyPending(ctx)).toBe(2);
    expect(await classifyPending(ctx)).toBe(0);
    const rows = await ctx.db.selectFrom('classifications').select('sentiment').orderBy('sentiment').execute();
    expect(rows.map((r) => r.sentiment)).toEqual(['negative', 'positive']);
  });
});
