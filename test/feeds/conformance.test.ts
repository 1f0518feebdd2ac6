/** The shared conformance suite: every polled source, against its fixture API, on every dialect. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { addSource, createFeedContext, postCount, sourceRow, startFixtureServer, T0, type FeedTestContext, type FixtureServer } from './helpers.js';
import { HARNESSES, type FakeItem } from './fixtures/apis.js';

const AUTHORS = ['dana', 'lee', 'sam', 'ari', 'kim'];
const item = (n: number): FakeItem => ({
  n,
  time: T0 - (1000 - n) * 60_000,
  text: `Acme support ignored refund request number ${n} & kept me waiting <three> weeks`,
  author: AUTHORS[n % AUTHORS.length],
});

describe.each(DIALECTS)('source conformance on %s', (dialect) => {
  describe.each(HARNESSES)('$type', (h) => {
    let server: FixtureServer;
    let ctx: FeedTestContext;
    let items: FakeItem[];

    beforeEach(async () => {
      server = await startFixtureServer();
      items = Array.from({ length: 12 }, (_, i) => item(i + 1));
      h.mount(server, () => items);
      ctx = await createFeedContext(dialect);
      await addSource(ctx, 'acme', { id: 'src', type: h.type, ...h.config(server.base) });
    });
    afterEach(async () => {
      await ctx.close();
      await server.close();
    });

    it('first poll stores every item across pages, normalised', async () => {
      const out = await ctx.poll('src');
      expect(out).toMatchObject({ status: 'ok', newPosts: 12 });
      expect(await postCount(ctx, 'src')).toBe(12);
      const pages = server.log.filter((r) => !r.url.pathname.includes('createSession'));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const rows = await ctx.db.selectFrom('posts').selectAll().where('source_id', '=', 'src').execute();
      const byExt = new Map(rows.map((r) => [r.external_id, r]));
      for (const it of items) {
        const row = byExt.get(h.externalId(it));
        expect(row, `item ${it.n}`).toBeDefined();
        expect(row!.text).toContain(`refund request number ${it.n} & kept me waiting <three> weeks`);
        expect(row!.text).not.toMatch(/<p>|&amp;|&lt;/);
        expect(Math.abs(row!.published_at - it.time)).toBeLessThan(1000);
        expect(row!.target_id).toBe('acme');
        expect(row!.author_id).not.toBe('unknown');
      }
      const src = await sourceRow(ctx, 'src');
      expect(src.status).toBe('ok');
      expect(Number(src.posts_seen)).toBe(12);
      expect(src.cursor).not.toBeNull();
      expect(src.last_success_at).toBe(T0);
      expect(src.next_poll_at).toBe(T0 + 300_000); // random() = 0.5: no jitter offset
      const sent = server.log[server.log.length - 1].headers['user-agent'];
      expect(sent).toMatch(/^Backlash\/.*https:\/\/example\.org\/backlash/);
    });

    it('incremental poll reads from the cursor and stores only new items', async () => {
      await ctx.poll('src');
      items.push(item(13), item(14), item(15));
      const before = server.log.length;
      const out = await ctx.poll('src');
      expect(out).toMatchObject({ status: 'ok', newPosts: 3 });
      expect(await postCount(ctx, 'src')).toBe(15);
      const reqs = server.log.slice(before).filter((r) => !r.url.pathname.includes('createSession'));
      // three new items fit in one page: the source stops at known items instead of paging back
      expect(reqs.length).toBeLessThanOrEqual(2);
      if (h.carriesCursor) expect(h.carriesCursor(reqs[0].url)).toBe(true);
      expect(Number((await sourceRow(ctx, 'src')).posts_seen)).toBe(15);
    });

    it(h.conditional ? 'a 304 leaves posts and cursor as they were' : 'an unchanged API yields nothing new', async () => {
      await ctx.poll('src');
      const cursor = (await sourceRow(ctx, 'src')).cursor;
      const before = server.log.length;
      const out = await ctx.poll('src');
      expect(out.newPosts).toBe(0);
      if (h.conditional) {
        expect(out.status).toBe('not_modified');
        expect(server.log[before].headers['if-none-match']).toBeTruthy();
        expect(server.log[before].status).toBe(304);
      }
      const src = await sourceRow(ctx, 'src');
      expect(src.status).toBe('ok');
      expect(src.cursor).toBe(cursor);
      expect(await postCount(ctx, 'src')).toBe(12);
    });

    it('re-reading everything from scratch stores no duplicate', async () => {
      await ctx.poll('src');
      await ctx.db.updateTable('sources').set({ cursor: null, etag: null, last_modified: null }).where('id', '=', 'src').execute();
      const out = await ctx.poll('src');
      expect(out).toMatchObject({ status: 'ok', newPosts: 0, fetched: 12 });
      expect(await postCount(ctx, 'src')).toBe(12);
      expect(Number((await sourceRow(ctx, 'src')).posts_seen)).toBe(12);
    });
  });
});
