/**
 * Group commit on the live path: pushes (and polls) that arrive within a few milliseconds of each
 * other are stored, judged and committed in one transaction instead of one each. A commit is the
 * dearest step of a small push (the WAL write, a round trip and the row locks on PostgreSQL), so
 * sharing it lets one instance take many more concurrent pushes.
 *
 * A batch waits at most `maxWaitMs` for company, or less once `maxPosts` posts are pending (kept
 * small on SQLite: a group blocks the event loop while it is judged and written, so smaller groups
 * keep the latency of the requests waiting behind it short); while a
 * group is being written the next one gathers. Each caller gets its own result: the posts of its
 * batch that were new, in its order (a post in two concurrent batches is new to the first only,
 * as if they had run one after the other). If the group's transaction fails, each batch is written
 * again on its own, so one caller's failure is its own. D1 (no interactive transactions) and a
 * context without a batcher write each batch directly.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost } from '../types.js';
import type { Classified } from '../classify/stage.js';
import type { RecentEntry } from '../ingest/recent-texts.js';
import { rawPostId } from '../ingest/ingest.js';
import { afterCommit, markSourcesOk, processPosts, storeAndJudge } from './process.js';

export interface GroupCommitOptions {
  /** Longest a batch waits for others (ms). */
  maxWaitMs: number;
  /** Flush as soon as this many posts are pending. */
  maxPosts: number;
  /** Groups written at once (1 on SQLite: one writer anyway). */
  maxInFlight: number;
}

interface Pending {
  posts: NormalizedPost[];
  /** Sources to mark healthy once stored (a push was accepted). */
  markOk: string[];
  resolve(r: Classified[]): void;
  reject(e: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private queuedPosts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = 0;
  private readonly markedAt = new Map<string, number>();
  /** Groups written so far and the batches they held (for tests and the bench). */
  readonly stats = { groups: 0, batches: 0 };

  constructor(
    private readonly ctx: AppContext,
    readonly opts: GroupCommitOptions,
  ) {}

  /** Stores and judges `posts` with whatever else is pending; resolves with those of them that were new. */
  submit(posts: NormalizedPost[], markOk: string[] = []): Promise<Classified[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ posts, markOk, resolve, reject });
      this.queuedPosts += posts.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.inFlight >= this.opts.maxInFlight) return;
    if (this.queuedPosts >= this.opts.maxPosts) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.opts.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0 || this.inFlight >= this.opts.maxInFlight) return;
    const group = this.queue;
    this.queue = [];
    this.queuedPosts = 0;
    this.inFlight++;
    void this.write(group).finally(() => {
      this.inFlight--;
      this.schedule();
    });
  }

  private async write(group: Pending[]): Promise<void> {
    const ctx = this.ctx;
    this.stats.groups++;
    this.stats.batches += group.length;
    const now = ctx.clock.now();
    const learned: RecentEntry[] | undefined = ctx.recentTexts ? [] : undefined;
    let classified: Classified[];
    try {
      const all = group.flatMap((p) => p.posts);
      classified = await ctx.db.transaction().execute((trx) => storeAndJudge({ ...ctx, db: trx }, all, { atomic: true, learned }));
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      // one batch may be what failed: write each on its own, each caller with its own outcome
      for (const p of group) await this.writeAlone(p);
      return;
    }
    if (learned?.length) ctx.recentTexts!.remember(learned);
    await this.markHealthy(group.flatMap((p) => p.markOk), now);
    // each new post belongs to the first batch that carried it
    const owner = new Map<string, number>();
    group.forEach((p, i) => {
      for (const raw of p.posts) {
        const id = rawPostId(raw);
        if (!owner.has(id)) owner.set(id, i);
      }
    });
    const results: Classified[][] = group.map(() => []);
    for (const c of classified) results[owner.get(c.post.id) ?? 0].push(c);
    for (let i = 0; i < group.length; i++) {
      try {
        await afterCommit(ctx, results[i]);
        group[i].resolve(results[i]);
      } catch (err) {
        group[i].reject(err);
      }
    }
  }

  /**
   * A pushed source is healthy: recorded after the commit, on its own, at most once a second per
   * source and instance, so pushes to one source never queue on its row (the row lock on PostgreSQL).
   */
  private async markHealthy(sources: string[], now: number): Promise<void> {
    const due = [...new Set(sources)].filter((id) => (this.markedAt.get(id) ?? -Infinity) <= now - MARK_EVERY_MS);
    if (due.length === 0) return;
    for (const id of due) this.markedAt.set(id, now);
    try {
      await markSourcesOk(this.ctx, due, now);
    } catch (err) {
      for (const id of due) this.markedAt.delete(id);
      this.ctx.log.warn('recording a push source as healthy failed', { sources: due, error: (err as Error).message });
    }
  }

  private async writeAlone(p: Pending): Promise<void> {
    const ctx = this.ctx;
    try {
      const now = ctx.clock.now();
      const learned: RecentEntry[] | undefined = ctx.recentTexts ? [] : undefined;
      const classified = await ctx.db.transaction().execute((trx) => storeAndJudge({ ...ctx, db: trx }, p.posts, { atomic: true, learned }));
      if (learned?.length) ctx.recentTexts!.remember(learned);
      await this.markHealthy(p.markOk, now);
      await afterCommit(ctx, classified);
      p.resolve(classified);
    } catch (err) {
      p.reject(err);
    }
  }
}

const MARK_EVERY_MS = 1_000;

export const DEFAULT_GROUP_COMMIT: Record<'sqlite' | 'postgres', GroupCommitOptions> = {
  sqlite: { maxWaitMs: 4, maxPosts: 150, maxInFlight: 1 },
  postgres: { maxWaitMs: 4, maxPosts: 500, maxInFlight: 3 },
};

const committers = new WeakMap<AppContext, GroupCommitter | null>();

/** The context's committer (one per context, made on first use); null on D1 or when turned off. */
export function groupCommitterOf(ctx: AppContext): GroupCommitter | null {
  if (ctx.dialect === 'd1') return null;
  let g = committers.get(ctx);
  if (g === undefined) committers.set(ctx, (g = new GroupCommitter(ctx, DEFAULT_GROUP_COMMIT[ctx.dialect])));
  return g;
}

/** Turns group commit off (each batch its own transaction) or back on for a context: the bench's A/B. */
export function setGroupCommit(ctx: AppContext, on: boolean): void {
  if (on) committers.delete(ctx);
  else committers.set(ctx, null);
}

/**
 * Stores, judges and queues one batch through the context's group commit (processPosts on D1), then
 * marks the `markOk` sources healthy (status ok, last success now; at most once a second per source
 * and instance). Resolves with the batch's new posts.
 */
export async function processPostsGrouped(ctx: AppContext, posts: NormalizedPost[], markOk: string[] = []): Promise<Classified[]> {
  const g = groupCommitterOf(ctx);
  if (g) return g.submit(posts, markOk);
  const fresh = posts.length ? await processPosts(ctx, posts) : [];
  if (markOk.length) await markSourcesOk(ctx, markOk, ctx.clock.now());
  return fresh;
}
