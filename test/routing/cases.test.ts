import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { queueLoneComplaints } from '../../src/routing/lone.js';
import { casePosts, mergeCases, setPostsStatus, splitCase } from '../../src/routing/cases.js';
import { routingSetup, revolt, seedPosts, seedRevoltRow, type SeedPost } from './fixtures.js';
import { replayDemoDesk } from '../../bench/desk.js';

const ROUTING = `
teams:
  - id: care
    agents: [{ id: alice, capacity: 5 }]
  - id: legal
routes:
  - id: legal
    match: { escalation: legal }
    team: legal
    sla: { firstResponse: 30m }
  - id: revolts
    match: { kind: revolt }
    team: care
    sla: { firstResponse: 1h, resolve: 8h }
default:
  team: care
  sla: { firstResponse: 2h }
singlePosts:
  complaintScore: 0.6
  complaintWait: 30m
`;

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

describe.each(DIALECTS)('cases and lone complaints (%s)', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    const setup = routingSetup(ROUTING);
    ctx.routing = () => setup;
  });
  afterEach(async () => ctx.close());

  const items = () => ctx.db.selectFrom('queue_items').selectAll().orderBy('created_at').orderBy('id').execute();
  const seed = (posts: SeedPost[]) => seedPosts(ctx, posts);
  async function openRevolt(id: string, postIds: string[], over: Partial<Parameters<typeof revolt>[0]> = {}) {
    const r = revolt({ id, postIds, ...over });
    await seedRevoltRow(ctx, r);
    await recordRevoltEvent(ctx, 'revolt.opened', ctx.clock.now(), r);
    return (await ctx.db.selectFrom('queue_items').select('id').where('revolt_id', '=', id).executeTakeFirstOrThrow()).id;
  }

  it('gives a lone complaint its own item only after it waited for a revolt, with its SLA counted from when it arrived', async () => {
    await seed([{ id: 'c1', text: 'the refund for my cancelled flight never came' }]);
    ctx.clock.set(T0 + 10 * MIN);
    expect(await queueLoneComplaints(ctx)).toMatchObject({ queued: 0 });
    expect(await items()).toHaveLength(0);
    ctx.clock.set(T0 + 31 * MIN);
    expect(await queueLoneComplaints(ctx)).toMatchObject({ considered: 1, queued: 1 });
    const [item] = await items();
    expect(item).toMatchObject({ kind: 'post', post_id: 'c1', reason: '["complaint"]', status: 'new', team: 'care' });
    expect(item.due_first_response_at).toBe(T0 + 2 * 60 * MIN); // from classification, not from the end of the wait
    expect(await queueLoneComplaints(ctx)).toMatchObject({ considered: 0, queued: 0 }); // the cursor moved on
  });

  it('answers a complaint in its revolt’s case instead of giving it an item', async () => {
    await seed([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    const caseId = await openRevolt('r1', ['a', 'b', 'c']);
    ctx.clock.set(T0 + 31 * MIN);
    expect(await queueLoneComplaints(ctx)).toMatchObject({ queued: 0, inRevolt: 3 });
    expect((await items()).map((i) => i.id)).toEqual([caseId]);
    expect([...(await casePosts(ctx, (await items())[0])).keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('folds a waiting complaint item into the case when its post joins a revolt, but keeps a legal threat’s own item', async () => {
    await seed([{ id: 'x', author: 'xavier' }, { id: 'y', author: 'yusuf' }, { id: 'law', author: 'lee', escalation: ['legal'] }]);
    ctx.clock.set(T0 + 31 * MIN);
    await queueLoneComplaints(ctx);
    // the legal threat was seeded without going through the pipeline: queue it as the pipeline would
    const { maybeQueuePost } = await import('../../src/routing/post.js');
    await maybeQueuePost(ctx, { id: 'law', source: 'src-acme', target: 'acme', externalId: 'law', author: { id: 'lee', followers: 10 }, text: 'my lawyer will hear of this', publishedAt: T0, fetchedAt: T0 }, { lang: 'en', sentiment: { label: 'negative', score: -0.8 }, complaint: { is: true, score: 0.7 }, topics: [], escalation: [{ id: 'legal' }] });
    expect((await items()).filter((i) => i.status === 'new')).toHaveLength(3);
    const caseId = await openRevolt('r1', ['x', 'y', 'law']);
    const all = await items();
    expect(all.find((i) => i.post_id === 'x')).toMatchObject({ status: 'merged', merged_into: caseId });
    expect(all.find((i) => i.post_id === 'y')).toMatchObject({ status: 'merged', merged_into: caseId });
    expect(all.find((i) => i.post_id === 'law')).toMatchObject({ status: 'new', parent_revolt_id: 'r1', merged_into: null });
    const trail = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', all.find((i) => i.post_id === 'x')!.id).execute();
    expect(trail.map((t) => t.action)).toContain('queue.merge');
  });

  it('joins a lone complaint to an open revolt’s case when it shares its hashtag or a topic most of its posts carry, not otherwise', async () => {
    const lost = [{ id: 'lost-items', score: 1, pillar: 'resolution', touchpoint: 'delivery' }];
    const phone = [{ id: 'phone-support', score: 1 }];
    await seed([
      { id: 'm1', topics: [...lost, ...phone] },
      { id: 'm2', topics: [...lost, ...phone] },
      { id: 'm3', topics: lost },
    ]);
    const caseId = await openRevolt('r1', ['m1', 'm2', 'm3'], { key: 'lost-items', explain: {} });
    await ctx.db.updateTable('revolts').set({ explain: JSON.stringify({ key: 'lost-items', mergedKeys: [{ key: 'lost-items' }, { key: '#acmelostmybag' }], topTerms: [{ term: 'carousel', posts: 4 }] }) }).where('id', '=', 'r1').execute();
    await seed([
      { id: 'tag', author: 'tina', text: 'still waiting #AcmeLostMyBag', at: T0 + MIN },
      { id: 'hotline', author: 'hal', text: 'the hotline hangs up on me', topics: phone, at: T0 + MIN },
      { id: 'words', author: 'wes', text: 'an hour at the carousel, nothing', at: T0 + MIN },
      { id: 'wifi', author: 'will', text: 'charged for wifi that never worked', topics: [{ id: 'billing', score: 1 }], at: T0 + MIN },
    ]);
    ctx.clock.set(T0 + 40 * MIN);
    expect(await queueLoneComplaints(ctx)).toMatchObject({ joined: 3, queued: 1 });
    expect((await items()).filter((i) => i.kind === 'post').map((i) => i.post_id)).toEqual(['wifi']);
    const members = await casePosts(ctx, (await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()));
    expect([...members.keys()].sort()).toEqual(['hotline', 'm1', 'm2', 'm3', 'tag', 'words']);
  });

  it('keeps one case per customer: a second complaint joins the first one’s case; a repost gets no item', async () => {
    await seed([{ id: 'one', author: 'dana', text: 'my transfer never arrived' }]);
    ctx.clock.set(T0 + 31 * MIN);
    await queueLoneComplaints(ctx);
    await seed([{ id: 'two', author: 'dana', text: 'still no transfer, nobody calls back', at: T0 + 31 * MIN }, { id: 'rt', author: 'eve', text: 'RT @dana: my transfer never arrived', at: T0 + 31 * MIN }]);
    ctx.clock.set(T0 + 62 * MIN);
    expect(await queueLoneComplaints(ctx)).toMatchObject({ joined: 1, queued: 0 });
    const [item] = await items();
    expect((await items()).length).toBe(1);
    expect([...(await casePosts(ctx, item)).keys()].sort()).toEqual(['one', 'two']);
  });

  it('merges and splits cases by hand, and resolves or dismisses a case’s posts in bulk', async () => {
    await seed([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', author: 'dan' }]);
    const big = await openRevolt('r1', ['a', 'b', 'c']);
    ctx.clock.set(T0 + 31 * MIN);
    await queueLoneComplaints(ctx);
    const single = (await items()).find((i) => i.post_id === 'd')!;
    await mergeCases(ctx, single.id, big, 'alice');
    const bigRow = async () => ctx.db.selectFrom('queue_items').selectAll().where('id', '=', big).executeTakeFirstOrThrow();
    expect([...(await casePosts(ctx, await bigRow())).keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    await expect(mergeCases(ctx, single.id, big, 'alice')).rejects.toThrow(/merged/);

    const { changed } = await setPostsStatus(ctx, big, 'resolved', 'alice', ['a']);
    expect(changed).toEqual(['a']);
    await setPostsStatus(ctx, big, 'dismissed', 'alice', ['b']);
    await expect(setPostsStatus(ctx, big, 'resolved', 'alice', ['nope'])).rejects.toThrow(/not in this case/);

    const part = await splitCase(ctx, big, ['c', 'd'], 'alice', 'Two customers with broken wheels');
    const partRow = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', part).executeTakeFirstOrThrow();
    expect(partRow).toMatchObject({ kind: 'case', status: 'new', team: 'care', title: 'Two customers with broken wheels', parent_revolt_id: 'r1' });
    expect(Object.fromEntries(await casePosts(ctx, partRow))).toEqual({ c: 'open', d: 'open' });
    expect(Object.fromEntries(await casePosts(ctx, await bigRow()))).toEqual({ a: 'resolved', b: 'dismissed' });
    await expect(splitCase(ctx, big, ['a', 'b'], 'alice')).rejects.toThrow(/at least one post/);
    const trail = (await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', big).orderBy('at').execute()).map((a) => a.action);
    expect(trail).toEqual(expect.arrayContaining(['queue.merged_in', 'case.posts_resolved', 'case.posts_dismissed', 'queue.split']));
  });
});

describe('the demo desk', () => {
  it('keeps open queue items at or under 15 % of posts from the first revolt on (the previous routing floods, at more than twice that)', async () => {
    const [ours, peer] = [await replayDemoDesk({ minutes: 150 }), await replayDemoDesk({ minutes: 150, peer: true })];
    expect(ours.firstRevoltMinute).not.toBeNull();
    const share = (r: typeof ours) => r.worstAfterFirstRevolt!.open / r.worstAfterFirstRevolt!.posts;
    expect(share(ours)).toBeLessThanOrEqual(0.15);
    expect(share(peer)).toBeGreaterThan(Math.max(0.3, 2 * share(ours)));
    expect(ours.byReason.revolt).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
