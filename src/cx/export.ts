/**
 * Exports of posts, revolts and cases as CSV or JSONL, streamed: each pull of the response stream
 * reads the next page from the database (keyset pagination), so a year of data never sits in
 * memory, and a slow client slows the reads down instead of filling a buffer.
 *
 * CSV follows RFC 4180 (fields with a comma, quote or line break are quoted, quotes doubled). Post
 * text is attacker-controlled: a cell that starts with =, +, -, @, tab or carriage return gets a
 * leading ' so that spreadsheets show it as text instead of running it as a formula.
 */
import type { AppContext } from '../context.js';
import { listPosts, type PostView } from '../http/queries.js';
import { knownTopics } from '../http/topics.js';
import { selectRevoltRows } from '../store/queries/revolt-list.js';
import { queueItemPage } from '../store/queries/queue-items.js';

export const EXPORT_PAGE = 1000;
export type ExportKind = 'posts' | 'revolts' | 'cases';
export type ExportFormat = 'csv' | 'jsonl';

export interface ExportFilter {
  target?: string;
  since?: number;
  until?: number;
  pillar?: string;
  topic?: string;
  lang?: string;
}

type Row = Record<string, string | number | boolean | null>;
type Cursor = { sort: number; id: string } | null;

export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const COLUMNS: Record<ExportKind, string[]> = {
  posts: ['id', 'publishedAt', 'target', 'source', 'authorId', 'authorHandle', 'lang', 'sentiment', 'sentimentScore', 'complaint', 'topics', 'pillars', 'touchpoints', 'url', 'text'],
  revolts: ['id', 'target', 'key', 'label', 'stage', 'severity', 'priority', 'openedAt', 'updatedAt', 'resolvedAt'],
  cases: ['id', 'kind', 'target', 'title', 'status', 'priority', 'severity', 'team', 'assignee', 'topic', 'lang', 'revoltId', 'postId', 'createdAt', 'dueFirstResponseAt', 'firstRespondedAt', 'dueResolveAt', 'resolvedAt'],
};

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(Number(t)).toISOString());
const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].join(' ');

function postRow(p: PostView): Row {
  const c = p.classification;
  return {
    id: p.id, publishedAt: p.publishedAt, target: p.target, source: p.source, authorId: p.author.id, authorHandle: p.author.handle, lang: c?.lang ?? p.lang,
    sentiment: c?.sentiment.label ?? null, sentimentScore: c?.sentiment.score ?? null, complaint: c ? c.complaint.is : null,
    topics: uniq(c?.topics.map((t) => t.id) ?? []), pillars: uniq(c?.topics.map((t) => t.pillar) ?? []), touchpoints: uniq(c?.topics.map((t) => t.touchpoint) ?? []), url: p.url, text: p.text,
  };
}

/** One page of rows after `cursor`, newest first, and the cursor after it (null at the end). */
async function page(ctx: AppContext, kind: ExportKind, f: ExportFilter, cursor: Cursor, size: number): Promise<{ rows: Row[]; next: Cursor }> {
  if (kind === 'posts') {
    const ps = await listPosts(ctx, { target: f.target, since: f.since, until: f.until, pillar: f.pillar, topic: f.topic, lang: f.lang, cursor, limit: size });
    const last = ps[ps.length - 1];
    return { rows: ps.map(postRow), next: ps.length === size ? { sort: Date.parse(last.publishedAt), id: last.id } : null };
  }
  if (kind === 'revolts') {
    const rs = await selectRevoltRows(ctx, { status: 'all', target: f.target, since: f.since, until: f.until, key: f.topic, pillar: f.pillar, cursor: cursor ?? undefined, limit: size });
    const last = rs[rs.length - 1];
    return {
      rows: rs.map((r) => ({ id: r.id, target: r.target_id, key: r.key, label: r.label, stage: r.stage, severity: Math.round(Number(r.severity)), priority: r.priority, openedAt: iso(r.opened_at), updatedAt: iso(r.updated_at), resolvedAt: iso(r.resolved_at) })),
      next: rs.length === size ? { sort: Number(last.opened_at), id: last.id } : null,
    };
  }
  const topics = f.pillar ? (knownTopics(ctx) ?? []).filter((t) => t.pillar === f.pillar).map((t) => t.id) : undefined;
  const rs = await queueItemPage(ctx, { target: f.target, since: f.since, until: f.until, topic: f.topic, lang: f.lang, topics, cursor, limit: size });
  const last = rs[rs.length - 1];
  return {
    rows: rs.map((r) => ({
      id: r.id, kind: r.kind, target: r.target_id, title: r.title, status: r.status, priority: r.priority, severity: Math.round(Number(r.severity ?? 0)), team: r.team, assignee: r.assignee, topic: r.topic, lang: r.lang,
      revoltId: r.revolt_id, postId: r.post_id, createdAt: iso(r.created_at), dueFirstResponseAt: iso(r.due_first_response_at), firstRespondedAt: iso(r.first_responded_at), dueResolveAt: iso(r.due_resolve_at), resolvedAt: iso(r.resolved_at),
    })),
    next: rs.length === size ? { sort: Number(last.created_at), id: last.id } : null,
  };
}

function render(kind: ExportKind, format: ExportFormat, rows: Row[]): string {
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(r) + '\n').join('');
  return rows.map((r) => COLUMNS[kind].map((c) => csvCell(r[c])).join(',') + '\r\n').join('');
}

/** The export as a byte stream, one database page per pull. */
export function exportStream(ctx: AppContext, kind: ExportKind, format: ExportFormat, f: ExportFilter, pageSize = EXPORT_PAGE): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: Cursor = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started && format === 'csv') controller.enqueue(enc.encode(COLUMNS[kind].join(',') + '\r\n'));
        started = true;
        if (done) return controller.close();
        const p = await page(ctx, kind, f, cursor, pageSize);
        if (p.rows.length) controller.enqueue(enc.encode(render(kind, format, p.rows)));
        cursor = p.next;
        if (!cursor) {
          done = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
