/** Node only: read the team's label corrections from the database's label_feedback table. */
import { sql } from 'kysely';
import { openDb } from './open-db.js';
import type { LabelFeedback } from '../classify/feedback.js';

export async function readFeedback(opts: { sqlitePath: string; databaseUrl?: string }): Promise<{ rows: LabelFeedback[]; note?: string }> {
  const opened = await openDb(opts);
  try {
    const result = await sql<LabelFeedback>`select post_id, text, lang, sentiment, complaint, topic, actor, at from label_feedback`.execute(opened.db);
    return { rows: result.rows };
  } catch (e) {
    const msg = (e as Error).message;
    if (/no such table|does not exist/i.test(msg)) return { rows: [], note: `${opened.where} has no label_feedback table yet: no corrections to add` };
    throw e;
  } finally {
    await opened.close();
  }
}
