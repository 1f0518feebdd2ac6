import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestDb, createTestContext, type TestContext, type TestDb } from '../helpers/context.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { ingestPosts } from '../../src/ingest/ingest.js';
import { classifyPosts } from '../../src/classify/stage.js';
import { enqueueDeliveries } from '../../src/notify/outbox.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import type { NormalizedPost, Revolt } from '../../src/types.js';

const post = (externalId: string, extra: Partial<NormalizedPost> = {}): NormalizedPost => ({
  source: 'acme-rss',
  target: 'acme',
  externalId,
  author: { id: `u-${externalId}`, followers: 10 },
  text: `post ${externalId}: the app is broken again`,
  publishedAt: Date.parse('2026-03-02T08:00:00Z'),
  ...extra,
});

describe.each(DIALECTS)('store on %s', (dialect) => {
  let t: TestDb | undefined;
  let ctx: TestContext | undefined;
  afterEach(async () => {
    await t?.close();
    await ctx?.close();
    t = ctx = undefined;
  });

  it('migrates an empty database to the latest schema, and a second run applies nothing', async () => {
    t = await openTestDb(dialect, { migrate: false });
    const first = await migrateToLatest(t.db);
    expect(first.applied).toEqual(Object.keys(MIGRATIONS));
    const second = await migrateToLatest(t.db);
    expect(second.applied).toEqual([]);
    for (const table of ['targets', 'sources', 'posts', 'classifications', 'revolts', 'revolt_posts', 'events', 'queue_items', 'outbox', 'audit_log', 'kv'] as const) {
      const rows = await sql`select count(*) as n from ${sql.table(table)}`.execute(t.db);
      expect(Number((rows.rows[0] as { n: number }).n), table).toBe(0);
    }
  });

  it('stores a post once per source and external id, and returns only new posts', async () => {
    ctx = await createTestContext({ dialect });
    const a = await ingestPosts(ctx, [post('1'), post('2'), post('1')]);
    expect(a.map((p) => p.externalId)).toEqual(['1', '2']);
    const b = await ingestPosts(ctx, [post('2'), post('3')]);
    expect(b.map((p) => p.externalId)).toEqual(['3']);
    // the same external id from another source is another post
    const c = await ingestPosts(ctx, [post('1', { source: 'acme-mastodon' })]);
    expect(c).toHaveLength(1);
    const n = await ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(4);
  });

  it('keeps epoch-millisecond times and unicode text intact', async () => {
    ctx = await createTestContext({ dialect });
    const at = Date.parse('2026-03-02T08:15:30.123Z');
    await ingestPosts(ctx, [post('zh', { text: '外卖送到已经凉了，太失望了 😡', publishedAt: at, lang: 'zh' })]);
    const row = await ctx.db.selectFrom('posts').selectAll().executeTakeFirstOrThrow();
    expect(row.published_at).toBe(at);
    expect(typeof row.published_at).toBe('number');
    expect(row.text).toBe('外卖送到已经凉了，太失望了 😡');
  });

  it('stores one classification per post and marks the post classified', async () => {
    ctx = await createTestContext({ dialect });
    const fresh = await ingestPosts(ctx, [post('1'), post('2', { text: 'I love this airline, great crew' })]);
    const out = await classifyPosts(ctx, fresh);
    expect(out.map((c) => c.verdict.sentiment.label)).toEqual(['negative', 'positive']);
    const rows = await ctx.db.selectFrom('classifications').selectAll().orderBy('post_id').execute();
    expect(rows).toHaveLength(2);
    const pending = await ctx.db.selectFrom('posts').select('id').where('classified', '=', 0).execute();
    expect(pending).toEqual([]);
  });

  it('records a revolt event once, with one queue item, an audit entry and one outbox row per channel', async () => {
    ctx = await createTestContext({
      dialect,
      config: 'notifications:\n  channels:\n    - { id: ops, type: webhook, url: "http://127.0.0.1:9/hook", secret: "0123456789abcdef0123" }\n    - { id: loud, type: slack, url: "http://127.0.0.1:9/slack", minSeverity: 90 }\n',
    });
    const now = ctx.clock.now();
    const revolt: Revolt = { id: 'r1', target: 'acme', key: 'outage', label: 'Outage — Acme', stage: 'emerging', severity: 40, priority: 'P3', openedAt: now, updatedAt: now, explain: {}, postIds: [] };
    const e1 = await recordRevoltEvent(ctx, 'revolt.opened', now, revolt);
    const e2 = await recordRevoltEvent(ctx, 'revolt.opened', now, revolt); // a re-run at the same time
    expect(e2.id).toBe(e1.id);
    expect(await ctx.db.selectFrom('events').selectAll().execute()).toHaveLength(1);
    const items = await ctx.db.selectFrom('queue_items').selectAll().execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'revolt', revolt_id: 'r1', status: 'new', priority: 'P3' });
    const outbox = await ctx.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.map((o) => o.channel)).toEqual(['ops']); // 'loud' wants severity >= 90
    expect(await enqueueDeliveries(ctx, e1)).toBe(0); // a re-run writes nothing new
    expect(await ctx.db.selectFrom('outbox').selectAll().execute()).toHaveLength(1);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['queue.created', 'revolt.opened']);
    // a later event updates the same queue item rather than creating another
    await recordRevoltEvent(ctx, 'revolt.escalated', now + 60_000, { ...revolt, priority: 'P2', severity: 60 });
    const after = await ctx.db.selectFrom('queue_items').selectAll().execute();
    expect(after).toHaveLength(1);
    expect(after[0].priority).toBe('P2');
  });
});
