/** The same post seen through two sources is linked (duplicate_of), not counted twice toward a revolt. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { ingestPosts } from '../../src/ingest/ingest.js';
import type { NormalizedPost } from '../../src/types.js';

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

  it('links by URL and by reposted text across sources, never within one source', async () => {
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
});
