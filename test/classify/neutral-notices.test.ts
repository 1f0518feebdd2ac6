/**
 * Issue 16, item 9: a flood of identical neutral feed items ("Ten thousand item number K about the
 * service") was classified negative and opened a revolt. The model had learnt "service", "the
 * service", number words and numbers from a corpus that used them only in complaints; the corpus
 * now has neutral notices that use them. These texts were written for this test and are not in the
 * corpus (checked below), so they measure what the model learnt, not what it memorised.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { testClassifier, createTestContext, type TestContext } from '../helpers/context.js';
import { tickThrough } from '../helpers/posts.js';
import { syncTargets } from '../../src/store/targets.js';
import { parseXmlFeed } from '../../src/feeds/parse-xml-feed.js';
import { feedItemToPost } from '../../src/feeds/sources/rss.js';
import type { NormalizedPost } from '../../src/types.js';

const FLOOD = (k: number) => `Ten thousand item number ${k} about the service`;

const NEUTRAL = [
  'Item number 3 about the service',
  'New post about the service in Leeds',
  'Ten facts about the service you may not know',
  'About the service: opening hours and prices',
  'The service now runs every 15 minutes on weekdays',
  'Number 5 in our series about the app',
  'Item 12: the new timetable for the service',
  'The service will be available in ten more cities next year',
  'Our team will talk about the service at the conference',
  'The service desk moves to the second floor on Monday',
];

// complaints that mention the same words must stay negative
const NEGATIVE = [
  'The service was awful, I waited ten hours and nobody answered',
  'Worst service ever, item number 4 arrived broken',
  'Your service is a joke, third time this week it is down',
];

describe('neutral notices about the service', () => {
  it('are not in the training corpus (the test measures generalisation)', () => {
    const corpus = readFileSync(new URL('../../data/corpus/corpus-en.jsonl', import.meta.url), 'utf8').toLowerCase();
    for (const t of [FLOOD(1).replace(' 1 ', ' '), ...NEUTRAL]) expect(corpus.includes(t.toLowerCase()), t).toBe(false);
    expect(corpus.includes('item number')).toBe(false);
  });

  it('classifies the flood items as neutral, whatever the number', () => {
    const c = testClassifier();
    const labels = new Map<string, number>();
    for (let k = 1; k <= 10_000; k += 37) {
      const v = c.classify(FLOOD(k));
      labels.set(v.sentiment.label, (labels.get(v.sentiment.label) ?? 0) + 1);
      expect(v.complaint.is, FLOOD(k)).toBe(false);
    }
    expect(labels.get('negative') ?? 0).toBe(0);
    expect(labels.get('neutral')).toBeGreaterThan(0);
  });

  it('classifies other neutral notices about the service as not negative, and complaints about it as negative', () => {
    const c = testClassifier();
    for (const t of NEUTRAL) expect(c.classify(t).sentiment.label, t).not.toBe('negative');
    for (const t of NEGATIVE) expect(c.classify(t).sentiment.label, t).toBe('negative');
  });
});

describe('a flood of identical neutral feed items through the pipeline', () => {
  let ctx: TestContext;
  afterEach(async () => ctx?.close());

  it('classifies every item neutral and opens no revolt', { timeout: 120_000 }, async () => {
    const T0 = Date.parse('2026-03-02T00:00:00Z');
    ctx = await createTestContext({ now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }]);
    const N = 10_000;
    const start = T0 + 2 * 3_600_000;
    const items = Array.from({ length: N }, (_, k) => `<item><title>${FLOOD(k + 1)}</title><guid isPermaLink="false">flood-${k}</guid><pubDate>${new Date(start + k * 180).toUTCString()}</pubDate></item>`);
    const feed = parseXmlFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>${items.join('')}</channel></rss>`);
    expect(feed.items).toHaveLength(N);
    const posts: NormalizedPost[] = feed.items.map((it) => feedItemToPost(it, { id: 'flood', target: 'acme' }, 'en', start)).map((p, k) => ({ ...p, author: { id: `reader-${k % 500}`, name: null, handle: null } })); // many readers, as on a forum feed
    const events = await tickThrough(ctx, posts, T0, start + 60 * 60_000);
    expect(events.filter((e) => e.type === 'revolt.opened')).toEqual([]);
    const counts = await ctx.db.selectFrom('classifications').select(['sentiment']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('sentiment').execute();
    expect(counts.map((r) => [r.sentiment, Number(r.n)])).toEqual([['neutral', N]]);
  });
});
