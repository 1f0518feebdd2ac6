/**
 * The CX exports and report at scale, in bounded memory. Generates as many posts (with their
 * classifications) as fit in a time budget into a real SQLite file, then, each in a process of its
 * own so that peak memory is its own:
 *   - ours: GET /api/export/posts.csv through the app, read to the end (streamed, page by page);
 *   - peer: the same CSV built the obvious way, every row selected at once, then serialised;
 *   - ours: the weekly report of the busiest week, and a year of trends (one paged scan each).
 * Prints rows, time, bytes, the process's peak RSS (VmHWM) and its RSS over time (sampled by the
 * parent every 250 ms from /proc, since the child's own timers starve while it works).
 *   npx tsx bench/cx-export.ts [--seconds 60] [--max 1000000] [--phases ours-export,peer-export,ours-report,ours-trends] [--keep DIR]
 * (--keep: generate into DIR/bench.db once and reuse it on the next runs)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../src/store/schema.js';
import { migrateToLatest } from '../src/store/migrate.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DAY = 86_400_000;
const Y0 = Date.parse('2025-01-06T00:00:00Z'); // a Monday
const TEXTS = [
  'on hold for 2 hours again, terrible service, nobody answers',
  'you double charged my card, hidden fees, "refund" please, this is a scam',
  'my parcel never arrived, the courier lied = useless',
  'great crew today, thanks!',
  'app keeps crashing at checkout, cannot log in',
  'flying tomorrow, any tips for the lounge?',
];
const TOPICS = [
  [{ id: 'waiting-time', score: 0.8, pillar: 'time-and-effort', touchpoint: 'phone' }],
  [{ id: 'billing', score: 0.9, pillar: 'integrity', touchpoint: 'billing' }, { id: 'refunds', score: 0.6, pillar: 'resolution', touchpoint: 'billing' }],
  [{ id: 'delivery', score: 0.9, pillar: 'expectations', touchpoint: 'delivery' }, { id: 'broken-promise', score: 0.6, pillar: 'integrity', touchpoint: 'social' }],
  [],
  [{ id: 'website-app', score: 0.8, pillar: 'time-and-effort', touchpoint: 'website-app' }],
  [],
].map((t) => JSON.stringify(t));
const SENT = ['negative', 'negative', 'negative', 'positive', 'negative', 'neutral'];

async function generate(file: string, seconds: number, max: number): Promise<number> {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  for (const t of ['acme', 'rival', 'globex']) sqlite.prepare('insert into targets (id, name, created_at) values (?, ?, ?)').run(t, t, Y0);
  const post = sqlite.prepare(`insert into posts (id, source_id, target_id, external_id, url, author_id, author_name, author_handle, author_followers, text, lang, published_at, fetched_at, classified) values (?, 'src', ?, ?, ?, ?, null, ?, 100, ?, 'en', ?, ?, 1)`);
  const cls = sqlite.prepare(`insert into classifications (post_id, target_id, sentiment, sentiment_score, complaint, complaint_score, topics, escalation, explain, lang, model_version, published_at, classified_at) values (?, ?, ?, ?, ?, ?, ?, '[]', null, 'en', 'bench', ?, ?)`);
  const batch = sqlite.transaction((from: number, n: number) => {
    for (let i = from; i < from + n; i++) {
      const k = i % TEXTS.length;
      const target = i % 5 === 0 ? 'rival' : i % 7 === 0 ? 'globex' : 'acme';
      const at = Y0 + Math.floor((i / max) * 364 * DAY) + (i % 997) * 1000;
      const id = `p${i.toString(36).padStart(8, '0')}`;
      post.run(id, target, id, `https://social.example/${id}`, `a${i % 50_000}`, `@a${i % 50_000}`, `${TEXTS[k]} #${i}`, at, at);
      cls.run(id, target, SENT[k], SENT[k] === 'negative' ? -0.7 : 0.5, SENT[k] === 'negative' ? 1 : 0, SENT[k] === 'negative' ? 0.9 : 0.1, TOPICS[k], at, at);
    }
  });
  const t0 = Date.now();
  let n = 0;
  while (n < max && Date.now() - t0 < seconds * 1000) {
    const step = Math.min(5000, max - n);
    batch(n, step);
    n += step;
  }
  await db.destroy();
  return n;
}

/** One phase in this process: run it, sample RSS, print a JSON line. */
async function phase(name: string, file: string): Promise<void> {
  const { createApp } = await import('../src/app.js');
  const { buildConfig } = await import('../src/config/config.js');
  const { silentLogger } = await import('../src/util/log.js');
  const { createEventBus } = await import('../src/util/event-bus.js');
  const { ManualClock } = await import('../src/util/clock.js');
  const { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } = await import('../src/entry/classifier-files.js');
  const { createApiKey } = await import('../src/auth/keys.js');
  const { weeklyReport, weekStart } = await import('../src/cx/report.js');
  const { trendsOf } = await import('../src/cx/trends-query.js');
  const { csvCell, COLUMNS } = await import('../src/cx/export.js');
  const sqlite = new SQLite(file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const classifier = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
  const ctx = { config: buildConfig({}, { readFile: () => null }), db, dialect: 'sqlite' as const, clock: new ManualClock(Y0 + 365 * DAY), log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'bench' };
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  const heap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  if (name === 'ours-export') {
    const key = await createApiKey(ctx, { role: 'viewer', name: 'bench', createdBy: 'bench', now: Date.now() });
    const app = createApp(ctx as never, {});
    const res = await app.request('/api/export/posts.csv', { headers: { Authorization: `Bearer ${key.key}` } });
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if ((bytes & 0xf) === 0) heap();
      for (let i = 0; i < value.length; i++) if (value[i] === 10) rows++;
    }
    rows -= 1; // header
  } else if (name === 'peer-export') {
    // the obvious export: one query for every row, then one string
    const all = await db.selectFrom('posts as p').leftJoin('classifications as c', 'c.post_id', 'p.id').select(['p.id', 'p.published_at', 'p.target_id', 'p.source_id', 'p.author_id', 'p.author_handle', 'c.lang', 'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.topics', 'p.url', 'p.text']).orderBy('p.published_at', 'desc').orderBy('p.id', 'desc').execute();
    const out = [COLUMNS.posts.join(',')];
    for (const r of all) {
      const topics = JSON.parse(r.topics ?? '[]') as { id: string; pillar?: string; touchpoint?: string }[];
      out.push([r.id, new Date(Number(r.published_at)).toISOString(), r.target_id, r.source_id, r.author_id, r.author_handle, r.lang, r.sentiment, r.sentiment_score, r.complaint === 1, topics.map((t) => t.id).join(' '), topics.map((t) => t.pillar).join(' '), topics.map((t) => t.touchpoint).join(' '), r.url, r.text].map((v) => csvCell(v as never)).join(','));
    }
    heap();
    const text = out.join('\r\n') + '\r\n';
    heap();
    bytes = Buffer.byteLength(text);
    rows = all.length;
  } else if (name === 'ours-report') {
    const r = await weeklyReport(ctx as never, weekStart(Y0 + 180 * DAY));
    rows = r.targets.reduce((a, t) => a + t.posts, 0);
  } else if (name === 'ours-trends') {
    const t = await trendsOf(ctx as never, { period: { from: Y0, to: Y0 + 365 * DAY, previousFrom: Y0 - 365 * DAY } });
    rows = t.targets.reduce((a, x) => a + x.overall.reduce((b, p) => b + p.posts, 0), 0);
  }
  heap();
  const ms = performance.now() - t0;
  const mb = (b: number) => Math.round(b / 1048576);
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  console.log(JSON.stringify({ name, rows, ms: Math.round(ms), bytes, baseRssMb: mb(base.rss), peakRssMb: mb(hwm), peakHeapMb: mb(peakHeap) }));
  await db.destroy();
}

