/**
 * Scale-out on PostgreSQL: 1, 2 and 3 `backlash serve` instances on one fresh database each time,
 * pushes spread round-robin over them (batches of 50, unique texts, closed loop with a fixed number
 * of requests in flight), the same number of seconds each: posts/s, p50/p99, and the ratio to one
 * instance, all in one run. Every accepted post is checked stored and classified once.
 *
 * On a machine whose cores the instances, PostgreSQL and this load generator all share, the ratio
 * says how much the instances get in each other's way (locks, one shared lease) more than how
 * much capacity a separate machine would add.
 *
 * Detection is sharded by target (cluster.detectShards): with BENCH_TARGETS=N the pushes rotate over
 * N targets, and after the load stops the bench reports how the shards were held and how long
 * detection took to catch up with every verdict stored (its cursors past the newest verdict).
 *
 *   BENCH_TARGETS=8 npx tsx bench/scale.ts [--instances 1,2,3] [--seconds 20] [--in-flight 24] [--batch 50]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchSources, freshPgDb, makeItem, pct, push, rssMb, startServer } from './lib/serve.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const COUNTS = arg('instances', '1,2,3').split(',').map(Number);
const SECONDS = Number(arg('seconds', '20'));
const IN_FLIGHT = Number(arg('in-flight', '24'));
const BATCH = Number(arg('batch', '50'));

const SOURCES = benchSources();

async function run(n: number): Promise<{ rate: number; p50: number; p99: number; rss: number[]; ok: boolean; shards: string; catchUp: number }> {
  const db = await freshPgDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-scale-'));
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, `i${i}`);
    fs.mkdirSync(d);
    servers.push(await startServer(d, { sqliteFile: path.join(d, 'unused.db'), pgUrl: db.url }));
  }
  // warm-up: each instance takes a few pushes first (JIT, pools)
  for (const s of servers) for (let k = 0; k < 5; k++) await push(s.base, Array.from({ length: BATCH }, () => makeItem('unique', Date.now(), `warm${n}`)), `warm-${n}-${k}`);
  const lat: number[] = [];
  let accepted = 0;
  let seq = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const k = seq++;
        const items = Array.from({ length: BATCH }, () => makeItem('unique', Date.now(), `s${n}`));
        const t = performance.now();
        const status = await push(servers[k % n].base, items, `scale-${n}-${k}`, SOURCES[k % SOURCES.length]);
        if (status !== 202) throw new Error(`push answered ${status}`);
        lat.push(performance.now() - t);
        accepted += BATCH;
      }
    }),
  );
  const rate = accepted / ((performance.now() - start) / 1000);
  const rss = servers.map((s) => rssMb(s.pid));
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  // detection: which instance holds which shards, and how long until every verdict is fed
  const stopped = performance.now();
  let catchUp = NaN;
  while (performance.now() - stopped < 120_000) {
    const r = (await c.query('select (select max(classified_at) from classifications) as v, (select min(cursor_at) from detect_shards) as d, (select count(*) from detect_shards) as n')).rows[0];
    if (Number(r.n) > 0 && Number(r.d) >= Number(r.v)) {
      catchUp = (performance.now() - stopped) / 1000;
      break;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  const held = (await c.query(`select owner, count(*) as n from leases where name like 'detect-revolts:%' group by owner order by owner`)).rows.map((r) => Number(r.n));
  for (const s of servers) await s.stop();
  const stored = Number((await c.query("select count(*) n from posts where external_id not like 'warm%'")).rows[0].n);
  const classified = Number((await c.query("select count(*) n from classifications c join posts p on p.id = c.post_id where p.external_id not like 'warm%'")).rows[0].n);
  await c.end();
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
  lat.sort((a, b) => a - b);
  return { rate, p50: pct(lat, 50), p99: pct(lat, 99), rss, ok: stored === accepted && classified === accepted, shards: held.join('+'), catchUp };
}

console.log(`PostgreSQL; ${os.cpus().length} CPUs shared by the instances, PostgreSQL and the load generator; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`batches of ${BATCH}, ${IN_FLIGHT} requests in flight (closed loop), round-robin over the instances, ${SECONDS}s each\n`);
console.log(`${SOURCES.length} target(s), pushes rotated over them\n`);
console.log(' instances  posts/s  × one  p50 ms  p99 ms  RSS MB per instance  stored/classified once  shards held  detection caught up (s after load)');
let one = 0;
for (const n of COUNTS) {
  const r = await run(n);
  if (n === COUNTS[0]) one = r.rate / n;
  console.log(`${String(n).padStart(10)}  ${r.rate.toFixed(0).padStart(7)}  ${(r.rate / (one * COUNTS[0])).toFixed(2).padStart(5)}  ${r.p50.toFixed(0).padStart(6)}  ${r.p99.toFixed(0).padStart(6)}  ${r.rss.join(', ').padStart(19)}  ${(r.ok ? 'yes' : 'MISMATCH').padStart(22)}  ${r.shards.padStart(11)}  ${r.catchUp.toFixed(1).padStart(6)}`);
}
