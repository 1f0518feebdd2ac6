/**
 * First start: no keys exist, so nobody could sign in. Create one admin key and a one-time sign-in
 * link, once per database (a kv marker decides, so two instances starting together make one key).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { createApiKey } from './keys.js';
import { createSigninLink } from './sessions.js';

const MARKER = 'auth.first-admin';

export async function bootstrapFirstAdmin(ctx: { db: Kysely<DB> }, now: number): Promise<{ key: string; keyId: string; linkToken: string } | null> {
  const existing = await ctx.db.selectFrom('api_keys').select('id').limit(1).execute();
  if (existing.length) return null;
  const won = await ctx.db.insertInto('kv').values({ key: MARKER, value: String(now), updated_at: now }).onConflict((oc) => oc.column('key').doNothing()).returning('key').execute();
  if (!won.length) return null;
  const made = await createApiKey(ctx, { role: 'admin', name: 'first-admin', createdBy: 'first start', now });
  const linkToken = await createSigninLink(ctx, made.info.id, now);
  return { key: made.key, keyId: made.info.id, linkToken };
}

export function firstStartMessage(baseUrl: string, made: { key: string; linkToken: string }): string {
  const link = `${baseUrl.replace(/\/$/, '')}/signin/link/${made.linkToken}`;
  return [
    '',
    '    Backlash: first start, so an admin API key was created. It is shown this once.',
    '',
    `    Sign in (one-time link, valid 24 h):  ${link}`,
    `    Admin API key:                        ${made.key}`,
    '',
    '    Make more keys with `backlash keys create --role viewer|agent|admin`.',
    '',
  ].join('\n');
}
