/** The posts list behind the API, the dashboard and the CX export: posts with their classification, filtered and keyset-paged. */
import type { AppContext } from '../../context.js';

type Db = Pick<AppContext, 'db'>;

/** Keyset position: the sort value and id of the last row of the page before. */
export type Cursor = { sort: number; id: string } | null;

export interface PostFilter {
  limit: number;
  target?: string;
  ids?: string[];
  topic?: string;
  pillar?: string;
  touchpoint?: string;
  sentiment?: string;
  /** true: complaints only; false: posts that are not complaints */
  complaint?: boolean;
  lang?: string;
  source?: string;
  since?: number;
  until?: number;
  cursor?: Cursor;
  explain?: boolean;
}

/** Topic and pillar filters match inside the JSON the classifier stored (written by JSON.stringify). */
function jsonField(name: string, value: string): string {
  return `%${JSON.stringify(name)}:${JSON.stringify(value)}%`;
}

function postsQuery(ctx: Db, q: PostFilter) {
  let query = ctx.db
    .selectFrom('posts as p')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select([
      'p.id', 'p.source_id', 'p.target_id', 'p.url', 'p.author_id', 'p.author_name', 'p.author_handle', 'p.author_followers', 'p.text', 'p.lang', 'p.published_at',
      'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.complaint_score', 'c.topics', 'c.escalation', 'c.lang as c_lang', 'c.model_version', 'c.explain',
    ])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.limit);
  if (q.target) query = query.where('p.target_id', '=', q.target);
  if (q.source) query = query.where('p.source_id', '=', q.source);
  if (q.ids) query = query.where('p.id', 'in', q.ids);
  if (q.sentiment) query = query.where('c.sentiment', '=', q.sentiment);
  if (q.topic) query = query.where('c.topics', 'like', jsonField('id', q.topic));
  // both: one topic of the post carries both (a cell of the moments-of-truth matrix); the
  // classifier writes each hit as {"id","score","pillar","touchpoint"}, pillar then touchpoint
  if (q.pillar && q.touchpoint) query = query.where('c.topics', 'like', `%${JSON.stringify('pillar')}:${JSON.stringify(q.pillar)},${JSON.stringify('touchpoint')}:${JSON.stringify(q.touchpoint)}%`);
  else if (q.pillar) query = query.where('c.topics', 'like', jsonField('pillar', q.pillar));
  else if (q.touchpoint) query = query.where('c.topics', 'like', jsonField('touchpoint', q.touchpoint));
  if (q.complaint !== undefined) query = query.where('c.complaint', '=', q.complaint ? 1 : 0);
  if (q.lang) query = query.where('c.lang', '=', q.lang);
  if (q.since !== undefined) query = query.where('p.published_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('p.published_at', '<', q.until);
  const cur = q.cursor;
  // a row-value comparison: the same rows as "published before, or at the same time with a smaller
  // id", written so that SQLite and PostgreSQL seek in the (published_at, id) index
  if (cur) query = query.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(cur.sort, cur.id)));
  return query;
}

/** One page of posts joined with their classification (null columns when not classified yet), newest first. */
export async function selectPostRows(ctx: Db, q: PostFilter) {
  if (q.ids && q.ids.length === 0) return [];
  return postsQuery(ctx, q).execute();
}
export type PostRow = Awaited<ReturnType<typeof selectPostRows>>[number];

/** How many posts match a filter (limit and cursor ignored). */
export async function countPostRows(ctx: Db, q: Omit<PostFilter, 'limit' | 'cursor'>): Promise<number> {
  if (q.ids && q.ids.length === 0) return 0;
  const r = await postsQuery(ctx, { ...q, limit: 1 }).clearSelect().clearOrderBy().clearLimit().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}