const phaseName = process.argv[process.argv.indexOf('--phase') + 1];
if (process.argv.includes('--phase')) {
  await phase(phaseName, process.argv[process.argv.indexOf('--db') + 1]);
} else {
  const keepAt = process.argv.indexOf('--keep');
  const dir = keepAt > 0 ? process.argv[keepAt + 1] : fs.mkdtempSync(path.join(os.tmpdir(), 'backlash-cx-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bench.db');
  if (keepAt > 0 && fs.existsSync(file)) {
    const n = (new SQLite(file, { readonly: true }).prepare('select count(*) as n from posts').get() as { n: number }).n;
    console.log(`reusing ${n.toLocaleString('en')} posts in ${file}`);
  } else {
    const t0 = Date.now();
    const n = await generate(file, arg('seconds', 60), arg('max', 1_000_000));
    console.log(`generated ${n.toLocaleString('en')} posts with classifications in ${((Date.now() - t0) / 1000).toFixed(1)} s (SQLite file ${Math.round(fs.statSync(file).size / 1048576)} MB)`);
  }
  const phasesAt = process.argv.indexOf('--phases');
  const phases = phasesAt > 0 ? process.argv[phasesAt + 1].split(',') : ['ours-export', 'peer-export', 'ours-report', 'ours-trends'];
  for (const name of phases) {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--phase', name, '--db', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const samples: number[] = [];
    const timer = setInterval(() => {
      try {
        samples.push(Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024));
      } catch {
        // exited
      }
    }, 250);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(timer);
    if (code !== 0) console.log(`${name}: failed\n${err.slice(-2000)}`);
    else {
      const j = JSON.parse(out.trim().split('\n').pop()!);
      const every = Math.max(1, Math.ceil(samples.length / 16));
      console.log(`${j.name.padEnd(12)} rows ${String(j.rows).padStart(9)}  ${String(j.ms).padStart(7)} ms  ${(j.bytes / 1048576).toFixed(1).padStart(7)} MB out  RSS at start ${j.baseRssMb} MB, peak ${j.peakRssMb} MB  heap peak ${j.peakHeapMb} MB\n             RSS over time (MB, every ${every * 250} ms): ${samples.filter((_, i) => i % every === 0).join(' ')}`);
    }
  }
  if (keepAt < 0) fs.rmSync(dir, { recursive: true, force: true });
}
