/**
 * A replay with known answer effects, for the "did our answer work?" figures: background and
 * negative voices drawn from Poisson processes with known rates before and after the first public
 * answer, run through the real pipeline (classifier included), plus replies published from the
 * revolt's case and the brand's own post coming back through the feed.
 */
import type { NormalizedPost } from '../../src/types.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';
import type { TestContext } from './context.js';
import { makePost } from './posts.js';

export const HOUR = 3_600_000;
export const NEGATIVE = 'Your service is terrible, awful and useless, I hate this';
export const NEUTRAL = 'Flying with Acme tomorrow, any tips for the lounge?';
export const HAPPY = 'Thank you Acme, sorted now, great service, love it!';
export const PROMISE = 'You promised a refund weeks ago and still no refund, you lied, terrible';
export const PROMISE_HOSTILE = '<img src=x onerror="window.__pwned=1"> you promised a refund and still no refund, liars';
export const HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1"> revolt';

export const CX_CONFIG = `targets:
  - id: acme
    brandAccounts: ["@AcmeCare"]
`;

/** Seeded generator (mulberry32) and Poisson process arrival times. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function arrivals(perHour: number, from: number, to: number, r: () => number): number[] {
  const out: number[] = [];
  for (let t = from - (Math.log(1 - r()) / perHour) * HOUR; t < to; t -= (Math.log(1 - r()) / perHour) * HOUR) out.push(Math.floor(t));
  return out;
}

export interface Scenario {
  answerAt: number;
  openedAt: number;
  revoltId: string;
  /** the generating rates (per hour) */
  rates: { negativeBefore: number; negativeAfter: number; neutral: number };
  answered: string[];
  postedAgain: number;
  laterNegative: number;
  laterPositive: number;
}

/**
 * Revolt A (answered by replies; the brand's reply comes back through the feed): negative voices at
 * 24/h for 6 h before the answer, 6/h after; neutral chatter at 20/h throughout. 8 authors answered,
 * 5 post again (4 happy, 1 negative). Revolt B is answered only by a brand account's post.
 */
export async function seedAnswers(ctx: TestContext, t0: number, seed = 11): Promise<Scenario> {
  await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }]);
  const r = rng(seed);
  const openedAt = t0 + 6 * HOUR;
  const answerAt = openedAt + 90 * 60_000;
  const rates = { negativeBefore: 24, negativeAfter: 6, neutral: 20 };
  const posts: NormalizedPost[] = [];
  let k = 0;
  for (const at of arrivals(rates.negativeBefore, answerAt - 6 * HOUR, answerAt, r)) posts.push(makePost({ text: `${NEGATIVE} #${k++}`, publishedAt: at }));
  for (const at of arrivals(rates.negativeAfter, answerAt, answerAt + 6 * HOUR, r)) posts.push(makePost({ text: `${NEGATIVE} #${k++}`, publishedAt: at }));
  for (const at of arrivals(rates.neutral, answerAt - 6 * HOUR, answerAt + 6 * HOUR, r)) posts.push(makePost({ text: `${NEUTRAL} #${k++}`, publishedAt: at }));
  // the answered authors' complaints (before the answer) and, for 5 of them, what they said next
  const answered = Array.from({ length: 8 }, (_, i) => `customer-${i}`);
  answered.forEach((a, i) => posts.push(makePost({ externalId: `complaint-${i}`, text: `${NEGATIVE} ${a}`, publishedAt: openedAt + i * 60_000, author: { id: a, followers: 10 } })));
  for (let i = 0; i < 5; i++) posts.push(makePost({ externalId: `later-${i}`, text: i === 4 ? `${NEGATIVE} again` : `${HAPPY} ${i}`, publishedAt: answerAt + (i + 1) * 20 * 60_000, author: { id: answered[i], followers: 10 } }));
  // the brand's reply, seen again through the feed (by its URL), and a brand post for revolt B
  posts.push(makePost({ externalId: 'care-1', url: 'https://social.example/@AcmeCare/1', text: 'We are so sorry, we are on it and will DM you', publishedAt: answerAt + 30_000, author: { id: 'https://social.example/@AcmeCare', handle: '@AcmeCare', followers: 5000 } }));
  posts.push(makePost({ externalId: 'care-2', text: 'We are sorry about the app outage, a fix is rolling out', publishedAt: answerAt + 4 * HOUR, author: { id: 'acme-care-id', handle: '@acmecare', followers: 5000 } }));
  // broken promises, before any window: one of them hostile
  for (let i = 0; i < 4; i++) posts.push(makePost({ text: i === 0 ? `${PROMISE_HOSTILE}` : `${PROMISE} #${i}`, publishedAt: t0 + (10 + i * 10) * 60_000 }));
  await processPosts(ctx, posts);

  const revoltId = 'rv_answered';
  const common = { target_id: 'acme', stage: 'subsiding', severity: 70, priority: 'high', updated_at: answerAt, resolved_at: null, explain: '{}', state: null };
  await ctx.db.insertInto('revolts').values([
    { ...common, id: revoltId, key: 'lost-items', label: HOSTILE_LABEL, opened_at: openedAt },
    { ...common, id: 'rv_brand', key: 'outage', label: 'App outage', opened_at: answerAt + 3 * HOUR },
  ]).execute();
  const item = (id: string, revolt: string, created: number, first: number | null, resolved: number | null) => ({
    id, kind: 'revolt', revolt_id: revolt, post_id: null, target_id: 'acme', title: 'x', status: resolved ? 'resolved' : 'responded', priority: 'high', team: 'care', assignee: 'ana',
    due_first_response_at: created + HOUR, due_resolve_at: created + 4 * HOUR, created_at: created, updated_at: created, first_responded_at: first, resolved_at: resolved,
  });
  await ctx.db.insertInto('queue_items').values([item('q_a', revoltId, openedAt, openedAt + 30 * 60_000, openedAt + 5 * HOUR), item('q_b', 'rv_brand', answerAt + 3 * HOUR, answerAt + 3 * HOUR + 90 * 60_000, null)]).execute();
  const ids = (await ctx.db.selectFrom('posts').select(['id', 'external_id']).where('external_id', 'like', 'complaint-%').execute()).sort((a, b) => a.external_id.localeCompare(b.external_id));
  await ctx.db.insertInto('replies').values(ids.map((p, i) => ({
    id: `rp_${i}`, item_id: 'q_a', post_id: p.id, channel: 'mastodon', text: 'Sorry, we are on it', template: 'holding-en', status: 'sent', drafted_by: 'ana', approved_by: null, decided_at: null, decision_note: null,
    attempts: 1, next_attempt_at: answerAt, lease_until: null, last_error: null, last_status: 200, remote_id: `m${i}`, remote_url: i === 0 ? 'https://social.example/@AcmeCare/1' : `https://social.example/@AcmeCare/x${i}`,
    created_at: answerAt - 60_000, updated_at: answerAt + i * 60_000, sent_at: answerAt + i * 60_000,
  }))).execute();
  return { answerAt, openedAt, revoltId, rates, answered, postedAgain: 5, laterNegative: 1, laterPositive: 4 };
}
