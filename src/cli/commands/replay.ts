/**
 * `backlash replay FILE [--model FILE] [--tick 1m] [--db PATH] [--heap 384]`: runs the real pipeline (ingest →
 * classify → detect) over a JSONL file of posts in time order, on a simulated clock with no
 * waiting, in a throwaway SQLite file in the temp folder (or --db FILE, or --db :memory:), and writes revolt events as JSONL on stdout.
 * Input line: {"id","source","target","author":{"id","followers"?},"text","lang"?,"publishedAt","url"?,"metrics"?}
 * Output line: {"type","at","revolt":{"id","target","key","label","stage","severity","priority","postIds","explain"}}
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import readline from 'node:readline';
import type { AppContext } from '../../context.js';
import type { NormalizedPost, RevoltEvent } from '../../types.js';
import { sql } from 'kysely';
import { openDb } from '../../entry/open-db.js';
import { loadNodeClassifier } from '../../entry/classifier-node.js';
import { migrateToLatest } from '../../store/migrate.js';
import { syncTargets } from '../../store/targets.js';
import { processPosts } from '../../pipeline/process.js';
import { readConfig } from '../../entry/read-config.js';
import { enginePostOf, SteppedDetector } from '../../revolts/detect.js';
import { RECENT_MS } from '../../revolts/params.js';
import type { EnginePost } from '../../revolts/key-state.js';
import { ManualClock } from '../../util/clock.js';
import { createLogger } from '../../util/log.js';
import { createEventBus } from '../../util/event-bus.js';
import { parseDuration } from '../../util/duration.js';
import { LINK_WINDOW_MS } from '../../ingest/recent-texts.js';

const USAGE = 'usage: backlash replay FILE [--model FILE] [--tick 1m] [--db PATH] [--tail 12h] [--heap 384]\n';
/**
 * V8's old generation for a replay, in MB. What replay keeps alive is bounded (the store is pruned
 * by time, the id map too, the engine keeps its windows), but with the default limit (a quarter of
 * the machine's memory) V8 lets garbage pile up to gigabytes before collecting it. Replay runs in
 * a child process with this limit unless NODE_OPTIONS or the command line already set one.
 */
const DEFAULT_HEAP_MB = 384;
const QUIET_TICK_MS = 5 * 60_000;
/** Posts ingested and classified per chunk (detection still ticks every --tick of simulated time). */
const CHUNK = 2000;
/**
 * Indexes that serve the dashboard, the API and background jobs replay never runs: an in-memory
 * replay database does without them (every insert updates each index). The pipeline's own lookups
 * (duplicates by url and text, revolts of posts, queue items by post) keep theirs.
 */
const DROPPABLE_INDEXES = [
  'posts_target_published_idx', 'posts_unclassified_idx', 'classifications_target_published_idx', 'classifications_counted_idx', 'classifications_classified_idx',
  'events_at_idx', 'queue_items_status_idx', 'queue_items_assignee_idx', 'outbox_due_idx', 'audit_log_entity_idx',
];

/**
 * The in-memory replay database keeps only what the pipeline can still read: posts (and their
 * verdicts and revolt memberships) fetched more than the duplicate-link window plus a day ago are
 * deleted once a simulated day, so a replay of a month or of 10M posts runs in memory that stops
 * growing (the freed pages are reused). The detector never reads them back (replay feeds it
 * directly). With --db FILE nothing is pruned: the file is kept to be inspected.
 */
const KEEP_MS = LINK_WINDOW_MS + 86_400_000;
const PRUNE_EVERY_MS = 86_400_000;

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

/** One input line as a post, or why it is not one. */
export function parseReplayLine(line: string): NormalizedPost | string {
  let r: Record<string, any>;
  try {
    r = JSON.parse(line);
  } catch {
    return 'invalid JSON';
  }
  if (!r || typeof r !== 'object') return 'not an object';
  for (const k of ['id', 'source', 'target', 'text', 'publishedAt']) if (typeof r[k] !== 'string' || !r[k]) return `missing "${k}"`;
  if (!r.author || typeof r.author.id !== 'string') return 'missing "author.id"';
  const at = Date.parse(r.publishedAt);
  if (!Number.isFinite(at)) return `"publishedAt" is not an ISO-8601 time`;
  return {
    source: r.source,
    target: r.target,
    externalId: r.id,
    url: typeof r.url === 'string' ? r.url : null,
    author: { id: r.author.id, name: r.author.name ?? null, handle: r.author.handle ?? null, followers: Number.isFinite(r.author.followers) ? r.author.followers : null },
    text: r.text,
    lang: typeof r.lang === 'string' ? r.lang : null,
    publishedAt: at,
    metrics: r.metrics && typeof r.metrics === 'object' ? r.metrics : null,
  };
}

/**
 * Replay speaks the ids of its input: the pipeline stores a post under an internal id (a hash of
 * source and id), and this maps it back to the "id" of the input line wherever a post is named.
 */
