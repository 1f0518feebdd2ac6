/**
 * Database size per million posts: stores N synthetic posts (with a ~1 KB raw payload each, like a
 * social network's API object) through the real pipeline, then measures the database before and
 * after retention drops the raw payloads (and folds the daily aggregates). Extrapolates per million.
 * Peer in the same run: the bytes of the post text alone (the floor for any store).
 *
 *   npx tsx bench/db-size.ts [--posts 100000] [--pg]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { processPosts } from '../src/pipeline/process.js';
import { buildConfig } from '../src/config/config.js';
import { createEventBus } from '../src/util/event-bus.js';
import { silentLogger } from '../src/util/log.js';
import { ManualClock } from '../src/util/clock.js';
import { foldDailyCounts, pruneRawPayloads } from '../src/jobs/retention.js';
import type { AppContext } from '../src/context.js';
import type { NormalizedPost } from '../src/types.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--posts') + 1] || 100_000) || 100_000;
const USE_PG = args.includes('--pg');
const BODIES = ['my luggage is lost again and nobody answers, terrible service', 'great crew today, thanks for the upgrade!', 'is the app showing gate changes for flight 312?', 'the refund for my cancelled flight still has not arrived after six weeks', 'delayed three hours with no information at the gate, awful', 'charged twice for the same ticket, please fix this'];
const TOPICS = ['baggage', 'refunds', 'delays', 'app', 'crew'];

function post(n: number, now: number): NormalizedPost {
  const text = `@AcmeAir ${BODIES[n % BODIES.length]} #${n}`;
  return {
    source: 'acme-push',
    target: `brand-${n % 5}`,
    externalId: `size-${n}`,
    url: `https://social.example/@user${n % 20000}/${1_000_000_000 + n}`,
    author: { id: `user-${n % 20000}`, name: `User ${n % 20000}`, handle: `user${n % 20000}`, followers: (n * 37) % 10000 },
    text,
    lang: 'en',
    publishedAt: now - (n % 86_400) * 1000,
    metrics: { likes: n % 50, reposts: n % 7, replies: n % 3 },
    // roughly what a network's API returns per post: ids, author object, entities, counters
    raw: { id: String(1_000_000_000 + n), created_at: new Date(now).toISOString(), text, lang: 'en', author: { id: `user-${n % 20000}`, username: `user${n % 20000}`, name: `User ${n % 20000}`, verified: false, followers_count: (n * 37) % 10000, profile_image_url: `https://img.social.example/u/${n % 20000}.jpg`, description: 'Traveller, coffee drinker, occasional complainer.' }, entities: { mentions: [{ username: 'AcmeAir', start: 0, end: 8 }], hashtags: [{ tag: String(n), start: text.length - String(n).length - 1, end: text.length }] }, public_metrics: { like_count: n % 50, retweet_count: n % 7, reply_count: n % 3, quote_count: 0 }, context: { topic: TOPICS[n % TOPICS.length] }, conversation_id: String(1_000_000_000 + n - (n % 4)) },
  };
}

async function sizeBytes(ctx: AppContext, file: string): Promise<number> {
  if (ctx.dialect === 'postgres') {
    const r = await sql<{ n: string }>`select sum(pg_total_relation_size(c.oid))::bigint as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relkind = 'r'`.execute(ctx.db);
    return Number(r.rows[0].n);
  }
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db);
  return fs.statSync(file).size;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-size-'));
  const file = path.join(dir, 'size.db');
  let dropPg: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (USE_PG) {
    const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `bl_size_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropPg = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const opened = await openDb({ databaseUrl, sqlitePath: file });
  await migrateToLatest(opened.db);
  const classifier = await loadNodeClassifier();
  const now = Date.now();
  const clock = new ManualClock(now);
  const ctx: AppContext = { config: buildConfig({}, { readFile: () => null }), db: opened.db, dialect: opened.dialect, clock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'size' };
  const empty = await sizeBytes(ctx, file);
  let textBytes = 0;
  let rawBytes = 0;
  const t = performance.now();
  for (let i = 0; i < N; i += 500) {
    const batch = Array.from({ length: Math.min(500, N - i) }, (_, k) => post(i + k, now));
    for (const p of batch) {
      textBytes += Buffer.byteLength(p.text);
      rawBytes += Buffer.byteLength(JSON.stringify(p.raw));
    }
    await processPosts(ctx, batch);
  }
  const secs = (performance.now() - t) / 1000;
  const full = (await sizeBytes(ctx, file)) - empty;
  while ((await foldDailyCounts(ctx, 10_000)) > 0);
  clock.advance(31 * 86_400_000);
  while ((await pruneRawPayloads({ ...ctx, config: { ...ctx.config, retention: { ...ctx.config.retention, batch: 20_000 } } })) > 0);
  if (ctx.dialect === 'postgres') await sql`vacuum full`.execute(ctx.db);
  else await sql`vacuum`.execute(ctx.db);
  const pruned = (await sizeBytes(ctx, file)) - empty;
  const perM = (b: number) => `${((b / N) * 1e6 / 1024 ** 3).toFixed(2)} GB`;
  const counts = await ctx.db.selectFrom('daily_counts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  console.log(`${N} posts on ${ctx.dialect} in ${secs.toFixed(1)} s (${(N / secs).toFixed(0)} posts/s through processPosts)`);
  console.log(`average raw payload ${(rawBytes / N).toFixed(0)} B, post text ${(textBytes / N).toFixed(0)} B`);
  console.log(`with raw payloads:        ${(full / N).toFixed(0)} B/post → ${perM(full)} per million posts`);
  console.log(`after retention (no raw): ${(pruned / N).toFixed(0)} B/post → ${perM(pruned)} per million posts (daily_counts rows: ${Number(counts?.n)})`);
  console.log(`peer — post text alone:   ${(textBytes / N).toFixed(0)} B/post → ${perM(textBytes)} per million posts`);
  await opened.close();
  await dropPg?.();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
