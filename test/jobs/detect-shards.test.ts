/**
 * Revolt detection sharded by target (src/jobs/detect-shards.ts): two instances on one store share
 * the shards out through their leases, each opens the revolts of its own targets only, and when
 * one stops renewing (it died) the other takes its shards over, rebuilds them from the store and
 * opens the next revolt there without announcing the first one again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, testConfig, type TestContext } from '../helpers/context.js';
import { makePost } from '../helpers/posts.js';
import { CHATTER, LOST_LUGGAGE } from '../helpers/luggage.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';
import { ShardedDetector, shardOf } from '../../src/jobs/detect-shards.js';
import type { NormalizedPost, RevoltEvent } from '../../src/types.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;
const SHARDS = 4;
const TTL = 30_000;

function chatter(target: string, from: number, to: number): NormalizedPost[] {
  const out: NormalizedPost[] = [];
  for (let t = from, i = 0; t < to; t += 8 * MIN, i++) out.push(makePost({ target, text: `${CHATTER[i % CHATTER.length]} (${i})`, publishedAt: t }));
  return out;
}

function burst(target: string, onset: number): NormalizedPost[] {
  return Array.from({ length: 24 }, (_, k) => makePost({ target, text: `@AcmeAir ${LOST_LUGGAGE[k]}`, publishedAt: onset + k * 2 * MIN, author: { id: `${target}-angry-${k}`, followers: 300 + k } }));
}

describe.each(DIALECTS)('sharded revolt detection on %s', (dialect) => {
  let ctx: TestContext;
  afterEach(async () => ctx?.close());

  it('splits the shards over two instances and hands a dead one\'s shards to the survivor', async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    ctx.config = testConfig(`cluster:\n  detectShards: ${SHARDS}\n  leaseTtl: 30s\n`);
    let wall = 1_000_000;
    const a = new ShardedDetector({ ...ctx, instanceId: 'A' }, { wall: () => wall });
    const b = new ShardedDetector({ ...ctx, instanceId: 'B' }, { wall: () => wall });

    // A starts alone and takes every shard; B joins; A gives back the shards above its share; B takes them
    await syncTargets(ctx, []);
    expect((await a.tick(T0)).members).toBe(1);
    expect(a.heldShards()).toEqual([0, 1, 2, 3]);
    expect((await b.tick(T0)).members).toBe(2);
    expect(b.heldShards()).toEqual([]);
    expect((await a.tick(T0)).released).toHaveLength(2);
    expect((await b.tick(T0)).taken).toHaveLength(2);
    expect(a.heldShards()).toHaveLength(2);
    expect(b.heldShards()).toHaveLength(2);
    expect(new Set([...a.heldShards(), ...b.heldShards()]).size).toBe(SHARDS);
    const leases = await ctx.db.selectFrom('leases').select(['name', 'owner']).where('name', 'like', 'detect-revolts:%').execute();
    expect(leases.filter((l) => l.owner === 'B').map((l) => l.name).sort()).toEqual(b.heldShards().map((n) => `detect-revolts:${n}/${SHARDS}`));

    // targets: one on each side, and a second one on B's side for after B dies
    const ids = Array.from({ length: 64 }, (_, i) => `brand${i}`);
    const onA = ids.find((t) => a.heldShards().includes(shardOf(t, SHARDS)))!;
    const [onB, onB2] = ids.filter((t) => b.heldShards().includes(shardOf(t, SHARDS)));
    expect([onA, onB, onB2].every(Boolean)).toBe(true);
    await syncTargets(ctx, [onA, onB, onB2].map((id) => ({ id, name: 'Acme Air', sources: [] })));

    const onset1 = T0 + 8 * 60 * MIN;
    const onset2 = onset1 + 4 * 60 * MIN;
    const posts = [...chatter(onA, T0, onset2 + 60 * MIN), ...chatter(onB, T0, onset2 + 60 * MIN), ...chatter(onB2, T0, onset2 + 60 * MIN), ...burst(onA, onset1), ...burst(onB, onset1), ...burst(onB2, onset2)].sort(
      (x, y) => x.publishedAt - y.publishedAt,
    );
    let i = 0;
    const run = async (from: number, to: number, who: ShardedDetector[]) => {
      const got = new Map<ShardedDetector, RevoltEvent[]>(who.map((d) => [d, []]));
      for (let now = from; now <= to; now += 5 * MIN) {
        ctx.clock.set(now);
        const batch: NormalizedPost[] = [];
        while (i < posts.length && posts[i].publishedAt <= now) batch.push(posts[i++]);
        await processPosts(ctx, batch);
        for (const d of who) got.get(d)!.push(...(await d.tick(now)).events);
      }
      return got;
    };
    const openedOf = (events: RevoltEvent[]) => events.filter((e) => e.type === 'revolt.opened').map((e) => e.revolt.target);

    const first = await run(T0 + 5 * MIN, onset1 + 90 * MIN, [a, b]);
    expect(openedOf(first.get(a)!)).toEqual([onA]);
    expect(openedOf(first.get(b)!)).toEqual([onB]);

    // B dies: it renews nothing; once its leases run out A's share is every shard
    wall += TTL + 1;
    const second = await run(onset1 + 95 * MIN, onset2 + 90 * MIN, [a]);
    expect(a.heldShards()).toEqual([0, 1, 2, 3]);
    expect(openedOf(second.get(a)!)).toEqual([onB2]);
    const opened = await ctx.db.selectFrom('events').innerJoin('revolts', 'revolts.id', 'events.revolt_id').select('revolts.target_id').where('events.type', '=', 'revolt.opened').execute();
    expect(opened.map((r) => r.target_id).sort()).toEqual([onA, onB, onB2].sort());
    const shardRows = await ctx.db.selectFrom('detect_shards').select(['id', 'owner', 'cursor_at']).execute();
    expect(shardRows).toHaveLength(SHARDS);
    expect(shardRows.every((r) => r.owner === 'A')).toBe(true);
    // kv's cursor is the lowest of the shards'
    const kv = await ctx.db.selectFrom('kv').select('value').where('key', '=', 'revolts.cursor').executeTakeFirstOrThrow();
    expect(JSON.parse(kv.value).at).toBe(Math.min(...shardRows.map((r) => Number(r.cursor_at))));
  }, 120_000);
});
