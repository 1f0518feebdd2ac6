/**
 * Group commit: concurrent pushes share transactions, every post is stored once, each caller is
 * answered for its own batch (as if the batches had run one after the other), and one batch that
 * fails costs only its own caller.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { createApp } from '../../src/app.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { groupCommitterOf, processPostsGrouped } from '../../src/pipeline/group-commit.js';
import { foldSourceCounts } from '../../src/ingest/source-counts.js';
import { addSource, createFeedContext, postCount, sourceRow, T0, type FeedTestContext } from '../feeds/helpers.js';
import type { NormalizedPost } from '../../src/types.js';

const SECRET = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');

describe.each(DIALECTS)('group commit on %s', (dialect) => {
  let ctx: FeedTestContext;
  beforeEach(async () => {
    ctx = await createFeedContext(dialect);
    await addSource(ctx, 'acme', { id: 'zapier', type: 'push', secret: SECRET, lang: 'en' });
  });
  afterEach(async () => ctx.close());

  async function send(app: ReturnType<typeof createApp>, items: unknown[], id: string) {
    const body = JSON.stringify({ items });
    const ts = Math.floor(ctx.clock.now() / 1000);
    const res = await app.request('/api/ingest/zapier', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': await signWebhook(SECRET, id, ts, body) },
      body,
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { received: number; new: number; duplicates: number; rejected: unknown[] };
  }
  const item = (id: string, text = `Order ${id}: the Acme app charged me twice at checkout`) => ({ id, text, author: { id: `u-${id}` }, publishedAt: new Date(T0 - 60_000).toISOString() });

  it('answers each of 16 concurrent pushes for its own batch, stores every post once and shares transactions', async () => {
    const app = createApp(ctx);
    // 8 pushes of their own items only; 8 more whose items overlap each other's (s-0 … s-9 shared)
    const own = Array.from({ length: 8 }, (_, k) => Array.from({ length: 5 + k }, (_, j) => item(`own-${k}-${j}`)));
    const shared = Array.from({ length: 8 }, (_, k) => [...Array.from({ length: 6 }, (_, j) => item(`s-${(k + j) % 10}`)), item(`mine-${k}`), item(`mine-${k}`)]);
    const batches = [...own, ...shared];
    const answers = await Promise.all(batches.map((b, k) => send(app, b, `msg-${k}`)));

    own.forEach((b, k) => expect(answers[k]).toEqual({ received: b.length, new: b.length, duplicates: 0, rejected: [] }));
    const sharedAnswers = answers.slice(8);
    for (const a of sharedAnswers) {
      expect(a.received).toBe(8);
      expect(a.new + a.duplicates).toBe(8);
      expect(a.new).toBeGreaterThanOrEqual(1); // its own item, once (sent twice in the batch)
      expect(a.new).toBeLessThanOrEqual(7);
    }
    // the shared items are new to exactly one push each
    expect(sharedAnswers.reduce((n, a) => n + a.new, 0)).toBe(10 + 8);
    const distinct = own.flat().length + 10 + 8;
    expect(await postCount(ctx, 'zapier')).toBe(distinct);
    await foldSourceCounts(ctx);
    expect(Number((await sourceRow(ctx, 'zapier')).posts_seen)).toBe(distinct);
    expect((await sourceRow(ctx, 'zapier')).status).toBe('ok');
    expect(Number((await ctx.db.selectFrom('classifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(distinct);
    const stats = groupCommitterOf(ctx)!.stats;
    expect(stats.batches).toBe(16);
    expect(stats.groups).toBeLessThan(stats.batches);

    // the same pushes again: nothing new for anyone
    const again = await Promise.all(batches.map((b, k) => send(app, b, `again-${k}`)));
    for (const [k, a] of again.entries()) expect(a).toMatchObject({ new: 0, duplicates: batches[k].length });
    expect(await postCount(ctx, 'zapier')).toBe(distinct);
  });

  it('gives a failing batch its own error and the others their posts', async () => {
    const post = (id: string, extra: Partial<NormalizedPost> = {}): NormalizedPost => ({ source: 'zapier', target: 'acme', externalId: id, author: { id: 'a' }, text: `Post ${id} about the Acme app failing at login again`, publishedAt: T0, ...extra });
    // a BigInt in metrics cannot be written (JSON): that batch fails inside the shared transaction
    const bad = post('bad', { metrics: { likes: 1n as unknown as number } });
    const results = await Promise.allSettled([
      processPostsGrouped(ctx, [post('a1'), post('a2')]),
      processPostsGrouped(ctx, [post('b1'), bad]),
      processPostsGrouped(ctx, [post('c1')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<{ post: { externalId: string } }[]>).value.map((c) => c.post.externalId)).toEqual(['a1', 'a2']);
    expect((results[2] as PromiseFulfilledResult<{ post: { externalId: string } }[]>).value.map((c) => c.post.externalId)).toEqual(['c1']);
    const stored = (await ctx.db.selectFrom('posts').select('external_id').orderBy('external_id').execute()).map((r) => r.external_id);
    expect(stored).toEqual(['a1', 'a2', 'c1']); // the failed batch left nothing behind
    await foldSourceCounts(ctx);
    expect(Number((await sourceRow(ctx, 'zapier')).posts_seen)).toBe(3);
  });
});
