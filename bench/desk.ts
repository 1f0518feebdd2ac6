/**
 * Desk benchmark: the built-in demo (data/demo/stream.jsonl) replayed on its simulated clock through
 * the real pipeline (classify → detect → route → lone complaints → SLA tick), one tick per simulated
 * minute as `npm start` runs them. Prints, from the moment the first revolt opens, the share of
 * posts that are open queue items (the floor: ≤ 15 %), next to the peer measured in the same run:
 * the previous routing, one item per flagged post at once (complaintWait 0, no joining of cases).
 *
 *   npx tsx bench/desk.ts [--minutes 400]
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import type { AppContext } from '../src/context.js';
import type { DB } from '../src/store/schema.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { buildConfig } from '../src/config/config.js';
import { ManualClock } from '../src/util/clock.js';
import { silentLogger } from '../src/util/log.js';
import { createEventBus } from '../src/util/event-bus.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../src/entry/classifier-files.js';
import { loadNodeRouting } from '../src/entry/routing-node.js';
import { DEMO_TARGETS, DemoStream, parseDemoStream, registerDemoSources } from '../src/demo/demo.js';
import { syncTargets } from '../src/store/targets.js';
import { processPosts } from '../src/pipeline/process.js';
import { detectRevolts } from '../src/revolts/detect.js';
import { escalateTick } from '../src/routing/escalate.js';
import { queueLoneComplaints } from '../src/routing/lone.js';
import type { RoutingSetup } from '../src/routing/setup.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const MIN = 60_000;

export interface DeskSample {
  minute: number;
  posts: number;
  open: number;
  revolts: number;
}

export interface DeskRun {
  firstRevoltMinute: number | null;
  samples: DeskSample[];
  /** The largest share of posts that were open items, at any tick from the first revolt on. */
  worstAfterFirstRevolt: DeskSample | null;
  byReason: Record<string, number>;
}

/** The shipped routing, or the peer: every flagged post gets its item at once, nothing joins a case. */
export function deskRouting(peer: boolean): RoutingSetup {
  const setup = loadNodeRouting(path.join(ROOT, 'rules'), []);
  if (!peer) return setup;
  const sp = { ...setup.rules.singlePosts, complaintWait: 0, joinRevolts: false as const, sameAuthor: false, answerReposts: true, ownItemInRevolt: ['legal', 'regulator', 'safety', 'press', 'reach', 'complaint'] };
  return { ...setup, rules: { ...setup.rules, singlePosts: sp } };
}

export async function replayDemoDesk(opts: { minutes?: number; peer?: boolean } = {}): Promise<DeskRun> {
  const sqlite = new SQLite(':memory:');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  const T0 = Date.parse('2026-03-02T08:00:00Z');
  const clock = new ManualClock(T0);
  const classifier = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
  const routing = deskRouting(Boolean(opts.peer));
  const ctx: AppContext = { config: buildConfig({}, { readFile: () => null }), db, dialect: 'sqlite', clock, log: silentLogger, classifier: () => classifier, bus: createEventBus(), instanceId: 'bench-desk', routing: () => routing };
  await syncTargets(ctx, DEMO_TARGETS);
  const items = parseDemoStream(fs.readFileSync(path.join(ROOT, 'data', 'demo', 'stream.jsonl'), 'utf8'));
  await registerDemoSources(ctx, items);
  const stream = new DemoStream(items, T0);
  const run: DeskRun = { firstRevoltMinute: null, samples: [], worstAfterFirstRevolt: null, byReason: {} };
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  for (let t = T0; t <= T0 + (opts.minutes ?? 400) * MIN; t += MIN) {
    clock.set(t);
    await processPosts(ctx, stream.due(t));
    await detectRevolts(ctx, t);
    await queueLoneComplaints(ctx, t);
    await escalateTick(ctx, t);
    const s: DeskSample = {
      minute: (t - T0) / MIN,
      posts: await count(db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
      open: await count(db.selectFrom('queue_items').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['new', 'claimed', 'responded']).executeTakeFirst()),
      revolts: await count(db.selectFrom('revolts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
    };
    run.samples.push(s);
    if (s.revolts > 0) {
      run.firstRevoltMinute ??= s.minute;
      const w = run.worstAfterFirstRevolt;
      if (!w || s.open / s.posts > w.open / w.posts) run.worstAfterFirstRevolt = s;
    }
  }
  for (const r of await db.selectFrom('queue_items').select(['kind', 'reason', 'status']).where('status', 'in', ['new', 'claimed', 'responded']).execute()) {
    const k = r.kind === 'post' ? (JSON.parse(r.reason ?? '[]') as string[]).join('+') : r.kind;
    run.byReason[k] = (run.byReason[k] ?? 0) + 1;
  }
  await db.destroy();
  return run;
}

const pct = (s: DeskSample | null | undefined) => (s ? `${((100 * s.open) / s.posts).toFixed(1)} % (${s.open} of ${s.posts} posts)` : '—');

async function main() {
  const i = process.argv.indexOf('--minutes');
  const minutes = i > 0 ? Number(process.argv[i + 1]) : 400;
  const [ours, peer] = [await replayDemoDesk({ minutes }), await replayDemoDesk({ minutes, peer: true })];
  const at = (r: DeskRun, m: number | null) => r.samples.find((s) => s.minute === m);
  const last = (r: DeskRun) => r.samples[r.samples.length - 1];
  console.log(`demo replayed for ${minutes} simulated minutes; first revolt opens at minute ${ours.firstRevoltMinute} (peer: ${peer.firstRevoltMinute})\n`);
  console.log('open queue items as a share of posts     backlash (cases)            peer (one item per flagged post)');
  console.log(`  when the first revolt opens            ${pct(at(ours, ours.firstRevoltMinute)).padEnd(28)}${pct(at(peer, peer.firstRevoltMinute))}`);
  console.log(`  worst tick after it opened             ${pct(ours.worstAfterFirstRevolt).padEnd(28)}${pct(peer.worstAfterFirstRevolt)}`);
  console.log(`  at the end                             ${pct(last(ours)).padEnd(28)}${pct(last(peer))}`);
  console.log(`\nopen items by kind or reason at the end\n  backlash: ${JSON.stringify(ours.byReason)}\n  peer:     ${JSON.stringify(peer.byReason)}`);
  const worst = ours.worstAfterFirstRevolt;
  const ok = worst !== null && worst.open / worst.posts <= 0.15;
  console.log(`\nfloor (≤ 15 % once the first revolt is open): ${ok ? 'met' : 'NOT met'}`);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
