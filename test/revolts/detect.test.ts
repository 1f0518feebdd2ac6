import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { makePost, tickThrough } from '../helpers/posts.js';
import { CHATTER, LOST_LUGGAGE } from '../helpers/luggage.js';
import { detectRevolts, dropEngine } from '../../src/revolts/detect.js';
import { syncTargets } from '../../src/store/targets.js';
import type { NormalizedPost } from '../../src/types.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;
const ONSET = T0 + 8 * 60 * MIN;

function chatter(from: number, to: number): NormalizedPost[] {
  const texts = CHATTER;
  const out: NormalizedPost[] = [];
  for (let t = from, i = 0; t < to; t += 8 * MIN, i++) out.push(makePost({ text: `${texts[i % texts.length]} (${i})`, publishedAt: t }));
  return out;
}

const burst = Array.from({ length: 24 }, (_, k) =>
  makePost({ text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: ONSET + k * 2 * MIN, author: { id: `angry-${k}`, followers: 300 + k } }),
);

describe.each(DIALECTS)('revolt detection over the store on %s', (dialect) => {
  let ctx: TestContext;
  afterEach(async () => ctx?.close());

  it('persists the revolt, its members, state, event, queue item; a restart resumes without re-announcing', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    const all = [...chatter(T0, ONSET + 6 * 60 * MIN), ...burst];
    const before = await tickThrough(ctx, all, T0, ONSET + 20 * MIN);
    const opened = before.filter((e) => e.type === 'revolt.opened');
    expect(opened).toHaveLength(1);
    const id = opened[0].revolt.id;
    const row = await ctx.db.selectFrom('revolts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.stage).not.toBe('resolved');
    expect(JSON.parse(row.state!)).toMatchObject({ v: 1, keys: expect.arrayContaining(['lost-items']) });
    expect(JSON.parse(row.explain)).toMatchObject({ key: 'lost-items', test: expect.stringMatching(/negative binomial/) });

    // the process dies: the engine in memory is gone; the next tick rebuilds it from the store
    dropEngine(ctx);
    const after = await tickThrough(ctx, all, ONSET + 25 * MIN, ONSET + 6 * 60 * MIN);
    expect(after.filter((e) => e.type === 'revolt.opened')).toEqual([]);
    expect(after.every((e) => e.revolt.id === id)).toBe(true);
    expect(after.map((e) => e.type)).toContain('revolt.resolved');
    const members = await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', id).execute();
    // the burst's posts that carry the revolt's keys (real wording: not every complaint names the topic)
    expect(members.length).toBeGreaterThanOrEqual(16);
    const memberPosts = await ctx.db.selectFrom('posts').select('external_id').where('id', 'in', members.map((m) => m.post_id)).execute();
    expect(memberPosts.every((p) => burst.some((b) => b.externalId === p.external_id))).toBe(true);
    const events = await ctx.db.selectFrom('events').select(['type', 'revolt_id']).execute();
    expect(events.filter((e) => e.type === 'revolt.opened')).toHaveLength(1);
    expect(await ctx.db.selectFrom('revolts').select('id').execute()).toHaveLength(1);
    const items = await ctx.db.selectFrom('queue_items').selectAll().where('revolt_id', '=', id).execute();
    expect(items).toHaveLength(1);
  });

  it('re-running a tick at the same clock time writes nothing twice', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    await tickThrough(ctx, [...chatter(T0, ONSET + 30 * MIN), ...burst], T0, ONSET + 30 * MIN);
    const count = async () => (await ctx.db.selectFrom('events').select('id').execute()).length;
    const n = await count();
    expect(await detectRevolts(ctx, ONSET + 30 * MIN)).toEqual([]);
    dropEngine(ctx);
    await detectRevolts(ctx, ONSET + 30 * MIN);
    expect(await count()).toBe(n);
  });
});
