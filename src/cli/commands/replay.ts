/**
 * `backlash replay FILE [--model FILE] [--tick 1m] [--db PATH] [--heap 224]`: runs the real pipeline (ingest →
 * classify → detect) over a JSONL file of posts in time order, on a simulated clock with no
 * waiting, and writes revolt events as JSONL on stdout. By default without a store (nothing replay
 * writes is read back by it), ingest and classification on this thread and detection in a thread
 * of its own (replay-thread.ts); with --db FILE (kept) or --db :memory: through a real SQLite
 * store, the live service's statements (replay-stored.ts). Both write the same events.
 * Input line: {"id","source","target","author":{"id","followers"?},"text","lang"?,"publishedAt","url"?,"metrics"?}
 * Output line: {"type","at","revolt":{"id","target","key","label","stage","severity","priority","postIds","explain"}}
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { AppContext } from '../../context.js';
import { sql } from 'kysely';
import { openDb } from '../../entry/open-db.js';
import { loadNodeClassifier } from '../../entry/classifier-node.js';
import { migrateToLatest } from '../../store/migrate.js';
import { readConfig } from '../../entry/read-config.js';
import { ReplaySession } from './replay-session.js';
import { ReplayPruner } from './replay-prune.js';
import { StoredStages } from './replay-stored.js';
import { replayLean } from './replay-thread.js';
import { readChunks, type ReadCounts } from './replay-input.js';
import { ManualClock } from '../../util/clock.js';
import { createLogger } from '../../util/log.js';
import { createEventBus } from '../../util/event-bus.js';
import { parseDuration } from '../../util/duration.js';

const USAGE = 'usage: backlash replay FILE [--model FILE] [--tick 1m] [--db PATH] [--tail 12h] [--heap 224]\n';
/**
 * V8's old generation for replay's detection, in MB. What replay keeps alive is bounded (the id map
 * and the store, if any, are pruned by time, the engine keeps its windows), but with the default
 * limit (a quarter of the machine's memory) V8 lets garbage pile up to gigabytes before collecting
 * it. The default replay gives its detection thread this limit; with --db, replay runs in a child
 * process with it, unless NODE_OPTIONS or the command line already set one.
 */
const DEFAULT_HEAP_MB = 224;
/**
 * Indexes that serve the dashboard, the API and background jobs replay never runs: an in-memory
 * replay database does without them (every insert updates each index). The pipeline's own lookups
 * (duplicates by url and text, revolts of posts, queue items by post) keep theirs.
 */
const DROPPABLE_INDEXES = [
  'posts_target_published_idx', 'posts_unclassified_idx', 'classifications_target_published_idx', 'classifications_counted_idx', 'classifications_classified_idx',
  'events_at_idx', 'queue_items_status_idx', 'queue_items_assignee_idx', 'outbox_due_idx', 'audit_log_entity_idx',
];

interface Args {
  heapMb: number;
  file: string;
  model?: string;
  tickMs: number;
  tailMs: number;
  db?: string;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  const out: Partial<Args> = { tickMs: 60_000, tailMs: 12 * 3_600_000, heapMb: DEFAULT_HEAP_MB };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--model') out.model = val();
      else if (a === '--db') out.db = val();
      else if (a === '--heap') {
        const mb = Number(val());
        if (!Number.isInteger(mb) || mb < 0) return '--heap: expected megabytes (0: no limit of its own)';
        out.heapMb = mb;
      } else if (a === '--tick' || a === '--tail') {
        const ms = parseDuration(val());
        if (ms === null || ms < 0 || (a === '--tick' && ms < 1000)) return `${a}: expected a duration like 30s, 1m or 2h`;
        if (a === '--tick') out.tickMs = ms;
        else out.tailMs = ms;
      } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
      else if (file) return `unexpected argument ${a}`;
      else file = a;
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (!file) return 'missing FILE';
  return { ...(out as Args), file };
}

