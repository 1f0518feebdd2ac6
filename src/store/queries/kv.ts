/** The kv table by name: small values the service remembers between ticks (e.g. the last weekly report sent). */
import type { AppContext } from '../../context.js';

type Db = Pick<AppContext, 'db'>;

export async function readKv(ctx: Db, key: string): Promise<string | null> {
  return (await ctx.db.selectFrom('kv').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

export async function writeKv(ctx: Db, key: string, value: string, now: number): Promise<void> {
  await ctx.db.insertInto('kv').values({ key, value, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now })).execute();
}
