/**
 * Replay in bounded memory (issue 15): `backlash replay` over a long export, the whole process
 * timed, its resident memory sampled every second against how far it has read its input.
 *
 * The input is the revolt bench's scenario weeks (real texts of the report half, odd seeds: eight
 * targets, revolts and decoys injected), laid end to end (week k shifted by k × 8 days, ids
 * prefixed) until --posts posts: a months-long export written to a temp file, never to the repo.
 *
 *   npx tsx bench/replay-memory.ts [--posts 1000000] [--every 10] [--ceiling 50000] [--bin OTHER/bin/backlash.js] [--keep] [-- replay options, e.g. --heap 0 or --db :memory:]
 *
 * RSS is the sum over the replay process and its children (it re-runs itself with a bounded heap).
 *
 * Prints, every --every seconds: elapsed, posts read (from the input file's read offset), posts/s
 * since the last line, RSS, CPU seconds the replay has used, load average; then posts/s over the
 * whole run and RSS at each tenth of the input. The ceiling beside it, in the same run: the
 * in-process classifier alone (parse, clean-up, classify; no store, no detection) over the
 * input's first --ceiling posts, just before and just after the replay. --bin runs another
 * checkout's replay on the same input right after (a before/after pair; outputs compared byte for byte).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { generateScenario } from './revolts/scenario.js';
import { DAY } from './revolts/week.js';
import { rssMb } from './lib/serve.js';
import { loadNodeClassifier } from '../src/entry/classifier-node.js';
import { parseReplayLine } from '../src/cli/commands/replay-input.js';
import { normalizePost } from '../src/ingest/normalize.js';
import { postId } from '../src/ingest/ingest.js';
import { classifyOne } from '../src/classify/stage.js';
import { createLogger } from '../src/util/log.js';
import { argOf } from './lib/args.js';

const args = process.argv.slice(2);
const arg = argOf(args);
const POSTS = Number(arg('posts', '1000000'));
const EVERY_S = Number(arg('every', '10'));
const CEILING = Number(arg('ceiling', '50000'));
const OTHER_BIN = arg('bin', '');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function writeInput(file: string): { posts: number; bytes: number[] } {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  let bytes = 0;
  const offsets: number[] = []; // byte offset after each post, sampled every 1,000 posts
  for (let week = 0; n < POSTS; week++) {
    const seed = 1 + 2 * (week % 12); // report half: odd seeds 1…23
    const s = generateScenario(seed);
    const shift = week * 8 * DAY;
    const out: string[] = [];
    for (const l of s.lines) {
      if (n >= POSTS) break;
      const line = JSON.stringify({ ...l, id: `w${week}-${l.id}`, author: { ...l.author, id: `w${week % 4}-${l.author.id}` }, publishedAt: new Date(Date.parse(l.publishedAt) + shift).toISOString() }) + '\n';
      out.push(line);
      bytes += Buffer.byteLength(line);
      n++;
      if (n % 1000 === 0) offsets.push(bytes);
    }
    fs.writeSync(fd, out.join(''));
  }
  fs.closeSync(fd);
  return { posts: n, bytes: offsets };
}

/** The process and its descendants (replay re-runs itself with a bounded heap). */
function tree(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (kids) for (const k of kids.split(/\s+/)) out.push(...tree(Number(k)));
    }
  } catch {
    // gone
  }
  return out;
}

/** How far the process tree has read `file` (its descriptor's offset), or null once closed. */
function readOffset(root: number, file: string): number | null {
  for (const pid of tree(root)) {
    const off = readOffsetOf(pid, file);
    if (off !== null) return off;
  }
  return null;
}

function readOffsetOf(pid: number, file: string): number | null {
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      let target = '';
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== file) continue;
      const m = /pos:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (m) return Number(m[1]);
    }
  } catch {
    // the process has gone
  }
  return null;
}

/** The in-process classifier alone over the input's first `n` posts: posts/s. */
async function ceiling(file: string, n: number): Promise<number> {
  const clf = await loadNodeClassifier();
  const ctx = { classifier: () => clf, log: createLogger({ level: 'error' }) };
  const lines = fs.readFileSync(file, 'utf8').split('\n', n);
  const t0 = performance.now();
  for (const line of lines) {
    const raw = parseReplayLine(line);
    if (typeof raw === 'string') continue;
    const p = normalizePost(raw, raw.publishedAt);
    classifyOne(ctx, { ...p, id: postId(p.source, p.externalId), fetchedAt: p.publishedAt });
  }
  return lines.length / ((performance.now() - t0) / 1000);
}