export { parseReplayLine } from './replay-input.js';
export { eventLine, type ExternalIds } from './replay-session.js';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`backlash replay: ${args}\n${USAGE}`);
    return 2;
  }
  const child = args.db ? runWithBoundedHeap(args.heapMb) : null;
  if (child !== null) return child;
  if (!fs.existsSync(args.file)) {
    process.stderr.write(`backlash replay: ${args.file} does not exist\n`);
    return 1;
  }
  if (args.model && !fs.existsSync(args.model)) {
    process.stderr.write(`backlash replay: model ${args.model} does not exist\n`);
    return 1;
  }
  const log = createLogger({ level: (process.env.LOG_LEVEL as never) ?? 'warn' });
  let config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    process.stderr.write(`backlash replay: configuration error: ${(err as Error).message}\n`);
    return 1;
  }
  const clock = new ManualClock(0);
  const base = { config: { ...config, demoEnabled: false }, clock, log };
  const write = (line: string) => process.stdout.write(line + '\n');
  const opts = { tickMs: args.tickMs, tailMs: args.tailMs };
  // the default: no store at all (replay reads nothing back from one), ingest and classification
  // in a thread of their own beside detection; the same events as with a store
  const read = args.db ? await replayStored(args, base, clock, write) : await replayLean({ file: args.file, modelPath: args.model, heapMb: args.heapMb, ...opts }, base, write);
  if (read.bad) process.stderr.write(`backlash replay: ${read.bad} of ${read.lineNo} lines skipped\n`);
  return 0;
}

/**
 * `--db PATH` (kept to be inspected) or `--db :memory:` (pruned once a simulated day): the live
 * service's statements over a real SQLite store, with no durability (a crash means replaying again).
 */
async function replayStored(args: Args, base: Pick<AppContext, 'config' | 'clock' | 'log'>, clock: ManualClock, write: (line: string) => void): Promise<ReadCounts> {
  const throwaway = args.db === ':memory:';
  const opened = await openDb({ sqlitePath: args.db! });
  try {
    await prepareReplayDb(opened, throwaway);
    const classifier = await loadNodeClassifier(args.model ? { modelPath: args.model } : {});
    const ctx: AppContext = { ...base, classifier: () => classifier, db: opened.db, dialect: opened.dialect, bus: createEventBus(), instanceId: `replay:${process.pid}` };
    const pruner = throwaway ? new ReplayPruner(ctx) : null;
    const stages = await StoredStages.open(ctx);
    const session = new ReplaySession(clock, stages, { tickMs: args.tickMs, tailMs: args.tailMs }, write);
    const counts: ReadCounts = { bad: 0, lineNo: 0 };
    for await (const { posts, full } of readChunks(args.file, counts)) {
      await session.chunk(posts[posts.length - 1].publishedAt, () => stages.judge(posts), !full);
      if (full) await pruner?.afterChunk();
    }
    await session.finish();
    return counts;
  } finally {
    await opened.close();
  }
}

/** Readies a freshly opened replay database: a throwaway one needs no durability (a crash just means replaying again). */
async function prepareReplayDb(opened: Awaited<ReturnType<typeof openDb>>, throwaway: boolean): Promise<void> {
  if (opened.dialect === 'sqlite') {
    for (const p of ['journal_mode = MEMORY', 'synchronous = OFF', 'temp_store = MEMORY', 'cache_size = -65536']) await sql.raw(`pragma ${p}`).execute(opened.db);
  }
  await migrateToLatest(opened.db);
  if (throwaway) for (const ix of DROPPABLE_INDEXES) await sql.raw(`drop index if exists ${ix}`).execute(opened.db);
}

/**
 * Re-runs this replay in a child process with V8's heap capped at `heapMb` (its exit code), unless
 * a limit is already set, the cap is 0, or this is that child; null to run here.
 */
function runWithBoundedHeap(heapMb: number): number | null {
  const heapSet = process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '');
  if (heapMb <= 0 || heapSet || process.env.BACKLASH_REPLAY_CHILD === '1' || !/backlash(\.js)?$/.test(process.argv[1] ?? '') || process.argv[2] !== 'replay') return null;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BACKLASH_REPLAY_CHILD: '1' },
  });
  if (!child.error) return child.status ?? 1;
  process.stderr.write(`backlash replay: cannot start with a bounded heap (${child.error.message}); running without\n`);
  return null;
}
