/**
 * Reading a detection shard's verdicts from the store, in pages, as the revolt engine's posts
 * (src/jobs/detect-shards.ts).
 */
import type { AppContext } from '../context.js';
import type { EnginePost } from '../revolts/key-state.js';
import { levelsOf } from '../revolts/levels.js';

const PAGE = 5000;

type Row = {
  id: string; target_id: string; source_id: string; author_id: string; author_followers: number | null; text: string; url: string | null; published_at: number; metrics: string | null; lang: string | null;
  sentiment: string; sentiment_score: number; complaint: number; topics: string; escalation: string; classified_at: number;
};

function safeJson<T>(s: string | null, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

function toEnginePost(r: Row): EnginePost {
  const topics = safeJson(r.topics, []) as { id: string; pillar?: string; touchpoint?: string }[];
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
    topics: topics.map((t) => t.id),
    pillars: levelsOf(topics, 'pillar'),
    touchpoints: levelsOf(topics, 'touchpoint'),
    lang: r.lang ?? null,
    escalation: (safeJson(r.escalation, []) as { id: string }[]).map((e) => e.id),
  };
}

/** A shard's verdicts with classified_at ≥ `from` (and ≤ upTo), in pages, oldest verdict first. */
export async function* readShard(db: AppContext['db'], targets: string[], from: number, opts: { upTo?: number; publishedFrom?: number } = {}): AsyncGenerator<{ posts: EnginePost[]; classifiedAt: number[] }> {
  if (targets.length === 0) return;
  let lastAt = from;
  let lastId: string | null = null;
  for (;;) {
    let q = db
      .selectFrom('classifications as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select([
        'p.id', 'p.target_id', 'p.source_id', 'p.author_id', 'p.author_followers', 'p.text', 'p.url', 'p.published_at', 'p.metrics', 'p.lang',
        'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.topics', 'c.escalation', 'c.classified_at',
      ])
      .where('c.target_id', 'in', targets);
    const at = lastAt;
    const id = lastId;
    if (id === null) q = q.where('c.classified_at', '>=', at);
    else q = q.where((eb) => eb.or([eb('c.classified_at', '>', at), eb.and([eb('c.classified_at', '=', at), eb('c.post_id', '>', id)])]));
    if (opts.upTo !== undefined) q = q.where('c.classified_at', '<=', opts.upTo);
    if (opts.publishedFrom !== undefined) q = q.where('c.published_at', '>=', opts.publishedFrom);
    const rows = (await q.orderBy('c.classified_at').orderBy('c.post_id').limit(PAGE).execute()) as Row[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    lastAt = Number(last.classified_at);
    lastId = last.id;
    yield { posts: rows.map(toEnginePost), classifiedAt: rows.map((r) => Number(r.classified_at)) };
    if (rows.length < PAGE) return;
  }
}
