/**
 * Team corrections → training records. Storage-independent: the HTTP layer stores feedback rows
 * (label_feedback: post_id, text, lang, sentiment?, complaint?, topic?, actor, at); `train
 * --with-feedback` reads them and passes them through here.
 */
import type { TrainingRecord } from './train.js';

export interface LabelFeedback {
  post_id: string;
  text: string;
  lang?: string | null;
  sentiment?: string | null;
  complaint?: boolean | number | null;
  topic?: string | null;
  actor?: string | null;
  at?: number | string | null;
}

export interface FeedbackOptions {
  /** each correction counts this many times: the team's word outweighs one corpus post */
  weight?: number;
}

/** The latest correction of each field per post wins; corrections of different fields merge. */
export function feedbackToRecords(rows: LabelFeedback[], opts: FeedbackOptions = {}): TrainingRecord[] {
  const weight = Math.max(1, Math.round(opts.weight ?? 2));
  const byPost = new Map<string, TrainingRecord & { _at: number[] }>();
  const sorted = [...rows].sort((a, b) => toMs(a.at) - toMs(b.at));
  for (const row of sorted) {
    if (!row.text || !row.post_id) continue;
    const rec = byPost.get(row.post_id) ?? { text: row.text, lang: row.lang ?? undefined, _at: [] };
    if (row.sentiment) rec.sentiment = row.sentiment;
    if (row.complaint !== null && row.complaint !== undefined) rec.complaint = row.complaint === true || row.complaint === 1;
    if (row.topic) rec.topic = row.topic;
    byPost.set(row.post_id, rec);
  }
  const out: TrainingRecord[] = [];
  for (const { _at, ...rec } of byPost.values()) {
    if (!rec.sentiment && rec.complaint === undefined && !rec.topic) continue;
    for (let i = 0; i < weight; i++) out.push({ ...rec });
  }
  return out;
}

function toMs(at: number | string | null | undefined): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at) || 0;
  return 0;
}
