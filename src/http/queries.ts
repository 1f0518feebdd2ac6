/**
 * Read models for the API and the dashboard: filtered, keyset-paginated lists and detail views,
 * shaped from the rows src/store/queries/ reads.
 */
import type { AppContext } from '../context.js';
import type { Revolt } from '../types.js';
import { toRevolt } from '../revolts/detect.js';
import { countPostRows, selectPostRows, type PostFilter } from '../store/queries/post-list.js';
import { getRevoltRow, revoltMemberIds, selectRevoltRows, type RevoltFilter } from '../store/queries/revolt-list.js';
import { selectQueueRows, type QueueListFilter } from '../store/queries/queue-items.js';

export type { Cursor, PostFilter } from '../store/queries/post-list.js';
export type { RevoltFilter } from '../store/queries/revolt-list.js';
export type QueueFilter = QueueListFilter;

export interface PostView {
  id: string;
  source: string;
  target: string;
  url: string | null;
  author: { id: string; name: string | null; handle: string | null; followers: number | null };
  text: string;
  lang: string | null;
  publishedAt: string;
  classification: null | {
    sentiment: { label: string; score: number };
    complaint: { is: boolean; score: number };
    topics: { id: string; score: number; pillar?: string; touchpoint?: string }[];
    escalation: { id: string; cue?: string }[];
    lang: string;
    model: string;
    explain?: Record<string, unknown> | null;
  };
}

/** How many posts match a filter (limit and cursor ignored). */
export async function countPosts(ctx: AppContext, q: Omit<PostFilter, 'limit' | 'cursor'>): Promise<number> {
  return countPostRows(ctx, q);
}

export async function listPosts(ctx: AppContext, q: PostFilter): Promise<PostView[]> {
  const rows = await selectPostRows(ctx, q);
  return rows.map((r) => ({
    id: r.id,
    source: r.source_id,
    target: r.target_id,
    url: r.url,
    author: { id: r.author_id, name: r.author_name, handle: r.author_handle, followers: r.author_followers },
    text: r.text,
    lang: r.lang,
    publishedAt: new Date(r.published_at).toISOString(),
    classification:
      r.sentiment == null
        ? null
        : {
            sentiment: { label: r.sentiment, score: r.sentiment_score! },
            complaint: { is: r.complaint === 1, score: r.complaint_score! },
            topics: JSON.parse(r.topics!),
            escalation: JSON.parse(r.escalation!),
            lang: r.c_lang!,
            model: r.model_version!,
            ...(q.explain ? { explain: r.explain ? (JSON.parse(r.explain) as Record<string, unknown>) : null } : {}),
          },
  }));
}

export type RevoltView = Revolt & { members: number };

/** Revolts, newest opened first. */
export async function listRevolts(ctx: AppContext, q: RevoltFilter): Promise<RevoltView[]> {
  const rows = await selectRevoltRows(ctx, q);
  const members = await revoltMemberIds(ctx, rows.map((r) => r.id));
  return rows.map((r) => {
    const ids = members.get(r.id) ?? [];
    return { ...toRevolt(r, ids), members: ids.length };
  });
}

export async function getRevolt(ctx: AppContext, id: string): Promise<(Revolt & { posts: PostView[] }) | null> {
  const r = await getRevoltRow(ctx, id);
  if (!r) return null;
  const ids = (await revoltMemberIds(ctx, [id])).get(id) ?? [];
  const posts = await listPosts(ctx, { ids, limit: 500 });
  return { ...toRevolt(r, ids), posts };
}

/** Queue items, newest first. `status=open` means new, claimed or responded. */
export async function listQueue(ctx: AppContext, q: QueueFilter = {}) {
  const rows = await selectQueueRows(ctx, q);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    revoltId: r.revolt_id,
    postId: r.post_id,
    target: r.target_id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    severity: Number(r.severity ?? 0),
    topic: r.topic ?? null,
    lang: r.lang ?? null,
    team: r.team,
    assignee: r.assignee,
    dueFirstResponseAt: r.due_first_response_at ? new Date(r.due_first_response_at).toISOString() : null,
    dueResolveAt: r.due_resolve_at ? new Date(r.due_resolve_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
export type QueueView = Awaited<ReturnType<typeof listQueue>>[number];
