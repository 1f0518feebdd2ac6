/** Small reads of the posts table by name (the lists and detail views live in http/queries.ts). */
import type { AppContext } from '../../context.js';

export async function postText(ctx: Pick<AppContext, 'db'>, id: string): Promise<{ id: string; text: string; lang: string | null } | undefined> {
  return ctx.db.selectFrom('posts').select(['id', 'text', 'lang']).where('id', '=', id).executeTakeFirst();
}

/** The texts of these posts (in no particular order). */
export async function postTexts(ctx: Pick<AppContext, 'db'>, ids: string[]): Promise<{ id: string; text: string }[]> {
  if (!ids.length) return [];
  return ctx.db.selectFrom('posts').select(['id', 'text']).where('id', 'in', ids).execute();
}