export type ExternalIds = ReadonlyMap<string, string>;

/** A copy of an explanation with every post `id` (firstPost, mostReached, …) mapped to the input's id. */
function externalExplain(v: unknown, ids: ExternalIds): unknown {
  if (Array.isArray(v)) return v.map((x) => externalExplain(x, ids));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'id' && typeof x === 'string' ? (ids.get(x) ?? x) : externalExplain(x, ids);
  return out;
}

export function eventLine(e: RevoltEvent, ids?: ExternalIds): string {
  const r = e.revolt;
  const postIds = ids ? r.postIds.map((id) => ids.get(id) ?? id) : r.postIds;
  const explain = ids ? externalExplain(r.explain, ids) : r.explain;
  return JSON.stringify({
    type: e.type,
    at: new Date(e.at).toISOString(),
    revolt: { id: r.id, target: r.target, key: r.key, label: r.label, stage: r.stage, severity: r.severity, priority: r.priority, postIds, explain },
  });
}


export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`backlash replay: ${args}\n${USAGE}`);
    return 2;
  }
  const heapSet = process.execArgv.some((a) => a.startsWith('--max-old-space-size')) || /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '');
  if (args.heapMb > 0 && !heapSet && process.env.BACKLASH_REPLAY_CHILD !== '1' && /backlash(\.js)?$/.test(process.argv[1] ?? '') && process.argv[2] === 'replay') {
    const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${args.heapMb}`, process.argv[1], ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, BACKLASH_REPLAY_CHILD: '1' },
    });
    if (child.error) process.stderr.write(`backlash replay: cannot start with a bounded heap (${child.error.message}); running without\n`);
    else return child.status ?? 1;
  }
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
  // a throwaway file in the temp folder unless --db names one to keep (or :memory:): its pages are
  // cached by the OS, not held by the process (SQLite's own cache is bounded by cache_size), and
  // with no journal and no fsync it costs about what memory does
  const throwaway = !args.db || args.db === ':memory:';
  const tempDir = args.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'backlash-replay-'));
  const opened = await openDb({ sqlitePath: args.db ?? path.join(tempDir!, 'replay.db') });
  const out = process.stdout;
  let bad = 0;
  let lineNo = 0;
  try {
    // a throwaway database: no durability needed (a crash just means replaying again)
    if (opened.dialect === 'sqlite') {
      for (const p of ['journal_mode = MEMORY', 'synchronous = OFF', 'temp_store = MEMORY', 'cache_size = -65536']) await sql.raw(`pragma ${p}`).execute(opened.db);
    }
    await migrateToLatest(opened.db);
    if (throwaway) for (const ix of DROPPABLE_INDEXES) await sql.raw(`drop index if exists ${ix}`).execute(opened.db);
    const classifier = await loadNodeClassifier(args.model ? { modelPath: args.model } : {});
    const clock = new ManualClock(0);
    const ctx: AppContext = { config: { ...config, demoEnabled: false }, db: opened.db, dialect: opened.dialect, clock, log, classifier: () => classifier, bus: createEventBus(), instanceId: `replay:${process.pid}` };
    const targets = new Set<string>();
    const detector = await SteppedDetector.open(ctx, 0);
    let batch: NormalizedPost[] = [];
    let nextTick = -Infinity;
    // internal post id → the input line's "id"; kept while a post can still join a revolt (it is in
    // the widest detection window) or is a member of an open one, so a month's export stays small
    const external = new Map<string, string>();
    const mapped: { id: string; at: number }[] = [];
    const forgetIds = (now: number) => {
      let i = 0;
      while (i < mapped.length && mapped[i].at < now - 2 * RECENT_MS) {
        const { id } = mapped[i++];
        let member = false;
        for (const r of detector.engine.open.values()) if ((member = r.memberIds.has(id))) break;
        if (!member) external.delete(id);
      }
      if (i) mapped.splice(0, i);
    };
    const write = (events: RevoltEvent[]) => {
      for (const e of events) out.write(eventLine(e, external) + '\n');
    };
    /**
     * Runs a chunk through ingest and classify at once (the clock at its newest post), then feeds
     * the verdicts to the detector in time order, evaluating at every tick boundary: detection sees
     * exactly what a live service ticking every `tick` would have seen, without a query per tick.
     */
    const flush = async (final = false) => {
      if (batch.length === 0) return;
      const chunk = batch;
      batch = [];
      const fresh = [...new Set(chunk.map((p) => p.target))].filter((t) => !targets.has(t));
      if (fresh.length) {
        await syncTargets(ctx, fresh.map((id) => ({ id, name: id, sources: [] })));
        fresh.forEach((t) => targets.add(t));
      }
      clock.set(chunk[chunk.length - 1].publishedAt);
      // one transaction per chunk (one SQLite connection: every statement until COMMIT is inside it);
      // the same statements run as live, only without a journal write per statement
      await sql`begin`.execute(ctx.db);
      try {
        const judged = (await processPosts(ctx, chunk, { inTransaction: true, queue: false }))
          .map((c) => {
            external.set(c.post.id, c.post.externalId);
            mapped.push({ id: c.post.id, at: c.post.publishedAt });
            return enginePostOf(c.post, c.verdict);
          })
          .sort((a, b) => a.publishedAt - b.publishedAt);
        await step(judged, final);
        forgetIds(clock.now());
        await detector.checkpoint(clock.now(), clock.now());
        await sql`commit`.execute(ctx.db);
      } catch (err) {
        await sql`rollback`.execute(ctx.db).catch(() => undefined);
        throw err;
      }
    };
    const pending: EnginePost[] = [];
    /** Feeds judged posts tick by tick; a tick whose posts may continue in the next chunk waits for it. */
    const step = async (judged: EnginePost[], final: boolean) => {
      const queue = pending.splice(0).concat(judged);
      const quiet = Math.max(args.tickMs, QUIET_TICK_MS);
      let i = 0;
      while (i < queue.length) {
        if (!Number.isFinite(nextTick)) nextTick = Math.ceil(queue[i].publishedAt / args.tickMs) * args.tickMs;
        let j = i;
        while (j < queue.length && queue[j].publishedAt <= nextTick) j++;
        if (j === queue.length && !final) {
          pending.push(...queue.slice(i));
          return;
        }
        await detector.feed(queue.slice(i, j));
        write(await detector.tick(nextTick));
        i = j;
        if (i < queue.length) {
          // quiet stretches still tick (lifecycles resolve), every 5 minutes rather than every tick
          const due = Math.ceil(queue[i].publishedAt / args.tickMs) * args.tickMs;
          for (let t = nextTick + quiet; t < due; t += quiet) write(await detector.tick(t));
          nextTick = due;
        } else nextTick += args.tickMs;
      }
    };
    // rowid high-water marks of posts and verdicts, with the clock time they were written at
    const marks: { at: number; post: number; verdict: number }[] = [];
    let nextPrune = -Infinity;
    const prune = async () => {
      const { rows } = await sql<{ post: number | null; verdict: number | null }>`select (select max(rowid) from posts) as post, (select max(rowid) from classifications) as verdict`.execute(ctx.db);
      marks.push({ at: clock.now(), post: Number(rows[0]?.post ?? 0), verdict: Number(rows[0]?.verdict ?? 0) });
      if (!Number.isFinite(nextPrune)) nextPrune = clock.now() + PRUNE_EVERY_MS;
      if (clock.now() < nextPrune) return;
      nextPrune = clock.now() + PRUNE_EVERY_MS;
      let old: (typeof marks)[number] | undefined;
      while (marks.length && marks[0].at < clock.now() - KEEP_MS) old = marks.shift();
      if (!old) return;
      await sql`begin`.execute(ctx.db);
      await sql`delete from revolt_posts where post_id in (select id from posts where rowid <= ${old.post})`.execute(ctx.db);
      const gone = await sql`delete from posts where rowid <= ${old.post}`.execute(ctx.db);
      await sql`delete from classifications where rowid <= ${old.verdict}`.execute(ctx.db);
      await sql`delete from source_count_deltas`.execute(ctx.db);
      await sql`commit`.execute(ctx.db);
      const mem = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 1048576);
      log.debug('replay pruned', { posts: Number(gone.numAffectedRows ?? 0), before: new Date(old.at).toISOString(), rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed), heapTotalMb: mb(mem.heapTotal), externalMb: mb(mem.external), ids: external.size });
    };
    const rl = readline.createInterface({ input: fs.createReadStream(args.file), crlfDelay: Infinity });
    let lastAt = -Infinity;
    for await (const line of rl) {
      lineNo++;
      if (!line.trim()) continue;
      const p = parseReplayLine(line);
      if (typeof p === 'string') {
        bad++;
        if (bad <= 20) process.stderr.write(`backlash replay: line ${lineNo}: ${p}\n`);
        continue;
      }
      if (p.publishedAt < lastAt) p.publishedAt = lastAt; // input must be in time order
      lastAt = p.publishedAt;
      batch.push(p);
      if (batch.length >= CHUNK) {
        await flush();
        if (throwaway) await prune();
      }
    }
    await flush(true);
    if (pending.length) await step([], true);
    // after the last post: let open revolts subside and resolve
    if (Number.isFinite(nextTick)) {
      await sql`begin`.execute(ctx.db);
      for (let t = nextTick + QUIET_TICK_MS; t <= nextTick + args.tailMs && detector.engine.open.size > 0; t += QUIET_TICK_MS) write(await detector.tick(t));
      await sql`commit`.execute(ctx.db);
    }
  } finally {
    await opened.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
  if (bad) process.stderr.write(`backlash replay: ${bad} of ${lineNo} lines skipped\n`);
  return 0;
}
