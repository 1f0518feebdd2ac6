/**
 * Reads classifications page by page in (published_at, post_id) order, so an aggregate over a year
 * of posts holds one page in memory, never the whole range.
 */
import type { AppContext } from '../context.js';
import { classificationPage } from '../store/queries/classifications.js';

export const SCAN_PAGE = 2000;

export interface ClassRow {
  post_id: string;
  target_id: string;
  sentiment: string;
  complaint: number;
  topics: string;
  published_at: number;
}

export interface ScanFilter {
  from: number;
  to: number;
  target?: string;
  complaintOnly?: boolean;
}

export async function* scanClassifications(ctx: Pick<AppContext, 'db'>, f: ScanFilter, pageSize = SCAN_PAGE): AsyncGenerator<ClassRow[]> {
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const rows: ClassRow[] = (await classificationPage(ctx, f, after, pageSize)).map((r) => ({ ...r, published_at: Number(r.published_at), complaint: Number(r.complaint) }));
    if (rows.length) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { at: last.published_at, id: last.post_id };
  }
}

/** The distinct (pillar, touchpoint, topic) hits of a stored topics JSON. */
export function hitsOf(topicsJson: string): { id: string; pillar?: string; touchpoint?: string }[] {
  try {
    const v = JSON.parse(topicsJson) as unknown;
    return Array.isArray(v) ? (v as { id: string; pillar?: string; touchpoint?: string }[]) : [];
  } catch {
    return [];
  }
}
