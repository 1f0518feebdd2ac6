/**
 * Replay's stages over a real store (`--db PATH` or `--db :memory:`): the same statements as the
 * live service, each chunk and its detection ticks in one transaction, so the database can be
 * inspected afterwards. The default replay keeps no store (replay-lean.ts) and writes the same events.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { NormalizedPost, RevoltEvent } from '../../types.js';
import type { Classified } from '../../classify/stage.js';
import { syncTargets } from '../../store/targets.js';
import { processPosts } from '../../pipeline/process.js';
import { SteppedDetector } from '../../revolts/detect.js';
import type { RevoltEngine } from '../../revolts/engine.js';
import type { EnginePost } from '../../revolts/key-state.js';

/** What a replay session drives: ingest and classify a chunk, feed and tick the detector, and bracket a chunk. */
export interface ReplayStages {
  readonly engine: RevoltEngine;
  /** Ingests and judges a chunk (the clock already at its newest post): the new posts, in input order. */
  judge(chunk: NormalizedPost[]): Promise<Classified[]>;
  feed(posts: EnginePost[]): Promise<void>;
  tick(now: number): Promise<RevoltEvent[]>;
  /** Around a chunk and its ticks (and around the tail's ticks). */
  begin(): Promise<void>;
  commit(now: number | null): Promise<void>;
  rollback(): Promise<void>;
  /** After each full chunk. */
  afterChunk?(): Promise<void>;
}

export class StoredStages implements ReplayStages {
  private readonly targets = new Set<string>();

  private constructor(
    private readonly ctx: AppContext,
    private readonly detector: SteppedDetector,
    readonly afterChunk?: () => Promise<void>,
  ) {}

  static async open(ctx: AppContext, afterChunk?: () => Promise<void>): Promise<StoredStages> {
    return new StoredStages(ctx, await SteppedDetector.open(ctx, 0), afterChunk);
  }

  get engine(): RevoltEngine {
    return this.detector.engine;
  }

  async judge(chunk: NormalizedPost[]): Promise<Classified[]> {
    const fresh = [...new Set(chunk.map((p) => p.target))].filter((t) => !this.targets.has(t));
    if (fresh.length) {
      await syncTargets(
        this.ctx,
        fresh.map((id) => ({ id, name: id, sources: [] })),
      );
      fresh.forEach((t) => this.targets.add(t));
    }
    return processPosts(this.ctx, chunk, { inTransaction: true, queue: false });
  }

  feed(posts: EnginePost[]): Promise<void> {
    return this.detector.feed(posts);
  }

  tick(now: number): Promise<RevoltEvent[]> {
    return this.detector.tick(now);
  }

  // one transaction per chunk (one SQLite connection: every statement until COMMIT is inside it);
  // the same statements run as live, only without a journal write per statement
  async begin(): Promise<void> {
    await sql`begin`.execute(this.ctx.db);
  }

  async commit(now: number | null): Promise<void> {
    if (now !== null) await this.detector.checkpoint(now, now);
    await sql`commit`.execute(this.ctx.db);
  }

  async rollback(): Promise<void> {
    await sql`rollback`.execute(this.ctx.db).catch(() => undefined);
  }
}
