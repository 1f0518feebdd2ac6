/**
 * Revolt detection sharded by target over the instances (issue 15).
 *
 * Targets fall into `cluster.detectShards` shards by a hash of their id. Each shard is a lease
 * (`detect-revolts:<shard>/<shards>` in `leases`, with its fencing token) and has an engine of its
 * own, fed only its targets' verdicts, with its own cursor (`detect_shards`). Every instance that
 * runs detection keeps a membership lease (`detect-member:<instance>`) alive; on each tick it counts
 * the live members, takes free or expired shards up to its fair share (shards / members, rounded
 * up) and gives back any above it. When an instance dies its membership and shard leases run out
 * after `cluster.leaseTtl`, the survivors' share grows and they take its shards, each rebuilding
 * that shard's engine from the store first (history up to the shard's cursor, open revolts, recent
 * resolutions), so nothing opens or is announced twice.
 *
 * This is thin I/O around the revolt engine's public API (src/revolts/engine.ts); the engine is not
 * changed. `kv`'s `revolts.cursor` is kept at the lowest shard cursor (replay and older readers).
 * Which shard a target falls in and each instance's share are pure functions in detect-shard-plan.ts;
 * reading a shard's verdicts from the store is detect-shard-read.ts.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { RevoltEvent } from '../types.js';
import type { Job } from './scheduler.js';
import type { EnginePost } from '../revolts/key-state.js';
import { RevoltEngine } from '../revolts/engine.js';
import { engineParams, persistChange } from '../revolts/detect.js';
import { HISTORY_HOURS, LEVEL_RECENT_MS } from '../revolts/params.js';
import { HOUR } from '../revolts/time.js';
import { readCursor, readOpenRevolts, readResolvedSince, writeCursor } from '../revolts/store.js';
import { acquireLease, releaseLease, renewLease, type Lease } from '../store/leases.js';
import { fairShare, groupByShard, liveMembers, MEMBER_LEASE_PREFIX, shardLeaseName, STALE_TTLS, staleMembers, takeOrder } from './detect-shard-plan.js';
import { readShard } from './detect-shard-read.js';
import { wallClockOf } from '../util/clock.js';

export { DETECT_LEASE_PREFIX, MEMBER_LEASE_PREFIX, shardLeaseName, shardOf } from './detect-shard-plan.js';

/** Verdicts stored within this long before a shard's cursor are read again (and deduplicated). */
const OVERLAP_MS = 60_000;

interface Shard {
  shard: number;
  id: string; // '<shard>/<shards>'
  lease: Lease;
  engine: RevoltEngine;
  targets: Set<string>;
  watermark: number;
  seen: Map<string, number>;
}

export interface ShardedDetectorOptions {
  /** Give every lease back after each tick (Workers: isolates come and go). */
  releaseAfterTick?: boolean;
  ttlMs?: number;
  /** Wall clock for leases (not the service clock: the demo's accelerated clock must not expire them). */
  wall?: () => number;
}

export interface TickResult {
  shards: string[];
  taken: string[];
  released: string[];
  members: number;
  fed: number;
  events: RevoltEvent[];
}

