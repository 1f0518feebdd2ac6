/**
 * Retention: raw payloads (posts.raw) go after `retention.raw`; what the dashboards need for the
 * long run is folded into daily_counts first (per day, target, topic and sentiment), incrementally.
 *
 * Folding claims classifications with a guarded update (counted 0 → 1) and adds only what it
 * claimed, inside one transaction on SQLite and PostgreSQL: exact, even with several instances and
 * crashes. D1 has no interactive transactions: there the claim comes first, so a crash between the
 * two statements can under-count a batch, never double-count it.
 */
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../store/schema.js';
import { pruneThrottle } from '../auth/throttle.js';
import { wallClockOf } from '../util/clock.js';

const FOLD_BATCH = 2_000;
const ALL_TOPICS = ''; // the row that counts every post once, whatever its topics

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface Counted {
  target_id: string;
  sentiment: string;
  complaint: number;
  topics: string;
  published_at: number;
}

/** Pure: claimed classifications → daily_counts increments. */
export function aggregate(rows: Counted[], now: number) {
  const acc = new Map<string, { day: string; target_id: string; topic: string; sentiment: string; posts: number; complaints: number; updated_at: number }>();
  for (const r of rows) {
    const day = utcDay(r.published_at);
    let topics: string[] = [];
    try {
      topics = [...new Set((JSON.parse(r.topics) as { id: string }[]).map((t) => t.id))];
    } catch {
      // an unreadable topics column still counts in the all-topics row
    }
    for (const topic of [ALL_TOPICS, ...topics]) {
      const k = `${day}\u0000${r.target_id}\u0000${topic}\u0000${r.sentiment}`;
      const cur = acc.get(k) ?? { day, target_id: r.target_id, topic, sentiment: r.sentiment, posts: 0, complaints: 0, updated_at: now };
      cur.posts += 1;
      cur.complaints += r.complaint ? 1 : 0;
      acc.set(k, cur);
    }
  }
  return [...acc.values()];
}

async function foldOnce(db: Kysely<DB>, dialect: AppContext['dialect'], now: number, limit: number): Promise<number> {
  let pick = db.selectFrom('classifications').select('post_id').where('counted', '=', 0).orderBy('classified_at').limit(limit);
  if (dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const claimed = await db
    .updateTable('classifications')
    .set({ counted: 1 })
    .where('post_id', 'in', pick)
    .where('counted', '=', 0)
    .returning(['target_id', 'sentiment', 'complaint', 'topics', 'published_at'])
    .execute();
  const rows = aggregate(claimed, now);
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('daily_counts')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['day', 'target_id', 'topic', 'sentiment']).doUpdateSet({
          posts: sql`daily_counts.posts + excluded.posts`,
          complaints: sql`daily_counts.complaints + excluded.complaints`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .execute();
  }
  return claimed.length;
}

/** Folds up to `limit` newly classified posts into daily_counts; returns how many. */
export async function foldDailyCounts(ctx: Pick<AppContext, 'db' | 'dialect' | 'clock'>, limit = FOLD_BATCH): Promise<number> {
  const now = ctx.clock.now();
  if (ctx.dialect === 'd1') return foldOnce(ctx.db, ctx.dialect, now, limit);
  return ctx.db.transaction().execute((trx) => foldOnce(trx, ctx.dialect, now, limit));
}

/**
 * Drops raw payloads of classified posts fetched before now − retention.raw, one bounded batch.
 * Only classified posts: an unclassified post may still need its payload.
 */
export async function pruneRawPayloads(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<number> {
  const cutoff = ctx.clock.now() - ctx.config.retention.raw;
  const batch = ctx.db
    .selectFrom('posts')
    .select('id')
    .where('classified', '=', 1)
    .where('fetched_at', '<', cutoff)
    .where('raw', 'is not', null)
    .limit(ctx.config.retention.batch);
  const res = await ctx.db.updateTable('posts').set({ raw: null }).where('id', 'in', batch).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The retention job's tick: fold first (aggregates never depend on raw, but order keeps it obvious). */
export async function retentionTick(ctx: Pick<AppContext, 'db' | 'dialect' | 'clock' | 'wallClock' | 'config'>): Promise<{ folded: number; pruned: number }> {
  const folded = await foldDailyCounts(ctx);
  const pruned = await pruneRawPayloads(ctx);
  // sign-in throttling runs on wall-clock time (like sessions), whatever clock the pipeline uses
  await pruneThrottle(ctx, wallClockOf(ctx).now());
  return { folded, pruned };
}
