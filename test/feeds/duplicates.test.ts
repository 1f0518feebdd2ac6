/**
 * The same post seen twice is linked (duplicate_of), not counted twice toward a revolt: by URL across
 * sources, by reposted text through any source (a retweet storm through one push source included).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { ingestPosts } from '../../src/ingest/ingest.js';
import type { NormalizedPost } from '../../src/types.js';
import { processPosts } from '../../src/pipeline/process.js';
import { LINK_WINDOW_MS } from '../../src/ingest/recent-texts.js';

const T = Date.parse('2026-03-02T08:00:00Z');
const post = (source: string, externalId: string, text: string, url: string | null = null): NormalizedPost => ({
  source,
  target: 'acme',
  externalId,
  url,
  author: { id: 'a' },
  text,
  publishedAt: T,
});

describe.each(DIALECTS)('duplicate linking on %s', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => (ctx = await createTestContext({ dialect })));
  afterEach(async () => ctx.close());

  it('links by URL across sources (never within one source) and by reposted text', async () => {
    const text = 'Acme cancelled my order twice and support keeps closing the ticket without an answer';
    const [first] = await ingestPosts(ctx, [post('rss', '1', 'Headline about Acme outage', 'https://news.example.com/a'), post('masto', 'm1', text)]);
    const second = await ingestPosts(ctx, [
      post('reddit', 'r1', 'Someone shared: Acme outage', 'https://news.example.com/a'),
      post('bsky', 'b1', `RT @dana: ${text}!! https://t.co/zz`),
      post('bsky', 'b2', 'A different, unrelated complaint about the Acme app crashing at login'),
    ]);
    const byId = new Map(second.map((p) => [p.externalId, p]));
    expect(byId.get('r1')!.duplicateOf).toBe(first.id);
    expect(byId.get('b1')!.duplicateOf).toMatch(/^p_/);
    expect(byId.get('b2')!.duplicateOf ?? null).toBeNull();
    const rows = await ctx.db.selectFrom('posts').select(['external_id', 'duplicate_of']).execute();
    expect(rows.filter((r) => r.duplicate_of !== null).map((r) => r.external_id).sort()).toEqual(['b1', 'r1']);
    // the same source repeating a URL is not a duplicate of itself
    const again = await ingestPosts(ctx, [post('rss', '2', 'Follow-up on the outage', 'https://news.example.com/a')]);
    expect(again[0].duplicateOf ?? null).toBeNull();
  });

  const storm = (source: string, from: number, to: number, texts = 3) =>
    Array.from({ length: to - from + 1 }, (_, i) => post(source, `s${from + i}`, `RT @dana: Acme lost my luggage twice this month and nobody answers, day ${(from + i) % texts}`));

  async function originals() {
    const rows = await ctx.db.selectFrom('posts').select(['id', 'external_id', 'duplicate_of', 'fetched_at']).orderBy('fetched_at').orderBy('external_id').execute();
    return rows;
  }

  // the recent-text memory (as a served instance runs) and the database lookup alone (a fresh instance) agree
  for (const memory of [true, false]) {
    it(`links same-source repeats to the first copy, within a call and across calls (${memory ? 'with' : 'without'} the recent-text memory)`, async () => {
      if (!memory) {
        await ctx.close();
        ctx = await createTestContext({ dialect, recentTexts: false });
      }
      const first = await processPosts(ctx, storm('push', 1, 30), { queue: false });
      ctx.clock.advance(1000);
      const second = await processPosts(ctx, storm('push', 31, 60), { queue: false });
      const third = await ingestPosts(ctx, storm('other', 61, 63)); // another source: linked to the same originals
      const all = [...first.map((c) => c.post), ...second.map((c) => c.post), ...third];
      expect(all).toHaveLength(63);
      const roots = all.filter((p) => !p.duplicateOf);
      expect(roots.map((p) => p.externalId).sort()).toEqual(['s1', 's2', 's3']);
      const rootOf = new Map(roots.map((p) => [p.text, p.id]));
      for (const p of all) expect(p.duplicateOf ?? p.id).toBe(rootOf.get(p.text));
      const rows = await originals();
      expect(rows.filter((r) => r.duplicate_of === null).map((r) => r.external_id).sort()).toEqual(['s1', 's2', 's3']);
      // every copy points at the first stored post with its text
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const r of rows) if (r.duplicate_of) expect(byId.get(r.duplicate_of)!.duplicate_of).toBeNull();
      const sameText = (n: number) => rows.filter((r) => Number(r.external_id.slice(1)) % 3 === n % 3);
      for (const n of [1, 2, 3]) expect(new Set(sameText(n).map((r) => r.duplicate_of ?? r.id)).size).toBe(1);
    });
  }

  it('does not link to an original older than the link window (the lookup is bounded in time)', async () => {
    const [old] = await ingestPosts(ctx, storm('push', 1, 1, 1));
    ctx.clock.advance(LINK_WINDOW_MS + 60_000);
    const [later, again] = await ingestPosts(ctx, storm('push', 2, 3, 1));
    expect(old.duplicateOf ?? null).toBeNull();
    expect(later.duplicateOf ?? null).toBeNull();
    expect(again.duplicateOf).toBe(later.id);
  });
});
