/**
 * Detection tick (thin I/O around the pure RevoltEngine): pull the verdicts stored since the last
 * tick, feed them to the engine held for this context, persist what it decides (revolt rows,
 * members, state, events) and move the cursor. On the first tick of a process the engine is
 * rebuilt from the store: history up to the cursor builds the model without deciding anything,
 * and open revolts come back with their lifecycle state, so a restart neither forgets nor
 * re-announces.
 */
import type { AppContext } from '../context.js';
import type { Post, Revolt, RevoltEvent, RevoltStage, Verdict } from '../types.js';
import type { EnginePost } from './key-state.js';
import { DEFAULT_PARAMS, persistedState, RevoltEngine, type EngineParams, type RevoltChange } from './engine.js';
import { HISTORY_HOURS, LEVEL_RECENT_MS, SENSITIVITY_OFFSET } from './params.js';
import { HOUR } from './time.js';
import { toRevolt as liveToRevolt } from './revolt.js';
import { levelsOf } from './levels.js';
import { insertMembers, readClassified, readCursor, readOpenRevolts, readResolvedSince, writeCursor } from './store.js';
import { recordRevoltEvent } from './record.js';

export { labelFor } from './revolt.js';

/** Verdicts stored within this long before the newest one seen are read again (and deduplicated): a
 *  classify batch still being written when a tick reads is never skipped. */
const LIVE_OVERLAP_MS = 60_000;

interface Handle {
  engine: RevoltEngine;
  watermark: number;
  seen: Map<string, number>;
  overlapMs: number;
  names: Map<string, string>;
  busy: Promise<unknown>;
}

const handles = new WeakMap<object, Handle>();

export function engineParams(ctx: Pick<AppContext, 'config'>): EngineParams {
  const d = ctx.config.detection;
  const minAuthors = d.minAuthors ?? d.minVoices ?? DEFAULT_PARAMS.minAuthors;
  // voices are what counts: more posts than distinct authors are never required
  return { ...DEFAULT_PARAMS, minAuthors, minPosts: Math.min(d.minPosts, minAuthors), ratio: d.ratio, quietAfterMs: d.quietAfter, sensitivityOffset: SENSITIVITY_OFFSET[d.sensitivity] };
}

/** The engine a context's detector uses (built on first use; tests and replay may inspect it). */
export function engineOf(ctx: AppContext): RevoltEngine | null {
  return handles.get(ctx)?.engine ?? null;
}

async function targetNames(ctx: AppContext, h: Handle): Promise<void> {
  const rows = await ctx.db.selectFrom('targets').select(['id', 'name']).execute();
  for (const r of rows) {
    h.names.set(r.id, r.name);
    h.engine.model(r.id, r.name);
  }
}

async function load(ctx: AppContext, now: number, opts: { overlapMs?: number } = {}): Promise<Handle> {
  const h: Handle = { engine: new RevoltEngine(engineParams(ctx)), watermark: -Infinity, seen: new Map(), overlapMs: opts.overlapMs ?? LIVE_OVERLAP_MS, names: new Map(), busy: Promise.resolve() };
  await targetNames(ctx, h);
  const cursor = await readCursor(ctx.db);
  if (cursor) {
    // history: everything judged before the cursor builds the model; nothing is decided again
    const from = now - HISTORY_HOURS * HOUR - LEVEL_RECENT_MS;
    const hist = [];
    for await (const page of readClassified(ctx.db, -1, { inclusive: true, upTo: cursor.at, publishedFrom: from })) {
      page.posts.forEach((p, i) => {
        if (page.classifiedAt[i] >= cursor.at - h.overlapMs) h.seen.set(p.id, page.classifiedAt[i]);
      });
      hist.push(...page.posts);
    }
    hist.sort((a, b) => a.publishedAt - b.publishedAt);
    h.engine.feed(hist, { history: true });
    h.watermark = cursor.at;
    for (const r of await readOpenRevolts(ctx.db)) h.engine.restore(r);
    for (const r of await readResolvedSince(ctx.db, cursor.at - LEVEL_RECENT_MS)) h.engine.restoreClaimed(r.target, r.postIds, r.resolvedAt);
    ctx.log.info('revolt engine restored', { posts: hist.length, open: h.engine.open.size, cursor: new Date(cursor.at).toISOString() });
  }
  return h;
}

/** Feeds every verdict stored since the last tick. */
async function pull(ctx: AppContext, h: Handle): Promise<number> {
  let n = 0;
  const from = Number.isFinite(h.watermark) ? h.watermark - h.overlapMs : -1;
  for await (const page of readClassified(ctx.db, from, { inclusive: h.overlapMs > 0 })) {
    const fresh = [];
    for (let i = 0; i < page.posts.length; i++) {
      const p = page.posts[i];
      if (h.overlapMs > 0) {
        if (h.seen.has(p.id)) continue;
        h.seen.set(p.id, page.classifiedAt[i]);
      }
      if (!h.names.has(p.target)) {
        await targetNames(ctx, h);
        if (!h.names.has(p.target)) h.names.set(p.target, p.target);
      }
      fresh.push(p);
    }
    fresh.sort((a, b) => a.publishedAt - b.publishedAt);
    h.engine.feed(fresh);
    h.watermark = Math.max(h.watermark, page.maxAt);
    n += fresh.length;
  }
  if (h.overlapMs > 0) for (const [id, at] of h.seen) if (at < h.watermark - h.overlapMs) h.seen.delete(id);
  return n;
}

