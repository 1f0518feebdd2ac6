/**
 * Does a push cost more when much is stored? Push throughput into one `backlash serve` on an empty
 * database, then on one pre-filled with many stored posts (and their verdicts), same workload, same
 * run: single-item pushes and batches of 50, closed loop with 8 requests in flight, unique texts and
 * a retweet storm; the two servers measured in alternation. The peer is the empty database; the
 * figure is the ratio.
 *
 * Pre-filling writes posts and verdicts straight into the database in bulk (SQL, not the pipeline),
 * for at most --fill-seconds (or until --posts): it prints how many it got. Stored posts are spread
 * over 30 days ending 9 days ago, with distinct texts and URLs, and the detector's cursor is set
 * past them: the revolt detector's start-up (it rebuilds from the last 8 days of verdicts, and reads
 * every verdict it has not seen yet) is a cost of its own, not a cost per push.
 *
 *   npx tsx bench/stored.ts [--posts 1000000] [--fill-seconds 60] [--seconds 10] [--pg]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDb } from '../src/entry/open-db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { CURSOR_KEY } from '../src/revolts/store.js';
import { freshPgDb, makeItem, push, startServer, type Mix } from './lib/serve.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const TARGET_POSTS = Number(arg('posts', '1000000'));
const FILL_S = Number(arg('fill-seconds', '60'));
const RUN_S = Number(arg('seconds', '10'));
const USE_PG = args.includes('--pg');
const CONCURRENCY = 8;
const CHUNK = 50_000;
const DAY_S = 86_400;

const postCols = 'id, source_id, target_id, external_id, url, author_id, author_followers, text, lang, published_at, fetched_at, classified, text_hash';
const verdictCols = 'post_id, target_id, sentiment, sentiment_score, complaint, complaint_score, topics, escalation, lang, model_version, published_at, classified_at, counted';

/** Posts from..to-1, as SQL over a series n (SQLite recursive CTE or PostgreSQL generate_series). */
function fillSql(dialect: 'sqlite' | 'postgres', now: number): { posts: string; verdicts: string } {
  const at = `(${now - 9 * DAY_S * 1000} - (n % ${30 * DAY_S}) * 1000)`;
  const cat = dialect === 'sqlite' ? (a: string, b: string) => `${a} || ${b}` : (a: string, b: string) => `${a} || ${b}::text`;
  const posts = `SELECT ${cat("'pf_'", 'n')}, 'acme-push', 'acme', ${cat("'pf-'", 'n')}, ${cat("'https://social.example/p/'", 'n')}, ${cat("'user-'", 'n % 20000')}, n % 10000, ${cat("'Acme Air stored post about a late flight, a lost bag and a refund that never came, number '", 'n')}, 'en', ${at}, ${at}, 1, ${cat("'t_pf'", 'n')}`;
  const verdicts = `SELECT ${cat("'pf_'", 'n')}, 'acme', 'negative', -0.5, 0, 0.2, '[]', '[]', 'en', 'bench', ${at}, ${at}, 1`;
  return { posts, verdicts };
}

async function prefill(db: { sqliteFile: string; pgUrl?: string }): Promise<number> {
  const now = Date.now();
  const started = performance.now();
  let filled = 0;
  if (db.pgUrl) {
    const c = new pg.Client({ connectionString: db.pgUrl });
    await c.connect();
    const q = fillSql('postgres', now);
    while (filled < TARGET_POSTS && performance.now() - started < FILL_S * 1000) {
      const to = Math.min(TARGET_POSTS, filled + CHUNK);
      await c.query(`INSERT INTO posts (${postCols}) ${q.posts} FROM generate_series(${filled}::bigint, ${to - 1}::bigint) n`);
      await c.query(`INSERT INTO classifications (${verdictCols}) ${q.verdicts} FROM generate_series(${filled}::bigint, ${to - 1}::bigint) n`);
      filled = to;
    }
    await c.query(`INSERT INTO kv (key, value, updated_at) VALUES ('${CURSOR_KEY}', '${JSON.stringify({ at: now })}', ${now})`);
    await c.query('VACUUM ANALYZE posts');
    await c.query('VACUUM ANALYZE classifications');
    await c.end();
  } else {
    const d = new Database(db.sqliteFile);
    d.pragma('journal_mode = WAL');
    const q = fillSql('sqlite', now);
    while (filled < TARGET_POSTS && performance.now() - started < FILL_S * 1000) {
      const to = Math.min(TARGET_POSTS, filled + CHUNK);
      const series = `WITH RECURSIVE s(n) AS (SELECT ${filled} UNION ALL SELECT n + 1 FROM s WHERE n < ${to - 1})`;
      d.transaction(() => {
        d.exec(`${series} INSERT INTO posts (${postCols}) ${q.posts} FROM s`);
        d.exec(`${series} INSERT INTO classifications (${verdictCols}) ${q.verdicts} FROM s`);
      })();
      filled = to;
    }
    d.prepare('INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)').run(CURSOR_KEY, JSON.stringify({ at: now }), now);
    d.exec('ANALYZE');
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
  }
  return filled;
}

