/**
 * Group commit, A/B in one run: the app in-process (createApp, signed pushes through app.request:
 * routing, signature check, JSON, pipeline; no sockets), 16 pushes in flight, with group commit on
 * and off in alternating rounds on the same database (median of 3 rounds each). Single-item
 * pushes, where a commit per push costs most, and batches of 50.
 *
 *   npx tsx bench/group-commit.ts [--seconds 6] [--pg]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { buildConfig } from '../src/config/config.js';
import { createEventBus } from '../src/util/event-bus.js';
import { silentLogger } from '../src/util/log.js';
import { systemClock } from '../src/util/clock.js';
import { RecentTexts } from '../src/ingest/recent-texts.js';
import { createApp } from '../src/app.js';
import { syncTargets } from '../src/store/targets.js';
import { signWebhook } from '../src/feeds/webhook-signature.js';
import { groupCommitterOf, setGroupCommit } from '../src/pipeline/group-commit.js';
import type { AppContext } from '../src/context.js';
import { freshPgDb, makeItem, SECRET } from './lib/serve.js';

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1] || 6) || 6;
const USE_PG = args.includes('--pg');
const IN_FLIGHT = 16;
const ROUNDS = 3;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-gc-'));
const pgDb = USE_PG ? await freshPgDb() : null;
const opened = await openDb({ databaseUrl: pgDb?.url, sqlitePath: path.join(dir, 'gc.db') });
await migrateToLatest(opened.db);
const classifier = await loadNodeClassifier();
const yaml = ['targets:', '  - id: acme', '    sources:', '      - id: acme-push', '        type: push', `        secret: ${SECRET}`].join('\n');
const config = buildConfig({ BACKLASH_CONFIG: 'bench.yaml' } as unknown as Record<string, string>, { readFile: () => yaml });
const ctx: AppContext = { config, db: opened.db, dialect: opened.dialect, clock: systemClock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'bench', recentTexts: new RecentTexts() };
await syncTargets(ctx, config.targets);
const app = createApp(ctx);

let seq = 0;
async function round(batch: number): Promise<number> {
  let posts = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const items = Array.from({ length: batch }, () => makeItem('unique', Date.now(), 'gc'));
        const body = JSON.stringify({ items });
        const id = `gc-${seq++}`;
        const ts = Math.floor(Date.now() / 1000);
        const res = await app.request('/api/ingest/acme-push', { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': await signWebhook(SECRET, id, ts, body) }, body });
        if (res.status !== 202) throw new Error(`push answered ${res.status}: ${await res.text()}`);
        posts += batch;
      }
    }),
  );
  return posts / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${USE_PG ? 'PostgreSQL' : 'SQLite (WAL)'}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${IN_FLIGHT} pushes in flight; ${ROUNDS} alternating rounds of ${SECONDS}s each, median`);
await round(50); // warm-up
console.log('\n workload              group commit posts/s  one transaction per push (peer)  ratio  batches per group');
for (const batch of [1, 50]) {
  const on: number[] = [];
  const off: number[] = [];
  let perGroup = 0;
  for (let r = 0; r < ROUNDS; r++) {
    setGroupCommit(ctx, true);
    on.push(await round(batch));
    const s = groupCommitterOf(ctx)!.stats;
    perGroup = s.batches / s.groups;
    setGroupCommit(ctx, false);
    off.push(await round(batch));
  }
  console.log(` ${(batch === 1 ? 'single-item pushes' : `batches of ${batch}`).padEnd(20)}  ${median(on).toFixed(0).padStart(20)}  ${median(off).toFixed(0).padStart(31)}  ${(median(on) / median(off)).toFixed(2).padStart(5)}  ${perGroup.toFixed(1).padStart(17)}`);
}
await opened.close();
await pgDb?.drop();
fs.rmSync(dir, { recursive: true, force: true });
