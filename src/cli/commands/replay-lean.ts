/**
 * Replay without a store (the default): nothing replay writes to a database is ever read back by
 * it, so the default replay keeps only what changes its output, in memory and bounded by time.
 *
 * - Ingest: the same clean-up (`normalizePost`) and internal ids as the live path; a post whose
 *   (source, id) was seen before is skipped, as the store's insert-or-ignore would, for as long as
 *   the throwaway store keeps posts (the duplicate-link window and a day, forgotten once a
 *   simulated day: the same marks `ReplayPruner` deletes by). Duplicate links are not computed:
 *   the detector is fed posts, not links.
 * - Classification: the same classifier call per post, no verdict rows.
 * - Detection: the engine is fed and evaluated exactly as `SteppedDetector` does; a change's event
 *   is built as `recordRevoltEvent` returns it, without the revolt rows, members, queue items,
 *   audit entries and outbox rows the live service writes for it.
 *
 * `--db PATH` (replay-stored.ts) runs the stored path instead; both write the same events.
 */
import type { AppContext } from '../../context.js';
import type { NormalizedPost, Post, RevoltEvent } from '../../types.js';
import { classifyOne } from '../../classify/stage.js';
import { normalizePost } from '../../ingest/normalize.js';
import { postId } from '../../ingest/ingest.js';
import { LINK_WINDOW_MS } from '../../ingest/recent-texts.js';
import { engineParams, enginePostOf } from '../../revolts/detect.js';
import { RevoltEngine } from '../../revolts/engine.js';
import { toRevolt } from '../../revolts/revolt.js';
import type { EnginePost } from '../../revolts/key-state.js';
import type { ReplayStages } from './replay-stored.js';
import type { JudgedPosts } from './replay-session.js';

const KEEP_MS = LINK_WINDOW_MS + 86_400_000;
const FORGET_EVERY_MS = 86_400_000;

/** Ids of posts taken, forgotten by chunk as `ReplayPruner` deletes the stored posts. */
class SeenIds {
  private readonly ids = new Set<string>();
  private readonly chunks: { at: number; ids: string[] }[] = [];
  private nextForget = -Infinity;

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** One chunk's new ids, taken at clock time `at`. */
  add(at: number, ids: string[]): void {
    for (const id of ids) this.ids.add(id);
    this.chunks.push({ at, ids });
  }

  /** After each full chunk: once a simulated day, forget the chunks older than KEEP_MS. */
  afterChunk(now: number): void {
    if (!Number.isFinite(this.nextForget)) this.nextForget = now + FORGET_EVERY_MS;
    if (now < this.nextForget) return;
    this.nextForget = now + FORGET_EVERY_MS;
    // the pruner deletes up to the last mark older than KEEP_MS; marks are taken after each full chunk
    let last = -1;
    for (let i = 0; i < this.chunks.length && this.chunks[i].at < now - KEEP_MS; i++) last = i;
    for (const c of this.chunks.splice(0, last + 1)) for (const id of c.ids) this.ids.delete(id);
  }
}

/** A chunk judged off the detector's thread: what the session needs, and the targets in the order met. */
export interface JudgedChunk extends JudgedPosts {
  now: number;
  /** the chunk's targets, in the order first met in it (empty and repeated posts included) */
  targets: string[];
  full: boolean;
  /** the front thread's heap (for the debug log) */
  memory?: { heapUsedMb: number; heapTotalMb: number };
}

/** Ingest and classification without a store: the same posts and verdicts the stored path keeps. */
export class LeanFront {
  private readonly seen = new SeenIds();

  constructor(private readonly ctx: Pick<AppContext, 'classifier' | 'log'>) {}

  judge(chunk: NormalizedPost[], full: boolean): JudgedChunk {
    const now = chunk[chunk.length - 1].publishedAt;
    const inChunk = new Set<string>();
    const posts: EnginePost[] = [];
    const externalIds: string[] = [];
    for (const raw of chunk) {
      const p = normalizePost(raw, now);
      if (!p.text) continue;
      const id = postId(p.source, p.externalId);
      if (inChunk.has(id) || this.seen.has(id)) continue;
      inChunk.add(id);
      const post: Post = { ...p, id, fetchedAt: now };
      posts.push(enginePostOf(post, classifyOne(this.ctx, post)));
      externalIds.push(post.externalId);
    }
    this.seen.add(now, [...inChunk]);
    if (full) this.seen.afterChunk(now);
    return { now, posts, externalIds, targets: [...new Set(chunk.map((p) => p.target))], full };
  }
}

/** Detection without a store: the engine fed and evaluated as SteppedDetector does it. */
export class LeanStages implements ReplayStages {
  readonly engine: RevoltEngine;
  /** targets in the order replay first met them (the stored path's targets table) */
  private readonly targets: string[] = [];
  private readonly targetSet = new Set<string>();
  /** targets the detector has named (SteppedDetector's names) */
  private readonly named = new Set<string>();

  constructor(ctx: Pick<AppContext, 'config'>) {
    this.engine = new RevoltEngine(engineParams(ctx));
  }

  /** A chunk's targets, before it is fed. */
  meet(targets: string[]): void {
    for (const t of targets) {
      if (this.targetSet.has(t)) continue;
      this.targetSet.add(t);
      this.targets.push(t);
    }
  }

  async feed(posts: EnginePost[]): Promise<void> {
    for (const p of posts) {
      if (this.named.has(p.target)) continue;
      // as SteppedDetector: an unnamed target names every target met so far, in the order met
      for (const t of this.targets) {
        if (this.named.has(t)) continue;
        this.named.add(t);
        this.engine.model(t, t);
      }
      this.named.add(p.target);
    }
    this.engine.feed(posts);
  }

  async tick(now: number): Promise<RevoltEvent[]> {
    const events: RevoltEvent[] = [];
    for (const c of this.engine.evaluate(now)) {
      c.revolt.pending = []; // members the stored path would write
      if (c.event) events.push({ id: '', type: c.event, at: now, revolt: toRevolt(c.revolt, c.explain) });
    }
    return events;
  }

  async begin(): Promise<void> {}

  async commit(): Promise<void> {}

  async rollback(): Promise<void> {}
}