/** One instance's side of sharded detection: the shards it holds, their engines, and the tick. */
export class ShardedDetector {
  readonly shards: number;
  private readonly held = new Map<number, Shard>();
  private member: Lease | null = null;
  private readonly ttl: number;
  private readonly wall: () => number;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: ShardedDetectorOptions = {},
  ) {
    this.shards = ctx.config.cluster.detectShards ?? 1;
    this.ttl = opts.ttlMs ?? ctx.config.cluster.leaseTtl;
    this.wall = opts.wall ?? (() => wallClockOf(ctx).now());
  }

  /** Shard numbers held now. */
  heldShards(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  engines(): RevoltEngine[] {
    return [...this.held.values()].map((s) => s.engine);
  }

  async tick(now: number): Promise<TickResult> {
    const result: TickResult = { shards: [], taken: [], released: [], members: 1, fed: 0, events: [] };
    const db = this.ctx.db;
    const me = this.ctx.instanceId;
    // membership: how many instances share the shards now
    this.member = await acquireLease(db, MEMBER_LEASE_PREFIX + me, me, this.ttl, this.wall());
    const wall = this.wall();
    const live = await db.selectFrom('leases').select(['name', 'owner', 'until']).where('name', 'like', `${MEMBER_LEASE_PREFIX}%`).execute();
    const members = liveMembers(live, wall);
    result.members = members;
    // forget members that died long ago (their lease rows would only grow the table)
    const stale = staleMembers(live, wall, this.ttl);
    if (stale.length) await db.deleteFrom('leases').where('name', 'in', stale).where('until', '<', wall - STALE_TTLS * this.ttl).execute();
    const share = fairShare(this.shards, members);

    // keep what we hold (a lease lost while we stalled: drop that engine)
    for (const [n, s] of [...this.held]) {
      if (!(await renewLease(db, s.lease, this.ttl, this.wall()))) this.held.delete(n);
    }
    // above our share: give back the highest shards, another member takes them
    for (const n of this.heldShards().reverse()) {
      if (this.held.size <= share) break;
      const s = this.held.get(n)!;
      this.held.delete(n);
      await releaseLease(db, s.lease).catch(() => {});
      result.released.push(s.id);
    }
    // below it: take free or expired shards, starting at a point that differs per instance
    if (this.held.size < share) {
      for (const n of takeOrder(me, this.shards)) {
        if (this.held.size >= share) break;
        if (this.held.has(n)) continue;
        const lease = await acquireLease(db, shardLeaseName(n, this.shards), me, this.ttl, this.wall());
        if (!lease) continue;
        this.held.set(n, await this.load(n, lease, now));
        result.taken.push(`${n}/${this.shards}`);
      }
    }

    try {
      const horizon = await this.horizon();
      const targets = await this.targetsByShard();
      for (const s of [...this.held.values()].sort((a, b) => a.shard - b.shard)) {
        for (const t of targets.get(s.shard) ?? []) {
          if (!s.targets.has(t.id)) {
            s.targets.add(t.id);
            s.engine.model(t.id, t.name);
          }
        }
        result.fed += await this.pull(s);
        if (horizon !== null) s.watermark = Math.max(s.watermark, horizon);
        result.events.push(...(await this.evaluate(s, now)));
        if (Number.isFinite(s.watermark)) await this.saveCursor(s, now);
        result.shards.push(s.id);
      }
      await this.foldGlobalCursor(now);
    } finally {
      if (this.opts.releaseAfterTick) await this.releaseAll();
    }
    return result;
  }

  /** Gives every lease back (shutdown, or after each tick on Workers). */
  async releaseAll(): Promise<void> {
    for (const s of this.held.values()) await releaseLease(this.ctx.db, s.lease).catch(() => {});
    this.held.clear();
    if (this.member) await releaseLease(this.ctx.db, this.member).catch(() => {});
    this.member = null;
  }

  private async targetsByShard(): Promise<Map<number, { id: string; name: string }[]>> {
    return groupByShard(await this.ctx.db.selectFrom('targets').select(['id', 'name']).execute(), this.shards);
  }

  /** The newest verdict's time before this tick reads: every verdict at or below it that is not fed yet shows up within the overlap. */
  private async horizon(): Promise<number | null> {
    const row = await this.ctx.db.selectFrom('classifications').select((eb) => eb.fn.max('classified_at').as('m')).executeTakeFirst();
    return row?.m == null ? null : Number(row.m);
  }

  private async readShardCursor(id: string): Promise<number | null> {
    const row = await this.ctx.db.selectFrom('detect_shards').select('cursor_at').where('id', '=', id).executeTakeFirst();
    if (row) return Number(row.cursor_at);
    return (await readCursor(this.ctx.db))?.at ?? null; // first run after the single detection lease, or after a replay
  }

  private async saveCursor(s: Shard, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('detect_shards')
      .values({ id: s.id, cursor_at: s.watermark, owner: this.ctx.instanceId, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ cursor_at: sql`excluded.cursor_at`, owner: sql`excluded.owner`, updated_at: sql`excluded.updated_at` }))
      .execute();
  }

  /** kv's revolts.cursor: the lowest cursor of all shards, once every shard has one. */
  private async foldGlobalCursor(now: number): Promise<void> {
    const rows = await this.ctx.db.selectFrom('detect_shards').select(['id', 'cursor_at']).where('id', 'like', `%/${this.shards}`).execute();
    if (rows.length < this.shards) return;
    const low = Math.min(...rows.map((r) => Number(r.cursor_at)));
    const cur = await readCursor(this.ctx.db);
    if (!cur || low > cur.at) await writeCursor(this.ctx.db, { at: low }, now);
  }

  /** A shard's engine rebuilt from the store: history up to its cursor, its open revolts, recent resolutions. */
  private async load(shard: number, lease: Lease, now: number): Promise<Shard> {
    const id = `${shard}/${this.shards}`;
    const s: Shard = { shard, id, lease, engine: new RevoltEngine(engineParams(this.ctx)), targets: new Set(), watermark: -Infinity, seen: new Map() };
    const all = (await this.targetsByShard()).get(shard) ?? [];
    for (const t of all) {
      s.targets.add(t.id);
      s.engine.model(t.id, t.name);
    }
    const cursor = await this.readShardCursor(id);
    if (cursor === null) return s;
    const hist: EnginePost[] = [];
    const from = now - HISTORY_HOURS * HOUR - LEVEL_RECENT_MS;
    for await (const page of readShard(this.ctx.db, [...s.targets], -1, { upTo: cursor, publishedFrom: from })) {
      page.posts.forEach((p, i) => {
        if (page.classifiedAt[i] >= cursor - OVERLAP_MS) s.seen.set(p.id, page.classifiedAt[i]);
        hist.push(p);
      });
    }
    hist.sort((a, b) => a.publishedAt - b.publishedAt);
    s.engine.feed(hist, { history: true });
    s.watermark = cursor;
    for (const r of await readOpenRevolts(this.ctx.db)) if (s.targets.has(r.target)) s.engine.restore(r);
    for (const r of await readResolvedSince(this.ctx.db, cursor - LEVEL_RECENT_MS)) if (s.targets.has(r.target)) s.engine.restoreClaimed(r.target, r.postIds, r.resolvedAt);
    this.ctx.log.info('revolt engine restored', { shard: id, posts: hist.length, open: s.engine.open.size, cursor: new Date(cursor).toISOString() });
    return s;
  }

  /** Feeds the shard every verdict stored since its cursor (less the overlap, deduplicated). */
  private async pull(s: Shard): Promise<number> {
    let n = 0;
    const from = Number.isFinite(s.watermark) ? s.watermark - OVERLAP_MS : -1;
    for await (const page of readShard(this.ctx.db, [...s.targets], from)) {
      const fresh: EnginePost[] = [];
      for (let i = 0; i < page.posts.length; i++) {
        const p = page.posts[i];
        if (s.seen.has(p.id)) continue;
        s.seen.set(p.id, page.classifiedAt[i]);
        fresh.push(p);
        if (page.classifiedAt[i] > s.watermark) s.watermark = page.classifiedAt[i];
      }
      fresh.sort((a, b) => a.publishedAt - b.publishedAt);
      s.engine.feed(fresh);
      n += fresh.length;
    }
    for (const [id, at] of s.seen) if (at < s.watermark - OVERLAP_MS) s.seen.delete(id);
    return n;
  }

  private async evaluate(s: Shard, now: number): Promise<RevoltEvent[]> {
    const events: RevoltEvent[] = [];
    for (const c of s.engine.evaluate(now)) {
      const e = await persistChange(this.ctx, c, now);
      if (e) events.push(e);
    }
    return events;
  }
}

/** The detection job: every instance runs it; the shards are shared out by their leases. */
export function shardedDetectJob(ctx: AppContext, everyMs: number, opts: ShardedDetectorOptions = {}): Job & { detector: ShardedDetector } {
  const detector = new ShardedDetector(ctx, opts);
  return {
    name: 'detect-revolts',
    everyMs,
    detector,
    async tick() {
      const r = await detector.tick(ctx.clock.now());
      return { shards: r.shards, taken: r.taken, released: r.released, members: r.members, fed: r.fed, events: r.events.length };
    },
  };
}
