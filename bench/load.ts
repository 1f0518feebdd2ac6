/**
 * Load benchmark: sustained ingest through the push endpoint (POST /api/ingest/:source) into one
 * `backlash serve` process, at rising rates. For each stage it prints the offered and achieved
 * posts/s, the p50/p99 latency from receipt to classified-and-stored (the endpoint answers 202
 * only after both), and the server's resident memory; at the end it checks that every accepted
 * post is in the database, classified, once.
 *
 * Peer, in the same run: the same posts through processPosts in-process (no HTTP, no signature
 * check, no JSON parsing) on a fresh database of the same kind: the ceiling of the pipeline itself.
 *
 *   npx tsx bench/load.ts [--rates 250,500,1000,2000,4000] [--stage-seconds 60] [--batch 50] [--pg]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { signWebhook } from '../src/feeds/webhook-signature.js';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { processPosts } from '../src/pipeline/process.js';
import { buildConfig } from '../src/config/config.js';
import { createEventBus } from '../src/util/event-bus.js';
import { silentLogger } from '../src/util/log.js';
import { systemClock } from '../src/util/clock.js';
import type { AppContext } from '../src/context.js';
import type { NormalizedPost } from '../src/types.js';

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const RATES = arg('rates', '250,500,1000,2000,4000').split(',').map(Number);
const STAGE_S = Number(arg('stage-seconds', '60'));
const BATCH = Number(arg('batch', '50'));
const MAX_IN_FLIGHT = Number(arg('in-flight', '32'));
const USE_PG = args.includes('--pg');
const SECRET = 'bench-secret-0123456789abcdef';
const ROOT = path.resolve(import.meta.dirname, '..');

// Synthetic posts written here (no dataset text): templates × products × moods.
const OPENERS = ['@AcmeAir', 'Acme Air', 'Dear Acme,', 'So, Acme', 'Hey @AcmeAir'];
const BODIES = [
  'my luggage is lost again and nobody answers, terrible service',
  'great crew today, thanks for the upgrade!',
  'is the app showing gate changes for flight 312?',
  'the refund for my cancelled flight still has not arrived after six weeks',
  'booked the holidays with you, any tips for the lounge?',
  'delayed three hours with no information at the gate, awful',
  'the new seats are comfortable, nice job',
  'charged twice for the same ticket, please fix this',
];
let seq = 0;
function makeItem(now: number) {
  const n = seq++;
  return {
    id: `load-${n}`,
    text: `${OPENERS[n % OPENERS.length]} ${BODIES[(n * 7) % BODIES.length]} #${n}`,
    author: { id: `user-${n % 5000}`, followers: (n * 37) % 10000 },
    publishedAt: now - (n % 600) * 1000,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function freshPgDb(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `bl_bench_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function peer(posts: NormalizedPost[]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-peer-'));
  const pgDb = USE_PG ? await freshPgDb() : null;
  const opened = await openDb({ databaseUrl: pgDb?.url, sqlitePath: path.join(dir, 'peer.db') });
  await migrateToLatest(opened.db);
  const classifier = await loadNodeClassifier();
  const ctx: AppContext = { config: buildConfig({}, { readFile: () => null }), db: opened.db, dialect: opened.dialect, clock: systemClock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'peer' };
  const t = performance.now();
  for (let i = 0; i < posts.length; i += BATCH) await processPosts(ctx, posts.slice(i, i + BATCH));
  const rate = posts.length / ((performance.now() - t) / 1000);
  await opened.close();
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-load-'));
  const dbFile = path.join(dir, 'load.db');
  const pgDb = USE_PG ? await freshPgDb() : null;
  const configFile = path.join(dir, 'backlash.config.yaml');
  fs.writeFileSync(configFile, ['targets:', '  - id: acme', '    name: Acme Air', '    sources:', '      - id: acme-push', '        type: push', `        secret: ${SECRET}`, ''].join('\n'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/backlash.js'), 'serve'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), BACKLASH_CONFIG: configFile, BACKLASH_DB: dbFile, DATABASE_URL: pgDb?.url ?? '', LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-5000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 200 || child.exitCode !== null) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`backlash serve pid ${child.pid} on ${USE_PG ? 'PostgreSQL' : 'SQLite (WAL)'}; ${os.cpus().length} CPUs; Node ${process.version}; batches of ${BATCH}, ≤${MAX_IN_FLIGHT} requests in flight, ${STAGE_S}s per stage`);
  console.log(`idle RSS ${rssMb(child.pid!)} MB`);
  console.log('\n offered/s  achieved/s  p50 ms  p99 ms  max ms  errors  RSS MB');

  let accepted = 0;
  let sustained = 0;
  const memory: number[] = [];
  const sample: NormalizedPost[] = [];
  for (const rate of RATES) {
    const lat: number[] = [];
    let errors = 0;
    let sentPosts = 0;
    let inFlight = 0;
    const start = performance.now();
    const end = start + STAGE_S * 1000;
    const interval = (BATCH / rate) * 1000;
    let next = start;
    const pending = new Set<Promise<unknown>>();
    while (performance.now() < end) {
      const now = performance.now();
      if (now < next || inFlight >= MAX_IN_FLIGHT) {
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(5, next - now))));
        continue;
      }
      next += interval;
      const items = Array.from({ length: BATCH }, () => makeItem(Date.now()));
      if (sample.length < 20_000) for (const it of items) sample.push({ source: 'acme-push', target: 'acme', externalId: it.id, author: it.author, text: it.text, publishedAt: it.publishedAt });
      const body = JSON.stringify({ items });
      const id = `b${seq}`;
      const ts = Math.floor(Date.now() / 1000);
      const sig = await signWebhook(SECRET, id, ts, body);
      inFlight++;
      const t = performance.now();
      const p = fetch(`${base}/api/ingest/acme-push`, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig }, body })
        .then(async (res) => {
          await res.text();
          if (res.status === 202) {
            lat.push(performance.now() - t);
            sentPosts += BATCH;
            accepted += BATCH;
          } else errors++;
        })
        .catch(() => errors++)
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    await Promise.all(pending);
    const secs = (performance.now() - start) / 1000;
    const achieved = sentPosts / secs;
    lat.sort((a, b) => a - b);
    const rss = rssMb(child.pid!);
    memory.push(rss);
    if (achieved >= rate * 0.95 && errors === 0) sustained = Math.max(sustained, achieved);
    console.log(`${String(rate).padStart(10)}  ${achieved.toFixed(0).padStart(10)}  ${pct(lat, 50).toFixed(1).padStart(6)}  ${pct(lat, 99).toFixed(1).padStart(6)}  ${(lat.at(-1) ?? NaN).toFixed(0).padStart(6)}  ${String(errors).padStart(6)}  ${String(rss).padStart(6)}`);
  }

  // nothing lost, nothing twice
  let stored: number;
  let classified: number;
  if (pgDb) {
    const c = new pg.Client({ connectionString: pgDb.url });
    await c.connect();
    stored = Number((await c.query('select count(*) n from posts')).rows[0].n);
    classified = Number((await c.query('select count(*) n from classifications')).rows[0].n);
    await c.end();
  } else {
    const d = new Database(dbFile, { readonly: true });
    stored = (d.prepare('select count(*) n from posts').get() as { n: number }).n;
    classified = (d.prepare('select count(*) n from classifications').get() as { n: number }).n;
    d.close();
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(`\nsustained: ${sustained.toFixed(0)} posts/s (highest stage with ≥95% of the offered rate and no errors)`);
  console.log(`memory over the stages (MB): ${memory.join(' → ')}`);
  console.log(`accepted ${accepted}, stored ${stored}, classified ${classified}: ${accepted === stored && stored === classified ? 'nothing lost, nothing twice' : 'MISMATCH'}`);

  const peerRate = await peer(sample);
  console.log(`peer: processPosts in-process, same ${sample.length} posts, batches of ${BATCH}: ${peerRate.toFixed(0)} posts/s`);
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  if (accepted !== stored || stored !== classified) process.exitCode = 1;
}

await main();
