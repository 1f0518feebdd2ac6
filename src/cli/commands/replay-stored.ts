/**
 * Replay's stages over a real store (`--db PATH` or `--db :memory:`): the same statements as the
 * live service, each chunk and its detection ticks in one transaction, so the database can be
 * inspected afterwards. The default replay keeps no store (replay-lean.ts) and writes the same events.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { NormalizedPost, RevoltEvent } from '../../types.js';
import { syncTargets } from '../../store/targets.js';
import { processPosts } from '../../pipeline/process.js';
import { enginePostOf, SteppedDetector } from '../../revolts/detect.js';
import type { RevoltEngine } from '../../revolts/engine.js';
import type { EnginePost } from '../../revolts/key-state.js';
import type { JudgedPosts } from './replay-session.js';

/** What a replay session drives: feed and tick the detector, and bracket a chunk. */
export interface ReplayStages {
  readonly engine: RevoltEngine;
  feed(posts: EnginePost[]): Promise<void>;
  tick(now: number): Promise<RevoltEvent[]>;
  /** Around a chunk and its ticks (and around the tail's ticks). */
  begin(): Promise<void>;
  commit(now: number | null): Promise<void>;
  rollback(): Promise<void>;
}

export class StoredStages implements ReplayStages {
  private readonly targets = new Set<string>();

  private constructor(
    private readonly ctx: AppContext,
    private readonly detector: SteppedDetector,
  ) {}

  static async open(ctx: AppContext): Promise<StoredStages> {
    return new StoredStages(ctx, await SteppedDetector.open(ctx, 0));
  }

  get engine(): RevoltEngine {
    return this.detector.engine;
  }

  /** Ingests and judges a chunk in the open transaction (the clock already at its newest post). */
  async judge(chunk: NormalizedPost[]): Promise<JudgedPosts> {
    const fresh = [...new Set(chunk.map((p) => p.target))].filter((t) => !this.targets.has(t));
    if (fresh.length) {
      await syncTargets(
        this.ctx,
        fresh.map((id) => ({ id, name: id, sources: [] })),
      );
      fresh.forEach((t) => this.targets.add(t));
    }
    const judged = await processPosts(this.ctx, chunk, { inTransaction: true, queue: false });
    return { posts: judged.map((c) => enginePostOf(c.post, c.verdict)), externalIds: judged.map((c) => c.post.externalId) };
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