/** One change of the engine written to the store: the revolt row, its new members, and its event (if any). */
export async function persistChange(ctx: AppContext, c: RevoltChange, now: number): Promise<RevoltEvent | null> {
  const r = c.revolt;
  const row = {
    key: r.key,
    label: r.label,
    stage: r.life.stage,
    severity: r.severity,
    priority: r.priority,
    updated_at: r.updatedAt,
    resolved_at: r.resolvedAt,
    explain: JSON.stringify(c.explain),
    state: JSON.stringify(persistedState(r)),
  };
  if (c.created) {
    await ctx.db
      .insertInto('revolts')
      .values({ id: r.id, target_id: r.target, opened_at: r.openedAt, ...row })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  } else {
    await ctx.db.updateTable('revolts').set(row).where('id', '=', r.id).execute();
  }
  const pending = r.pending;
  r.pending = [];
  await insertMembers(ctx, r.id, pending, now);
  if (!c.event) return null;
  return recordRevoltEvent(ctx, c.event, now, liveToRevolt(r, c.explain));
}

export interface DetectOptions {
  /** Replay reads strictly after its cursor (it is the only writer): no overlap to deduplicate. */
  overlapMs?: number;
}

async function handleFor(ctx: AppContext, now: number, opts: DetectOptions): Promise<Handle> {
  let h = handles.get(ctx);
  if (!h) {
    h = await load(ctx, now, opts);
    handles.set(ctx, h);
  }
  return h;
}

async function evaluateAndPersist(ctx: AppContext, h: Handle, now: number, targets?: string[]): Promise<RevoltEvent[]> {
  const changes = h.engine.evaluate(now, targets ? new Set(targets) : undefined);
  const events: RevoltEvent[] = [];
  for (const c of changes) {
    const e = await persistChange(ctx, c, now);
    if (e) events.push(e);
  }
  return events;
}

export async function detectRevolts(ctx: AppContext, now: number, targets?: string[], opts: DetectOptions = {}): Promise<RevoltEvent[]> {
  const handle = await handleFor(ctx, now, opts);
  const run = handle.busy.then(async () => {
    await pull(ctx, handle);
    const events = await evaluateAndPersist(ctx, handle, now, targets);
    if (Number.isFinite(handle.watermark)) await writeCursor(ctx.db, { at: handle.watermark }, now);
    return events;
  });
  handle.busy = run.catch(() => undefined);
  return run;
}

/** A post and its verdict as the engine reads them (the replay path feeds these directly). */
export function enginePostOf(post: Post, verdict: Verdict): EnginePost {
  return {
    id: post.id,
    target: post.target,
    source: post.source,
    author: post.author.id,
    followers: post.author.followers ?? 0,
    text: post.text,
    url: post.url ?? null,
    publishedAt: post.publishedAt,
    metrics: post.metrics ?? null,
    sentiment: verdict.sentiment.label,
    sentimentScore: verdict.sentiment.score,
    complaint: verdict.complaint.is,
    topics: verdict.topics.map((t) => t.id),
    pillars: levelsOf(verdict.topics, 'pillar'),
    touchpoints: levelsOf(verdict.topics, 'touchpoint'),
    lang: verdict.lang ?? post.lang ?? null,
    escalation: verdict.escalation.map((e) => e.id),
  };
}


/**
 * The replay path: posts already judged in this process are fed straight to the engine and
 * evaluated at each tick, without reading them back from the store. `classifiedUpTo` is the clock
 * time they were judged at; the cursor moves past it so a later detectRevolts never feeds them again.
 */
export class SteppedDetector {
  private constructor(
    private readonly ctx: AppContext,
    private readonly h: Handle,
  ) {}

  static async open(ctx: AppContext, now: number): Promise<SteppedDetector> {
    return new SteppedDetector(ctx, await handleFor(ctx, now, { overlapMs: 0 }));
  }

  get engine(): RevoltEngine {
    return this.h.engine;
  }

  async feed(posts: EnginePost[]): Promise<void> {
    for (const p of posts) {
      if (!this.h.names.has(p.target)) {
        await targetNames(this.ctx, this.h);
        if (!this.h.names.has(p.target)) this.h.names.set(p.target, p.target);
      }
    }
    this.h.engine.feed(posts);
  }

  tick(now: number): Promise<RevoltEvent[]> {
    return evaluateAndPersist(this.ctx, this.h, now);
  }

  async checkpoint(classifiedUpTo: number, now: number): Promise<void> {
    this.h.watermark = Math.max(this.h.watermark, classifiedUpTo);
    await writeCursor(this.ctx.db, { at: this.h.watermark }, now);
  }
}

/** Forgets the engine held for a context (tests simulate a restart with it). */
export function dropEngine(ctx: AppContext): void {
  handles.delete(ctx);
}

export function toRevolt(
  row: { id: string; target_id: string; key: string; label: string; stage: string; severity: number; priority: string; opened_at: number; updated_at: number; resolved_at: number | null; explain: string },
  postIds: string[],
): Revolt {
  return {
    id: row.id,
    target: row.target_id,
    key: row.key,
    label: row.label,
    stage: row.stage as RevoltStage,
    severity: Number(row.severity),
    priority: row.priority as Revolt['priority'],
    openedAt: Number(row.opened_at),
    updatedAt: Number(row.updated_at),
    resolvedAt: row.resolved_at == null ? null : Number(row.resolved_at),
    explain: JSON.parse(row.explain),
    postIds,
  };
}
