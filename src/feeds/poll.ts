/**
 * One poll of one source: lease → cursor → fetch → ingest → save cursor. The cursor, validators and
 * counters are written in one UPDATE after the posts are stored, so a crash at any point re-reads
 * (and dedupes) rather than skips. A failure changes only status, error and next poll time.
 */
import type { AppContext } from '../context.js';
import type { SourcesTable } from '../store/schema.js';
import { processPostsGrouped } from '../pipeline/group-commit.js';
import { FetchError } from './http.js';
import { SOURCES, isSourceType } from './sources/index.js';
import type { FeedRuntime } from './runtime.js';
import type { FetchResult, PollState } from './types.js';
import { claimRow } from '../store/claims.js';
import { nextAfterFailure, nextAfterSuccess } from './schedule.js';

export interface PollOutcome {
  source: string;
  status: 'ok' | 'not_modified' | 'backoff' | 'failing' | 'skipped';
  newPosts: number;
  fetched: number;
  error?: string;
}

type Ctx = AppContext;

const parseJsonOr = (s: string | null, fallback: unknown) => {
  if (s === null) return fallback;
  try {
    return JSON.parse(s);
  } catch {
    return fallback;
  }
};

/** Claims the source for this process until the lease ends; false when another process holds it. */
async function claim(ctx: Ctx, id: string, now: number): Promise<boolean> {
  return claimRow(ctx, {
    table: 'sources',
    key: 'id',
    id,
    leaseColumn: 'lease_until',
    ownerColumn: 'lease_owner',
    owner: ctx.instanceId,
    reclaimOwn: true,
    where: (eb) => eb('enabled', '=', 1),
    now,
    leaseMs: ctx.config.polling.lease,
  });
}

export async function pollSource(ctx: Ctx, rt: FeedRuntime, id: string): Promise<PollOutcome> {
  const started = ctx.clock.now();
  if (!(await claim(ctx, id, started))) return { source: id, status: 'skipped', newPosts: 0, fetched: 0 };
  const row = await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const random = rt.random ?? Math.random;
  try {
    const result = await fetchSource(ctx, rt, row, started);
    const fresh = result.posts.length ? await processPostsGrouped(ctx, result.posts) : [];
    const now = ctx.clock.now();
    await ctx.db
      .updateTable('sources')
      .set({
        status: 'ok',
        failures: 0,
        last_success_at: now,
        last_poll_at: now,
        // posts_seen is added to in the transaction that stores the posts (countNewPosts): a re-read
        // after a crash (posts stored, cursor not) stores nothing new and adds nothing
        ...(result.cursor !== undefined ? { cursor: JSON.stringify(result.cursor) } : {}),
        ...(result.notModified ? {} : { etag: result.etag ?? null, last_modified: result.lastModified ?? null }),
        rate_limit: result.rateLimit ? JSON.stringify(result.rateLimit) : null,
        next_poll_at: nextAfterSuccess(now, row.every_ms, ctx.config.polling.jitter, random(), result.rateLimit),
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    ctx.bus.publish({ topic: 'source', id, type: 'polled', at: now });
    return { source: id, status: result.notModified ? 'not_modified' : 'ok', newPosts: fresh.length, fetched: result.posts.length };
  } catch (err) {
    const e = toFetchError(err);
    const now = ctx.clock.now();
    const failures = row.failures + 1;
    const status = e.retryable ? 'backoff' : 'failing';
    const retryAt = e.retryAfterMs !== undefined ? { retryAfterAt: now + e.retryAfterMs } : null;
    await ctx.db
      .updateTable('sources')
      .set({
        status,
        failures,
        last_error: e.message.slice(0, 1000),
        last_error_at: now,
        error_code: e.code,
        last_poll_at: now,
        ...(retryAt ? { rate_limit: JSON.stringify(retryAt) } : {}),
        next_poll_at: nextAfterFailure(now, row.every_ms, failures, e, random()),
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    ctx.log.warn('source poll failed', { source: id, code: e.code, error: e.message, failures });
    ctx.bus.publish({ topic: 'source', id, type: 'failed', at: now });
    return { source: id, status, newPosts: 0, fetched: 0, error: e.message };
  }
}

function toFetchError(err: unknown): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as Error;
  // Anything else is a bug or a document shape no source expected: report it on the source, slowly.
  return new FetchError('parse', `unexpected error: ${e?.message ?? String(err)}`.slice(0, 500));
}

async function fetchSource(ctx: Ctx, rt: FeedRuntime, row: SourcesTable, now: number): Promise<FetchResult> {
  if (!isSourceType(row.type)) throw new FetchError('config', `unknown source type "${row.type}"`);
  const impl = SOURCES[row.type];
  if (!impl.fetch) throw new FetchError('config', `${row.type} sources are not polled`);
  const parsed = impl.schema.safeParse(parseJsonOr(row.config, {}));
  if (!parsed.success) throw new FetchError('config', `invalid config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(source)'}: ${i.message}`).join('; ')}`);
  const state: PollState = { cursor: parseJsonOr(row.cursor, null), etag: row.etag, lastModified: row.last_modified };
  const result = await impl.fetch({
    http: rt.http,
    limits: rt.limits,
    now,
    log: ctx.log,
    source: { id: row.id, target: row.target_id, type: row.type },
    config: parsed.data,
    state,
  });
  // A source only speaks for itself: whatever it returned is filed under this source and target.
  for (const p of result.posts) {
    p.source = row.id;
    p.target = row.target_id;
  }
  return result;
}