/** CPU seconds (user + system) the process tree has used so far. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

const load1 = () => os.loadavg()[0].toFixed(1);

interface Run {
  secs: number;
  cpu: number;
  events: number;
  out: string;
  samples: { t: number; posts: number; rss: number }[];
}

/** One `backlash replay` over the input, sampled every second. */
async function replay(bin: string, file: string, postsAt: (offset: number) => number, dir: string): Promise<Run> {
  const start = performance.now();
  const extra = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
  const child = spawn(process.execPath, [bin, 'replay', file, ...extra], { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = path.join(dir, `events-${Math.round(start)}.jsonl`);
  const outStream = fs.createWriteStream(out);
  child.stdout.pipe(outStream);
  let events = 0;
  child.stdout.on('data', (d: Buffer) => {
    for (const b of d) if (b === 10) events++;
  });
  let stderr = '';
  const memLog: string[] = [];
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    // LOG_LEVEL=debug: replay logs its threads' heaps every 25 chunks
    for (const line of String(d).split('\n')) if (line.includes('"replay memory"')) memLog.push(line);
  });
  const samples: Run['samples'] = [];
  let cpu = 0;
  let lastPrint = { t: 0, posts: 0 };
  console.log(`${bin}\n  elapsed s   posts read   posts/s (since last)   RSS MB   CPU s   load`);
  const timer = setInterval(() => {
    const pids = tree(child.pid!);
    const off = readOffset(child.pid!, file);
    const rss = pids.reduce((sum, p) => sum + (rssMb(p) || 0), 0);
    if (!rss) return;
    cpu = Math.max(cpu, cpuSeconds(pids));
    const t = (performance.now() - start) / 1000;
    // the stream reads ahead in 64 KB chunks: the offset is at most one chunk ahead of the parser
    const posts = off === null ? (samples.at(-1)?.posts ?? 0) : postsAt(off);
    samples.push({ t, posts, rss });
    if (t - lastPrint.t >= EVERY_S) {
      console.log(`  ${t.toFixed(0).padStart(9)}   ${String(posts).padStart(10)}   ${((posts - lastPrint.posts) / (t - lastPrint.t)).toFixed(0).padStart(20)}   ${String(rss).padStart(6)}   ${cpu.toFixed(0).padStart(5)}   ${load1()}`);
      lastPrint = { t, posts };
    }
  }, 1000);
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
  clearInterval(timer);
  if (!outStream.writableFinished) await new Promise<void>((r) => outStream.on('finish', () => r()));
  if (code !== 0) console.log(`replay exited with ${code}: ${stderr}`);
  const every = Math.max(1, Math.ceil(memLog.length / 10));
  for (const l of memLog.filter((_, i) => i % every === every - 1)) {
    try {
      const r = JSON.parse(l) as { chunks: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; mappedIds: number; front?: { heapUsedMb: number; heapTotalMb: number } };
      console.log(`  after ${r.chunks} chunks: RSS ${r.rssMb} MB; detection heap ${r.heapUsedMb} of ${r.heapTotalMb} MB, front heap ${r.front?.heapUsedMb} of ${r.front?.heapTotalMb} MB; ${r.mappedIds} ids mapped`);
    } catch {
      // a partial line
    }
  }
  return { secs: (performance.now() - start) / 1000, cpu, events, out, samples };
}

function summary(run: Run, posts: number): void {
  const { samples } = run;
  console.log(`  whole process: ${posts} posts in ${run.secs.toFixed(1)} s = ${(posts / run.secs).toFixed(0)} posts/s (${(posts / run.cpu).toFixed(0)} posts per CPU-second, at least ${run.cpu.toFixed(0)} CPU s); ${run.events} events written`);
  if (!samples.length) return;
  console.log(`  RSS max ${Math.max(...samples.map((s) => s.rss))} MB`);
  const tenths: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const s = samples.find((x) => x.posts >= (posts * k) / 10) ?? samples.at(-1);
    if (s) tenths.push(`${k * 10}%: ${s.rss}`);
  }
  console.log(`  RSS (MB) when this much of the input had been read: ${tenths.join(', ')}`);
  const half = samples.filter((s) => s.posts >= posts / 2);
  if (half.length) console.log(`  second half of the input: RSS ${Math.min(...half.map((s) => s.rss))}–${Math.max(...half.map((s) => s.rss))} MB`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bl-replay-mem-'));
  const file = path.join(dir, 'export.jsonl');
  const t0 = performance.now();
  const input = writeInput(file);
  const size = fs.statSync(file).size;
  console.log(`input: ${input.posts} posts, ${(size / 1e6).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}`);
  const postsAt = (offset: number) => {
    // posts whose line ends at or before the offset (sampled every 1,000 posts)
    let lo = 0;
    let hi = input.bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (input.bytes[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo * 1000;
  };
  const n = Math.min(CEILING, input.posts);
  const before = await ceiling(file, n);
  console.log(`ceiling before: the in-process classifier alone, ${n} posts: ${before.toFixed(0)} posts/s (load ${load1()})`);
  const runs = [await replay(path.join(ROOT, 'bin', 'backlash.js'), file, postsAt, dir)];
  summary(runs[0], input.posts);
  if (OTHER_BIN) {
    runs.push(await replay(path.resolve(OTHER_BIN), file, postsAt, dir));
    summary(runs[1], input.posts);
    const same = fs.readFileSync(runs[0].out).equals(fs.readFileSync(runs[1].out));
    console.log(`  events of the two replays: ${same ? 'identical, byte for byte' : 'DIFFERENT'}`);
  }
  const after = await ceiling(file, n);
  console.log(`ceiling after: ${after.toFixed(0)} posts/s (load ${load1()})`);
  if (!args.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file} and the events in ${dir}`);
}

await main();
