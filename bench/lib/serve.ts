/**
 * Shared by the ingest benchmarks: a real `backlash serve` process on a fresh SQLite file or a fresh
 * PostgreSQL database, signed pushes to it, the synthetic post mixes, percentiles and memory.
 * Synthetic texts written here (no dataset text).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { signWebhook } from '../../src/feeds/webhook-signature.js';

export const SECRET = 'bench-secret-0123456789abcdef';
export const ROOT = path.resolve(import.meta.dirname, '../..');

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
/** The retweet storm: these 8 texts, reposted over and over (each long enough to be a repost key). */
export const STORM_TEXTS = [
  'Acme Air lost my luggage again and nobody at the desk answers, terrible service all round',
  'Acme Air cancelled our flight with no notice and the refund still has not arrived after six weeks',
  'Three hours stuck at the gate with Acme Air and not a single word of information, awful',
  'Acme Air charged me twice for the same ticket and support keeps closing my complaint',
  'Never flying Acme Air again: rude staff, broken seats and a lost bag on a two hour flight',
  'Acme Air app crashed at check-in and they made me pay for a paper boarding pass, a disgrace',
  'My elderly mother was left alone at the Acme Air transfer desk for four hours, shameful',
  'Acme Air overbooked the flight, bumped us, and offered a voucher that expires in a week',
];

export type Mix = 'unique' | 'storm';
export interface PushItem {
  id: string;
  text: string;
  author: { id: string; followers: number };
  publishedAt: number;
}

let seq = 0;
export function makeItem(mix: Mix, now: number, prefix = 'load'): PushItem {
  const n = seq++;
  const text = mix === 'storm' ? `RT @voice${n % 97}: ${STORM_TEXTS[n % STORM_TEXTS.length]}` : `${OPENERS[n % OPENERS.length]} ${BODIES[(n * 7) % BODIES.length]} #${n}`;
  return { id: `${prefix}-${n}`, text, author: { id: `user-${n % 5000}`, followers: (n * 37) % 10000 }, publishedAt: now - (n % 600) * 1000 };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function freshPgDb(): Promise<{ url: string; drop(): Promise<void> }> {
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

/** Push sources of the bench targets: acme-push, then t1-push … for BENCH_TARGETS=N targets. */
export function benchSources(): string[] {
  const n = Math.max(1, Number(process.env.BENCH_TARGETS ?? 1));
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'acme-push' : `t${i}-push`));
}

export function writeConfig(dir: string): string {
  const file = path.join(dir, 'backlash.config.yaml');
  const targets = benchSources().flatMap((src, i) => [`  - id: ${i === 0 ? 'acme' : `t${i}`}`, `    name: Acme Air${i === 0 ? '' : ` ${i}`}`, '    sources:', `      - id: ${src}`, '        type: push', `        secret: ${SECRET}`]);
  // BENCH_EXTRA_YAML: more configuration for the served instance (e.g. "cluster:\n  detectEvery: 1d")
  fs.writeFileSync(file, ['targets:', ...targets, process.env.BENCH_EXTRA_YAML ?? '', ''].join('\n'));
  return file;
}

export interface Server {
  base: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `backlash serve` and waits for /health. */
export async function startServer(dir: string, db: { sqliteFile: string; pgUrl?: string }, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const extra = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []; // e.g. --cpu-prof
  const child = spawn(process.execPath, [...extra, path.join(ROOT, 'bin/backlash.js'), 'serve'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), BACKLASH_CONFIG: writeConfig(dir), BACKLASH_DB: db.sqliteFile, DATABASE_URL: db.pgUrl ?? '', LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true', ...extraEnv },
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
    if (i > 300 || child.exitCode !== null) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** One signed push; resolves with the HTTP status. */
export async function push(base: string, items: PushItem[], id: string, source = 'acme-push'): Promise<number> {
  const body = JSON.stringify({ items });
  const ts = Math.floor(Date.now() / 1000);
  const sig = await signWebhook(SECRET, id, ts, body);
  const res = await fetch(`${base}/api/ingest/${source}`, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig }, body });
  await res.text();
  return res.status;
}
