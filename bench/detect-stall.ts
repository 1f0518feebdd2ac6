/**
 * How long a detection tick holds the event loop that answers pushes (issue 15): the first tick
 * over --posts stored verdicts (a 30 s tick at 2,000 posts/s is 60,000), run on the event loop
 * (cluster.detectThread: false) and in the detection thread (the default), alternating, on copies
 * of the same SQLite file. A 5 ms timer probes the loop meanwhile: its worst lateness is what a push
 * arriving during the tick would wait on top of its own work.
 *
 *   npx tsx bench/detect-stall.ts [--posts 60000] [--rounds 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { processPosts } from '../src/pipeline/process.js';
import { buildConfig } from '../src/config/config.js';
import { createEventBus } from '../src/util/event-bus.js';
import { silentLogger } from '../src/util/log.js';
import { systemClock } from '../src/util/clock.js';
import { syncTargets } from '../src/store/targets.js';
import { ShardedDetector } from '../src/jobs/detect-shards.js';
import { detectThreadJob } from '../src/entry/detect-thread.js';
import type { AppContext } from '../src/context.js';
import type { NormalizedPost } from '../src/types.js';
import { makeItem } from './lib/serve.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const POSTS = Number(arg('posts', '60000'));
const ROUNDS = Number(arg('rounds', '2'));

async function context(file: string): Promise<{ ctx: AppContext; close(): Promise<void> }> {
  const opened = await openDb({ sqlitePath: file });
  await migrateToLatest(opened.db);
  const classifier = await loadNodeClassifier();
  const config = buildConfig({}, { readFile: () => null });
  const ctx: AppContext = { config, db: opened.db, dialect: opened.dialect, clock: systemClock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: `stall:${process.pid}:${Math.random()}` };
  return { ctx, close: () => opened.close() };
}

/** Runs `work` while a 5 ms timer measures how late it fires: worst and total lateness. */
async function probe(work: () => Promise<unknown>): Promise<{ ms: number; worst: number; blocked: number }> {
  let last = performance.now();
  let worst = 0;
  let blocked = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - 5;
    if (late > worst) worst = late;
    if (late > 20) blocked += late;
    last = now;
  }, 5);
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  clearInterval(timer);
  // a loop blocked to the end never ran the timer: count the last stretch too
  const tail = performance.now() - last - 5;
  if (tail > worst) worst = tail;
  if (tail > 20) blocked += tail;
  return { ms, worst, blocked };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-stall-'));
  const seed = path.join(dir, 'seed.db');
  const s = await context(seed);
  await syncTargets(s.ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
  const t0 = performance.now();
  for (let i = 0; i < POSTS; i += 500) {
    const posts: NormalizedPost[] = Array.from({ length: Math.min(500, POSTS - i) }, (_, k) => {
      const it = makeItem((i + k) % 5 === 4 ? 'storm' : 'unique', Date.now(), 'stall');
      return { source: 'acme-push', target: 'acme', externalId: it.id, author: it.author, text: it.text, publishedAt: it.publishedAt };
    });
    await processPosts(s.ctx, posts);
  }
  await s.close();
  console.log(`${POSTS} posts stored and classified in ${((performance.now() - t0) / 1000).toFixed(1)} s (every 5th batch a retweet storm); ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('\n mode                       tick ms   worst loop delay ms   loop blocked ms (delays > 20 ms)');
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of ['event loop', 'detection thread'] as const) {
      const file = path.join(dir, `r${r}-${mode === 'event loop' ? 'loop' : 'thread'}.db`);
      fs.copyFileSync(seed, file);
      const c = await context(file);
      let res;
      if (mode === 'event loop') {
        const d = new ShardedDetector(c.ctx);
        res = await probe(() => d.tick(Date.now()));
      } else {
        const job = detectThreadJob(c.ctx, 30_000, { config: c.ctx.config, sqlitePath: file, instanceId: c.ctx.instanceId, logLevel: 'error' });
        res = await probe(() => job.tick());
        await job.close();
      }
      await c.close();
      console.log(` ${mode.padEnd(25)}  ${res.ms.toFixed(0).padStart(7)}   ${res.worst.toFixed(0).padStart(19)}   ${res.blocked.toFixed(0).padStart(10)}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
