/**
 * "Did our answer work?" on a replay whose replies are really published: posts from Poisson
 * processes with known negative rates before and after the answer go through the real pipeline,
 * the team drafts replies on the revolt's case and the publish worker sends them to a local
 * Mastodon; the published reply then comes back through the feed as the brand's own post. The
 * figures must recover the known rates within their intervals and find the answer where it was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { fakeMastodon, MASTODON_TOKEN, type FakeServer } from '../helpers/fake-networks.js';
import { makePost } from '../helpers/posts.js';
import { arrivals, HAPPY, HOUR, NEGATIVE, NEUTRAL, rng } from '../helpers/cx-seed.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';
import { draftReplies } from '../../src/replies/draft.js';
import { publishDue } from '../../src/replies/publish.js';
import { answerEffectiveness } from '../../src/cx/answers-query.js';
import { periodOf } from '../../src/cx/moments-query.js';
import { revoltInsight } from '../../src/http/timeline.js';
import { getRevolt } from '../../src/http/queries.js';
import type { NormalizedPost } from '../../src/types.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const within = (v: number, i: { low: number | null; high: number | null } | null) => i !== null && (i.low ?? -Infinity) <= v && v <= (i.high ?? Infinity);

describe.each(DIALECTS)('answer effectiveness with published replies (%s)', (dialect) => {
  let ctx: TestContext;
  let masto: FakeServer;
  const openedAt = T0 + 6 * HOUR;
  const answerAt = openedAt + 2 * HOUR;
  const rates = { before: 30, after: 8, neutral: 25 };

  beforeAll(async () => {
    masto = await fakeMastodon();
    ctx = await createTestContext({ dialect, now: T0, config: `targets:\n  - id: acme\n    brandAccounts: ["@care"]\n    sources:\n      - { id: acme-masto, type: mastodon, instance: "${masto.url}", tag: acme, accessToken: ${MASTODON_TOKEN} }\n` });
    await syncTargets(ctx, ctx.config.targets);
    const r = rng(29);
    const posts: NormalizedPost[] = [];
    let k = 0;
    const p = (text: string, at: number, over: Partial<NormalizedPost> = {}) => posts.push(makePost({ source: 'acme-masto', externalId: String(1_000_000 + k++), text, publishedAt: at, ...over }));
    for (const at of arrivals(rates.before, answerAt - 6 * HOUR, answerAt, r)) p(`${NEGATIVE} #${k}`, at);
    for (const at of arrivals(rates.after, answerAt, answerAt + 6 * HOUR, r)) p(`${NEGATIVE} #${k}`, at);
    for (const at of arrivals(rates.neutral, answerAt - 6 * HOUR, answerAt + 6 * HOUR, r)) p(`${NEUTRAL} #${k}`, at);
    // six customers whose complaints the team answers; four of them come back, three happier
    for (let i = 0; i < 6; i++) p(`${NEGATIVE} customer ${i}`, openedAt + i * 60_000, { externalId: `c${i}`, author: { id: `cust-${i}`, handle: `@cust${i}`, followers: 10 } });
    for (let i = 0; i < 4; i++) p(i === 3 ? `${NEGATIVE} still` : `${HAPPY} ${i}`, answerAt + (i + 1) * 30 * 60_000, { author: { id: `cust-${i}`, handle: `@cust${i}`, followers: 10 } });
    // replayed in time order: what was posted before the answer, then the answer, then the rest
    ctx.clock.set(answerAt);
    await processPosts(ctx, posts.filter((x) => x.publishedAt < answerAt));
    const complaints = (await ctx.db.selectFrom('posts').select(['id', 'external_id']).where('external_id', 'like', 'c%').execute()).sort((a, b) => a.external_id.localeCompare(b.external_id));
    await ctx.db.insertInto('revolts').values({ id: 'rv_1', target_id: 'acme', key: 'lost-items', label: 'Lost bags', stage: 'escalating', severity: 60, priority: 'P2', opened_at: openedAt, updated_at: openedAt, resolved_at: null, explain: '{}', state: null }).execute();
    await ctx.db.insertInto('revolt_posts').values(complaints.map((c) => ({ revolt_id: 'rv_1', post_id: c.id, added_at: openedAt }))).execute();
    await ctx.db.insertInto('queue_items').values({ id: 'q_1', kind: 'revolt', revolt_id: 'rv_1', post_id: null, target_id: 'acme', title: 'Lost bags', status: 'new', priority: 'P2', team: 'care', assignee: 'ana', due_first_response_at: openedAt + HOUR, due_resolve_at: openedAt + 8 * HOUR, created_at: openedAt, updated_at: openedAt }).execute();
    // the team answers at answerAt: drafted on the case, published by the worker to Mastodon
    const drafted = await draftReplies(ctx, 'q_1', { text: 'Sorry {author}, we are on it and will DM you', postIds: complaints.map((c) => c.id), template: 'holding-en' }, 'ana');
    expect(drafted.replies).toHaveLength(6);
    const published = await publishDue(ctx);
    expect(published.sent).toBe(6);
    // the first published reply comes back through the feed, as the Mastodon source normalises it
    const back = await ctx.db.selectFrom('replies').select(['remote_url', 'remote_id']).where('status', '=', 'sent').orderBy('sent_at').executeTakeFirstOrThrow();
    ctx.clock.set(T0 + 24 * HOUR);
    await processPosts(ctx, posts.filter((x) => x.publishedAt >= answerAt));
    await processPosts(ctx, [makePost({ source: 'acme-masto', externalId: back.remote_id!, url: back.remote_url, text: 'Sorry, we are on it and will DM you', publishedAt: answerAt + 20_000, author: { id: `${masto.url}/@care`, handle: '@care', followers: 900 } })]);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await masto?.close();
  });

  it('finds the published answer and recovers the known rates within their intervals', async () => {
    expect(masto.published).toHaveLength(6);
    const a = await answerEffectiveness(ctx, { period: periodOf(ctx.clock.now(), T0, T0 + 24 * HOUR) });
    const rv = a.revolts[0];
    expect(rv.answer).toMatchObject({ via: 'reply', channel: 'mastodon', at: new Date(answerAt).toISOString() });
    expect(rv.timeToAnswerMs).toBe(2 * HOUR);
    const e = rv.effect!;
    const before = rates.before + 6 / 6; // the six answered complaints sit in the before window
    const after = rates.after + 1 / 6; // one answered customer is still negative after
    expect(within(before, e.before.negativePerHour)).toBe(true);
    expect(within(after, e.after.negativePerHour)).toBe(true);
    expect(within(after / before, e.rateRatio)).toBe(true);
    expect(e.trend).toBe('down');
    expect(within(before / (before + rates.neutral), e.before.negativeShare)).toBe(true);
    expect(within(after / (after + rates.neutral + 3 / 6), e.after.negativeShare)).toBe(true);
    expect(rv.authors).toMatchObject({ answered: 6, postedAgain: 4, laterPosts: 4, laterNegative: 1, laterPositive: 3 });
    expect(a.channel).toEqual([expect.objectContaining({ key: 'mastodon', cases: 1 })]);
    expect(a.template[0]).toMatchObject({ key: 'holding-en', afterAnswer: { revolts: 1, trend: 'down' } });
  });

  it('marks the published replies and the reply seen back in the feed on the revolt’s timeline', async () => {
    const r = (await getRevolt(ctx, 'rv_1'))!;
    const marks = (await revoltInsight(ctx, r)).answers.map((x) => x.label);
    expect(marks.filter((m) => m === 'reply sent (mastodon)')).toHaveLength(6);
    expect(marks).toContain("the team's post seen in the feed (acme-masto)");
  });
});
