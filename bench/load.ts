/**
 * Load benchmark: push ingest (POST /api/ingest/:source, signed, batches of 50) into one
 * `backlash serve` process, open loop, at the given rates, for two mixes: unique texts and a retweet
 * storm (the same 8 texts reposted). Per stage: offered and achieved posts/s, p50/p99/max latency,
 * errors, and the server's resident memory sampled every second.
 *
 * Latency is measured from when each request was due (not when it could be sent), so a stalled
 * server is not hidden by a generator that waits for it. A stage is **sustained** only when p99 ≤
 * 250 ms AND achieved ≥ 95 % of offered AND no errors. The endpoint answers 202 after the posts are
 * stored and classified. At the end: every accepted post stored and classified, once.
 *
 * Peer in the same run: the in-process pipeline (processPosts on the same posts, no HTTP, no
 * signatures, no JSON) on a fresh database of the same kind: the ceiling.
 *
 *   npx tsx bench/load.ts [--rates 1000,2000,3000] [--storm-rates 1000,2000] [--stage-seconds 25]
 *                         [--batch 50] [--in-flight 512] [--pg]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { processPosts } from '../src/pipeline/process.js';
import { buildConfig } from '../src/config/config.js';
import { createEventBus } from '../src/util/event-bus.js';
import { silentLogger } from '../src/util/log.js';
import { systemClock } from '../src/util/clock.js';
import { RecentTexts } from '../src/ingest/recent-texts.js';
import type { AppContext } from '../src/context.js';
import type { NormalizedPost } from '../src/types.js';
import { freshPgDb, makeItem, pct, push, rssMb, startServer, type Mix, type PushItem } from './lib/serve.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const list = (s: string) => (s ? s.split(',').filter(Boolean).map(Number) : []);
const STAGES: { mix: Mix; rate: number }[] = [...list(arg('rates', '1000,2000,3000')).map((rate) => ({ mix: 'unique' as Mix, rate })), ...list(arg('storm-rates', '1000,2000')).map((rate) => ({ mix: 'storm' as Mix, rate }))];
const STAGE_S = Number(arg('stage-seconds', '25'));
const BATCH = Number(arg('batch', '50'));
const MAX_IN_FLIGHT = Number(arg('in-flight', '512'));
const USE_PG = args.includes('--pg');
const P99_LIMIT_MS = 250;

const toPost = (it: PushItem): NormalizedPost => ({ source: 'acme-push', target: 'acme', externalId: it.id, author: it.author, text: it.text, publishedAt: it.publishedAt });

async function pipelineCeiling(posts: NormalizedPost[]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-peer-'));
  const pgDb = USE_PG ? await freshPgDb() : null;
  const opened = await openDb({ databaseUrl: pgDb?.url, sqlitePath: path.join(dir, 'peer.db') });
  await migrateToLatest(opened.db);
  const classifier = await loadNodeClassifier();
  const ctx: AppContext = { config: buildConfig({}, { readFile: () => null }), db: opened.db, dialect: opened.dialect, clock: systemClock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'peer', recentTexts: new RecentTexts() };
  const t = performance.now();
  for (let i = 0; i < posts.length; i += BATCH) await processPosts(ctx, posts.slice(i, i + BATCH));
  const rate = posts.length / ((performance.now() - t) / 1000);
  await opened.close();
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

interface StageResult {
  mix: Mix;
  rate: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  rss: number[];
  sustained: boolean;
}

async function stage(base: string, pid: number, mix: Mix, rate: number, sample: NormalizedPost[]): Promise<StageResult & { accepted: number }> {
  const lat: number[] = [];
  let errors = 0;
  const errorKinds = new Map<string, number>();
  const fail = (kind: string) => {
    errors++;
    errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
  };
  let accepted = 0;
  let inFlight = 0;
  const rss = [rssMb(pid)];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 1000);
  const start = performance.now();
  const end = start + STAGE_S * 1000;
  const interval = (BATCH / rate) * 1000;
  let due = start;
  const pending = new Set<Promise<unknown>>();
  let n = 0;
  while (due < end) {
    const now = performance.now();
    if (now < due || inFlight >= MAX_IN_FLIGHT) {
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(4, due - now))));
      continue;
    }
    const scheduled = due;
    due += interval;
    const items = Array.from({ length: BATCH }, () => makeItem(mix, Date.now()));
    if (sample.length < 20_000) sample.push(...items.map(toPost));
    inFlight++;
    const p = push(base, items, `${mix}-${rate}-${n++}`)
      .then((status) => {
        if (status === 202) {
          lat.push(performance.now() - scheduled);
          accepted += BATCH;
        } else fail(`HTTP ${status}`);
      })
      .catch((err: Error) => fail(String((err.cause as Error | undefined)?.message ?? err.message)))
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  // achieved: what the server took in while the stage offered load (answers that come after the
  // stage's end still count, at the time they took)
  await Promise.all(pending);
  clearInterval(sampler);
  rss.push(rssMb(pid));
  const secs = Math.max(STAGE_S, (performance.now() - start) / 1000);
  const achieved = accepted / secs;
  lat.sort((a, b) => a - b);
  const p99 = pct(lat, 99);
  if (errors) console.log(`  errors in the ${mix} ${rate}/s stage: ${[...errorKinds].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  return { mix, rate, achieved, p50: pct(lat, 50), p99, max: lat.at(-1) ?? NaN, errors, rss, accepted, sustained: errors === 0 && achieved >= rate * 0.95 && p99 <= P99_LIMIT_MS };
}

async function counts(dbFile: string, pgUrl?: string): Promise<{ stored: number; classified: number; originals: number }> {
  const q = ['select count(*) n from posts', 'select count(*) n from classifications', 'select count(*) n from posts where duplicate_of is null'];
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    const [stored, classified, originals] = await Promise.all(q.map(async (s) => Number((await c.query(s)).rows[0].n)));
    await c.end();
    return { stored, classified, originals };
  }
  const d = new Database(dbFile, { readonly: true });
  const [stored, classified, originals] = q.map((s) => (d.prepare(s).get() as { n: number }).n);
  d.close();
  return { stored, classified, originals };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-load-'));
  const dbFile = path.join(dir, 'load.db');
  const pgDb = USE_PG ? await freshPgDb() : null;
  const server = await startServer(dir, { sqliteFile: dbFile, pgUrl: pgDb?.url });
  console.log(`backlash serve pid ${server.pid} on ${USE_PG ? 'PostgreSQL' : 'SQLite (WAL)'}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}`);
  console.log(`batches of ${BATCH}, open loop (≤${MAX_IN_FLIGHT} requests in flight), ${STAGE_S}s per stage; sustained = p99 ≤ ${P99_LIMIT_MS} ms and ≥ 95 % of offered and no errors`);
  console.log(`idle RSS ${rssMb(server.pid)} MB\n`);
  console.log(' mix      offered/s  achieved/s  p50 ms  p99 ms  max ms  errors  sustained  RSS MB (every second: first … max … last)');

  const results: StageResult[] = [];
  const samples: Record<Mix, NormalizedPost[]> = { unique: [], storm: [] };
  let accepted = 0;
  for (const { mix, rate } of STAGES) {
    const r = await stage(server.base, server.pid, mix, rate, samples[mix]);
    accepted += r.accepted;
    results.push(r);
    const mem = `${r.rss[0]} … ${Math.max(...r.rss)} … ${r.rss.at(-1)}`;
    console.log(`${mix.padEnd(7)}  ${String(rate).padStart(9)}  ${r.achieved.toFixed(0).padStart(10)}  ${r.p50.toFixed(0).padStart(6)}  ${r.p99.toFixed(0).padStart(6)}  ${r.max.toFixed(0).padStart(6)}  ${String(r.errors).padStart(6)}  ${(r.sustained ? 'yes' : 'NO').padStart(9)}  ${mem}`);
  }
  await server.stop();
  const c = await counts(dbFile, pgDb?.url);

  console.log('\nmemory over time (MB, one sample a second, stage by stage):');
  for (const r of results) console.log(`  ${r.mix} ${r.rate}/s: ${r.rss.join(' ')}`);
  for (const mix of ['unique', 'storm'] as Mix[]) {
    const ok = results.filter((r) => r.mix === mix && r.sustained);
    if (results.some((r) => r.mix === mix)) console.log(`sustained (${mix}): ${ok.length ? Math.max(...ok.map((r) => r.rate)) + ' posts/s offered' : 'no stage'}`);
  }
  const whole = c.stored === accepted && c.classified === accepted;
  console.log(`accepted ${accepted}, stored ${c.stored}, classified ${c.classified} (${c.originals} originals, the rest linked duplicates): ${whole ? 'nothing lost, nothing twice' : 'MISMATCH'}`);

  for (const mix of ['unique', 'storm'] as Mix[]) {
    if (!samples[mix].length) continue;
    const ceiling = await pipelineCeiling(samples[mix]);
    console.log(`peer (${mix}): processPosts in-process, same ${samples[mix].length} posts, batches of ${BATCH}: ${ceiling.toFixed(0)} posts/s`);
  }
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!whole) process.exitCode = 1;
}

await main();
