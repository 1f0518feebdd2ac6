import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { CX_CONFIG, HOUR, NEGATIVE, NEUTRAL, seedAnswers, type Scenario } from '../helpers/cx-seed.js';
import { answerEffectiveness } from '../../src/cx/answers-query.js';
import { periodOf } from '../../src/cx/moments-query.js';
import { ownAccountMatcher } from '../../src/cx/answers.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const within = (v: number, i: { low: number | null; high: number | null } | null) => i !== null && (i.low ?? -Infinity) <= v && v <= (i.high ?? Infinity);

describe('brand accounts', () => {
  it('match handles and ids without case or a leading @ / u/', () => {
    const own = ownAccountMatcher(['@AcmeCare', 'u/acme_help']);
    expect(own({ id: 'x', handle: '@acmecare' })).toBe(true);
    expect(own({ id: 'ACMECARE', handle: null })).toBe(true);
    expect(own({ id: 'y', handle: 'u/Acme_Help' })).toBe(true);
    expect(own({ id: 'y', handle: '@acmecare2' })).toBe(false);
  });
});

describe.each(DIALECTS)('did our answer work? (%s)', (dialect) => {
  let ctx: TestContext;
  let s: Scenario;
  beforeAll(async () => {
    ctx = await createTestContext({ dialect, config: CX_CONFIG, now: T0 + 24 * HOUR });
    s = await seedAnswers(ctx, T0);
  }, 60_000);
  afterAll(() => ctx?.close());

  it('the replay’s texts are classified as the scenario says', () => {
    expect(ctx.classifier().classify(NEGATIVE, 'en').sentiment.label).toBe('negative');
    expect(ctx.classifier().classify(NEUTRAL, 'en').sentiment.label).not.toBe('negative');
  });

  it('recovers the known before/after rates within their intervals, and the answer itself', async () => {
    const a = await answerEffectiveness(ctx, { period: periodOf(ctx.clock.now(), T0, T0 + 24 * HOUR) });
    const rv = a.revolts.find((r) => r.id === s.revoltId)!;
    expect(rv.answer).toMatchObject({ at: new Date(s.answerAt).toISOString(), via: 'reply', channel: 'mastodon' });
    expect(rv.timeToAnswerMs).toBe(s.answerAt - s.openedAt);
    const e = rv.effect!;
    // the negative-voice rate: the 8 answered complaints sit in the before window on top of the process
    expect(within(s.rates.negativeBefore + 8 / 6, e.before.negativePerHour)).toBe(true);
    expect(within(s.rates.negativeAfter + 1 / 6, e.after.negativePerHour)).toBe(true);
    const trueRatio = (s.rates.negativeAfter + 1 / 6) / (s.rates.negativeBefore + 8 / 6);
    expect(within(trueRatio, e.rateRatio)).toBe(true);
    expect(e.trend).toBe('down');
    // negative share: negatives / (negatives + neutral chatter, + the happy later posts after)
    const shareBefore = (s.rates.negativeBefore + 8 / 6) / (s.rates.negativeBefore + 8 / 6 + s.rates.neutral);
    const shareAfter = (s.rates.negativeAfter + 1 / 6) / (s.rates.negativeAfter + 5 / 6 + s.rates.neutral);
    expect(within(shareBefore, e.before.negativeShare)).toBe(true);
    expect(within(shareAfter, e.after.negativeShare)).toBe(true);
    // the brand's own posts are not counted as customers' voices
    const brand = await ctx.db.selectFrom('posts').select('id').where('author_handle', 'in', ['@AcmeCare', '@acmecare']).execute();
    expect(brand).toHaveLength(2);
    const counted = await ctx.db.selectFrom('classifications').select((eb) => eb.fn.countAll<number>().as('n')).where('target_id', '=', 'acme').where('published_at', '>=', s.answerAt).where('published_at', '<', s.answerAt + 6 * HOUR).executeTakeFirstOrThrow();
    expect(e.after.posts).toBe(Number(counted.n) - 2);
    // the answered authors: 5 of 8 posted again, 1 of their 5 later posts negative
    expect(rv.authors).toMatchObject({ answered: 8, postedAgain: s.postedAgain, laterPosts: 5, laterNegative: s.laterNegative, laterPositive: s.laterPositive });
  });

  it('recognises a brand account’s post coming back through the feeds as the first answer', async () => {
    const a = await answerEffectiveness(ctx, { period: periodOf(ctx.clock.now(), T0, T0 + 24 * HOUR) });
    const rv = a.revolts.find((r) => r.id === 'rv_brand')!;
    expect(rv.answer).toMatchObject({ via: 'brand-post', at: new Date(s.answerAt + 4 * HOUR).toISOString() });
    expect(rv.timeToAnswerMs).toBe(HOUR);
  });

  it('gives response times, SLA attainment and the pooled after-answer change per team, template and channel', async () => {
    const a = await answerEffectiveness(ctx, { period: periodOf(ctx.clock.now(), T0, T0 + 24 * HOUR) });
    expect(a.team).toHaveLength(1);
    const care = a.team[0];
    expect(care).toMatchObject({ key: 'care', cases: 2, firstResponse: { count: 2, medianMs: 60 * 60_000, meanMs: 60 * 60_000 }, resolution: { count: 1, medianMs: 5 * HOUR } });
    expect(care.firstResponseSla).toMatchObject({ met: 1, due: 2 });
    expect(care.resolutionSla).toMatchObject({ met: 0, due: 2 }); // one resolved late, one still open past its due time
    expect(care.afterAnswer.revolts).toBe(2);
    expect(a.template).toEqual([expect.objectContaining({ key: 'holding-en', cases: 1 })]);
    expect(a.channel).toEqual([expect.objectContaining({ key: 'mastodon', cases: 1 })]);
    expect(a.template[0].afterAnswer.trend).toBe('down');
  });
});
