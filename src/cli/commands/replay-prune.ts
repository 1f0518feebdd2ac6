/**
 * Replay's store in bounded space: a throwaway replay database keeps only what the pipeline can
 * still read. Posts (with their verdicts and revolt memberships) written more than the
 * duplicate-link window plus a day ago are deleted once a simulated day, so a replay of a month or
 * of 10M posts runs in space that stops growing (the freed pages are reused). The detector never
 * reads them back (replay feeds it directly). With --db FILE nothing is pruned: the file is kept to
 * be inspected.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { LINK_WINDOW_MS } from '../../ingest/recent-texts.js';

const KEEP_MS = LINK_WINDOW_MS + 86_400_000;
const PRUNE_EVERY_MS = 86_400_000;

export class ReplayPruner {
  /** rowid high-water marks of posts and verdicts, with the clock time they were written at */
  private readonly marks: { at: number; post: number; verdict: number }[] = [];
  private nextPrune = -Infinity;

  constructor(private readonly ctx: AppContext) {}

  /** After each chunk: note where the tables stand, and once a simulated day delete what is older than KEEP_MS. */
  async afterChunk(): Promise<void> {
    const { ctx } = this;
    const now = ctx.clock.now();
    const { rows } = await sql<{ post: number | null; verdict: number | null }>`select (select max(rowid) from posts) as post, (select max(rowid) from classifications) as verdict`.execute(ctx.db);
    this.marks.push({ at: now, post: Number(rows[0]?.post ?? 0), verdict: Number(rows[0]?.verdict ?? 0) });
    if (!Number.isFinite(this.nextPrune)) this.nextPrune = now + PRUNE_EVERY_MS;
    if (now < this.nextPrune) return;
    this.nextPrune = now + PRUNE_EVERY_MS;
    let old: (typeof this.marks)[number] | undefined;
    while (this.marks.length && this.marks[0].at < now - KEEP_MS) old = this.marks.shift();
    if (!old) return;
    await sql`begin`.execute(ctx.db);
    await sql`delete from revolt_posts where post_id in (select id from posts where rowid <= ${old.post})`.execute(ctx.db);
    const gone = await sql`delete from posts where rowid <= ${old.post}`.execute(ctx.db);
    await sql`delete from classifications where rowid <= ${old.verdict}`.execute(ctx.db);
    await sql`delete from source_count_deltas`.execute(ctx.db);
    await sql`commit`.execute(ctx.db);
    const mem = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 1048576);
    ctx.log.debug('replay pruned', { posts: Number(gone.numAffectedRows ?? 0), before: new Date(old.at).toISOString(), rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed), heapTotalMb: mb(mem.heapTotal), externalMb: mb(mem.external) });
  }
}
