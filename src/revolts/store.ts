/**
 * Store I/O for the revolt engine: read classified posts incrementally, write revolt rows, members
 * and state, and keep the engine's cursor in kv. No decisions here.
 */
import type { AppContext } from '../context.js';
import type { Priority } from '../types.js';
import type { EnginePost } from './key-state.js';
import { levelsOf } from './levels.js';
import type { PersistedState } from './engine.js';

export const CURSOR_KEY = 'revolts.cursor';

export interface Cursor {
  /** Highest classified_at consumed. */
  at: number;
}

type Db = AppContext['db'];

/** Verdicts joined with their posts, as the engine reads them (the live detector and the detection shards). */
export function selectPosts(db: Db) {
  return db
    .selectFrom('classifications as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select([
      'p.id', 'p.target_id', 'p.source_id', 'p.author_id', 'p.author_followers', 'p.text', 'p.url', 'p.published_at', 'p.metrics', 'p.lang',
      'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.topics', 'c.escalation', 'c.classified_at',
    ]);
}

export type VerdictRow = {
  id: string; target_id: string; source_id: string; author_id: string; author_followers: number | null; text: string; url: string | null; published_at: number; metrics: string | null; lang: string | null;
  sentiment: string; sentiment_score: number; complaint: number; topics: string; escalation: string; classified_at: number;
};

export function toEnginePost(r: VerdictRow): EnginePost {
  return {
    id: r.id,
    target: r.target_id,
    source: r.source_id,
    author: r.author_id,
    followers: Number(r.author_followers ?? 0),
    text: r.text,
    url: r.url,
    publishedAt: Number(r.published_at),
    metrics: r.metrics ? safeJson(r.metrics, null) : null,
    sentiment: r.sentiment as EnginePost['sentiment'],
    sentimentScore: Number(r.sentiment_score),
    complaint: Number(r.complaint) === 1,
    topics: (safeJson(r.topics, []) as { id: string }[]).map((t) => t.id),
    pillars: levelsOf(safeJson(r.topics, []) as { pillar?: string }[], 'pillar'),
    touchpoints: levelsOf(safeJson(r.topics, []) as { touchpoint?: string }[], 'touchpoint'),
    lang: r.lang ?? null,
    escalation: (safeJson(r.escalation, []) as { id: string }[]).map((e) => e.id),
  };
}

function safeJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

/** Classified posts with classified_at > `after` (or ≥ when `inclusive`), in pages, oldest verdict first. */
export async function* readClassified(db: Db, after: number, opts: { inclusive?: boolean; upTo?: number; publishedFrom?: number; page?: number } = {}): AsyncGenerator<{ posts: EnginePost[]; classifiedAt: number[]; maxAt: number }> {
  const page = opts.page ?? 5000;
  let lastAt = after;
  let lastId = '';
  let first = true;
  for (;;) {
    let q = selectPosts(db);
    if (first) q = q.where('c.classified_at', opts.inclusive ? '>=' : '>', after);
    else q = q.where((eb) => eb.or([eb('c.classified_at', '>', lastAt), eb.and([eb('c.classified_at', '=', lastAt), eb('c.post_id', '>', lastId)])]));
    if (opts.upTo !== undefined) q = q.where('c.classified_at', '<=', opts.upTo);
    if (opts.publishedFrom !== undefined) q = q.where('c.published_at', '>=', opts.publishedFrom);
    const rows = (await q.orderBy('c.classified_at').orderBy('c.post_id').limit(page).execute()) as VerdictRow[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    lastAt = Number(last.classified_at);
    lastId = last.id;
    first = false;
    yield { posts: rows.map(toEnginePost), classifiedAt: rows.map((r) => Number(r.classified_at)), maxAt: lastAt };
    if (rows.length < page) return;
  }
}

export async function readCursor(db: Db): Promise<Cursor | null> {
  const row = await db.selectFrom('kv').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  return row ? (safeJson(row.value, null) as Cursor | null) : null;
}

export async function writeCursor(db: Db, cursor: Cursor, now: number): Promise<void> {
  await db
    .insertInto('kv')
    .values({ key: CURSOR_KEY, value: JSON.stringify(cursor), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(cursor), updated_at: now }))
    .execute();
}

export interface OpenRevoltRow {
  id: string; target: string; targetName: string; key: string; label: string; openedAt: number; updatedAt: number; severity: number; priority: Priority;
  opening: Record<string, unknown>; state: PersistedState; members: EnginePost[];
}

/** Open revolts with their persisted state and member posts (the restart path). */
export async function readOpenRevolts(db: Db): Promise<OpenRevoltRow[]> {
  const rows = await db
    .selectFrom('revolts as r')
    .leftJoin('targets as t', 't.id', 'r.target_id')
    .select(['r.id', 'r.target_id', 'r.key', 'r.label', 'r.opened_at', 'r.updated_at', 'r.severity', 'r.priority', 'r.explain', 'r.state', 't.name'])
    .where('r.stage', '!=', 'resolved')
    .execute();
  const out: OpenRevoltRow[] = [];
  for (const r of rows) {
    const state = r.state ? (safeJson(r.state, null) as PersistedState | null) : null;
    if (!state || state.v !== 1) continue; // a revolt of the first detector: left as it is
    const members = (await selectPosts(db).innerJoin('revolt_posts as rp', 'rp.post_id', 'p.id').where('rp.revolt_id', '=', r.id).orderBy('p.published_at').execute()) as VerdictRow[];
    const explain = safeJson(r.explain, {}) as Record<string, unknown>;
    const { current: _current, keys: _keys, ...opening } = explain;
    out.push({
      id: r.id, target: r.target_id, targetName: r.name ?? r.target_id, key: r.key, label: r.label, openedAt: Number(r.opened_at), updatedAt: Number(r.updated_at),
      severity: Number(r.severity), priority: r.priority as Priority, opening, state, members: members.map(toEnginePost),
    });
  }
  return out;
}

/** Member post ids of revolts resolved at or after `since` (the restart path: they cannot open another revolt yet). */
export async function readResolvedSince(db: Db, since: number): Promise<{ target: string; resolvedAt: number; postIds: string[] }[]> {
  const rows = await db
    .selectFrom('revolts as r')
    .innerJoin('revolt_posts as rp', 'rp.revolt_id', 'r.id')
    .select(['r.id', 'r.target_id', 'r.resolved_at', 'rp.post_id'])
    .where('r.stage', '=', 'resolved')
    .where('r.resolved_at', '>=', since)
    .execute();
  const byId = new Map<string, { target: string; resolvedAt: number; postIds: string[] }>();
  for (const r of rows) {
    let e = byId.get(r.id);
    if (!e) byId.set(r.id, (e = { target: r.target_id, resolvedAt: Number(r.resolved_at), postIds: [] }));
    e.postIds.push(r.post_id);
  }
  return [...byId.values()];
}

export async function insertMembers(ctx: Pick<AppContext, 'db' | 'dialect'>, revoltId: string, ids: string[], at: number): Promise<void> {
  const size = ctx.dialect === 'd1' ? 30 : 300;
  for (let i = 0; i < ids.length; i += size) {
    await ctx.db
      .insertInto('revolt_posts')
      .values(ids.slice(i, i + size).map((post_id) => ({ revolt_id: revoltId, post_id, added_at: at })))
      .onConflict((oc) => oc.columns(['revolt_id', 'post_id']).doNothing())
      .execute();
  }
}
