/**
 * Soak: one `backlash serve` (SQLite, detection on, in its thread) under a steady open-loop push
 * load for --minutes, reporting per minute: achieved posts/s, p50/p99/max latency, errors, RSS
 * (from /proc) and the V8 heap of the main thread and of the detection thread (the server logs
 * them every 5 s with BACKLASH_LOG_MEMORY_MS). The question it answers: does memory level off,
 * and does latency hold, over minutes rather than a 25 s stage?
 *
 * Mix: every --storm-every'th request is a retweet storm batch (the same 8 texts), the rest unique.
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--rate 1000] [--batch 50] [--storm-every 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { makeItem, pct, push, rssMb, startServer } from './lib/serve.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const MINUTES = Number(arg('minutes', '10'));
const RATE = Number(arg('rate', '1000'));
const BATCH = Number(arg('batch', '50'));
const STORM_EVERY = Number(arg('storm-every', '5'));
const MAX_IN_FLIGHT = 512;

interface Minute {
  lat: number[];
  accepted: number;
  errors: number;
  rss: number[];
  heapMain: number[];
  heapDetect: number[];
  /** seconds the detector's lowest shard cursor was behind the newest verdict, at the minute's end */
  lag?: number;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-soak-'));
  const server = await startServer(dir, { sqliteFile: path.join(dir, 'soak.db') }, { LOG_LEVEL: 'info', BACKLASH_LOG_MEMORY_MS: '5000' });
  console.log(`backlash serve pid ${server.pid} on SQLite; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}`);
  console.log(`${RATE} posts/s offered in batches of ${BATCH} (every ${STORM_EVERY}th a retweet-storm batch), open loop, ${MINUTES} min\n`);
  const minutes: Minute[] = Array.from({ length: MINUTES }, () => ({ lat: [], accepted: 0, errors: 0, rss: [], heapMain: [], heapDetect: [] }));
  const start = performance.now();
  const minuteOf = (t: number) => Math.min(MINUTES - 1, Math.floor((t - start) / 60_000));
  let buf = '';
  server.child.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.includes('"msg":"memory"')) continue;
      try {
        const rec = JSON.parse(line) as { thread?: string; heapUsedMb: number };
        const m = minutes[minuteOf(performance.now())];
        (rec.thread === 'detect' ? m.heapDetect : m.heapMain).push(rec.heapUsedMb);
      } catch {
        // not a log line
      }
    }
  });
  const sampler = setInterval(() => minutes[minuteOf(performance.now())].rss.push(rssMb(server.pid)), 1000);
  const end = start + MINUTES * 60_000;
  const interval = (BATCH / RATE) * 1000;
  let due = start;
  let inFlight = 0;
  let n = 0;
  let printed = 0;
  const pending = new Set<Promise<unknown>>();
  console.log(' min  achieved/s  p50 ms  p99 ms  max ms  errors  RSS MB (min…max)  heap MB main (min…max)  heap MB detection thread (min…max)  detection behind by s');
  const lagNow = (): number => {
    try {
      const d = new Database(path.join(dir, 'soak.db'), { readonly: true });
      const r = d.prepare('select (select max(classified_at) from classifications) as v, (select min(cursor_at) from detect_shards) as c').get() as { v: number | null; c: number | null };
      d.close();
      return r.v == null ? 0 : r.c == null ? NaN : Math.max(0, (r.v - r.c) / 1000);
    } catch {
      return NaN;
    }
  };
  const print = (k: number) => {
    const m = minutes[k];
    m.lag ??= lagNow();
    m.lat.sort((a, b) => a - b);
    const range = (xs: number[]) => (xs.length ? `${Math.min(...xs)}…${Math.max(...xs)}` : '—');
    console.log(`${String(k + 1).padStart(4)}  ${(m.accepted / 60).toFixed(0).padStart(10)}  ${pct(m.lat, 50).toFixed(0).padStart(6)}  ${pct(m.lat, 99).toFixed(0).padStart(6)}  ${(m.lat.at(-1) ?? NaN).toFixed(0).padStart(6)}  ${String(m.errors).padStart(6)}  ${range(m.rss).padStart(16)}  ${range(m.heapMain).padStart(22)}  ${range(m.heapDetect).padStart(34)}  ${(m.lag ?? NaN).toFixed(0).padStart(20)}`);
  };
  while (due < end) {
    const now = performance.now();
    while (printed < minuteOf(now) && performance.now() - start >= (printed + 1) * 60_000 + 2_000) print(printed++);
    if (now < due || inFlight >= MAX_IN_FLIGHT) {
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(4, due - now))));
      continue;
    }
    const scheduled = due;
    due += interval;
    const mix = n % STORM_EVERY === STORM_EVERY - 1 ? 'storm' : 'unique';
    const items = Array.from({ length: BATCH }, () => makeItem(mix, Date.now(), 'soak'));
    const k = minuteOf(scheduled);
    inFlight++;
    const p = push(server.base, items, `soak-${n++}`)
      .then((status) => {
        if (status === 202) {
          minutes[k].lat.push(performance.now() - scheduled);
          minutes[k].accepted += BATCH;
        } else minutes[k].errors++;
      })
      .catch(() => minutes[k].errors++)
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  clearInterval(sampler);
  while (printed < MINUTES) print(printed++);
  await server.stop();
  const first = minutes[0];
  const last = minutes[MINUTES - 1];
  console.log(`\nRSS: first minute ${Math.max(...first.rss)} MB max, last minute ${Math.max(...last.rss)} MB max; heap (main) first minute max ${Math.max(...first.heapMain)} MB, last ${Math.max(...last.heapMain)} MB`);
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