/** Closed loop, CONCURRENCY requests in flight, for `seconds`: posts/s accepted. */
async function measure(base: string, mix: Mix, batch: number, tag: string, seconds: number): Promise<number> {
  let posts = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const items = Array.from({ length: batch }, () => makeItem(mix, Date.now(), tag));
        const status = await push(base, items, `${tag}-${n++}`);
        if (status !== 202) throw new Error(`push answered ${status}`);
        posts += batch;
      }
    }),
  );
  return posts / ((performance.now() - start) / 1000);
}

const WORKLOADS: { mix: Mix; batch: number }[] = [
  { mix: 'unique', batch: 1 },
  { mix: 'unique', batch: 50 },
  { mix: 'storm', batch: 50 },
];

/**
 * Both servers up at once, measured in alternation (empty, full, empty, full, …; ROUNDS rounds of
 * RUN_S / ROUNDS seconds each per workload), the median round kept: other load on the machine
 * drifts over a minute, and alternating keeps that drift out of the ratio.
 */
const ROUNDS = 3;
async function runBoth(a: { sqliteFile: string; pgUrl?: string }, b: { sqliteFile: string; pgUrl?: string }, dir: string): Promise<[number[], number[]]> {
  const da = path.join(dir, 'a');
  const db = path.join(dir, 'b');
  fs.mkdirSync(da);
  fs.mkdirSync(db);
  const sa = await startServer(da, a);
  const sb = await startServer(db, b);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const outA: number[] = [];
  const outB: number[] = [];
  await measure(sa.base, 'unique', 50, 'empty-warm', RUN_S / 2); // warm-up (JIT, caches), not counted
  await measure(sb.base, 'unique', 50, 'full-warm', RUN_S / 2);
  for (const w of WORKLOADS) {
    const ra: number[] = [];
    const rb: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      ra.push(await measure(sa.base, w.mix, w.batch, `empty-${w.mix}-${w.batch}-${r}`, RUN_S / ROUNDS));
      rb.push(await measure(sb.base, w.mix, w.batch, `full-${w.mix}-${w.batch}-${r}`, RUN_S / ROUNDS));
    }
    outA.push(median(ra));
    outB.push(median(rb));
  }
  await sa.stop();
  await sb.stop();
  return [outA, outB];
}

async function newDb(name: string, dir: string): Promise<{ sqliteFile: string; pgUrl?: string; drop(): Promise<void> }> {
  const pgDb = USE_PG ? await freshPgDb() : null;
  const sqliteFile = path.join(dir, `${name}.db`);
  const opened = await openDb({ databaseUrl: pgDb?.url, sqlitePath: sqliteFile });
  await migrateToLatest(opened.db);
  await opened.close();
  return { sqliteFile, pgUrl: pgDb?.url, drop: async () => pgDb?.drop() };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-stored-'));
  console.log(`${USE_PG ? 'PostgreSQL' : 'SQLite (WAL)'}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${CONCURRENCY} requests in flight, ${RUN_S}s per workload and database in ${ROUNDS} alternating rounds (median kept), after a warm-up`);
  const empty = await newDb('empty', dir);
  const full = await newDb('full', dir);
  const t = performance.now();
  const filled = await prefill(full);
  console.log(`pre-filled ${filled.toLocaleString('en-US')} stored posts (+ their verdicts) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const [a, b] = await runBoth(empty, full, dir);
  console.log(`\n workload                 empty DB posts/s  ${(filled / 1e6).toFixed(2)}M stored posts/s  ratio`);
  WORKLOADS.forEach((w, i) => console.log(` ${`${w.mix}, ${w.batch === 1 ? 'single-item pushes' : `batches of ${w.batch}`}`.padEnd(26)} ${a[i].toFixed(0).padStart(14)}  ${b[i].toFixed(0).padStart(18)}  ${(b[i] / a[i]).toFixed(2).padStart(5)}`));
  const worst = Math.min(...b.map((x, i) => x / a[i]));
  console.log(`\nworst ratio ${worst.toFixed(2)}: ${worst >= 0.8 ? 'within 20 % of the empty database' : 'MORE than 20 % slower than the empty database'}`);
  await empty.drop();
  await full.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
