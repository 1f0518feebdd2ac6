/**
 * Dashboard sessions and one-time sign-in links. The cookie and the link carry random tokens; the
 * database holds only their SHA-256, so reading the database does not let anyone sign in.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { randomToken, sha256Hex } from './crypto.js';
import { getActiveKey, type ApiKeyInfo } from './keys.js';

export const SESSION_TTL_MS = 12 * 3_600_000;
export const LINK_TTL_MS = 24 * 3_600_000;

type Db = { db: Kysely<DB> };

export interface Session {
  key: ApiKeyInfo;
  csrf: string;
  expiresAt: number;
}

export async function createSession(ctx: Db, keyId: string, now: number): Promise<{ token: string; csrf: string }> {
  const token = randomToken(43);
  const csrf = randomToken(32);
  await ctx.db.insertInto('sessions').values({ id: await sha256Hex(token), key_id: keyId, csrf, created_at: now, expires_at: now + SESSION_TTL_MS }).execute();
  return { token, csrf };
}

export async function readSession(ctx: Db, token: string, now: number): Promise<Session | null> {
  if (!/^[A-Za-z0-9]{43}$/.test(token)) return null;
  const row = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', await sha256Hex(token)).executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  const key = await getActiveKey(ctx, row.key_id);
  return key ? { key, csrf: row.csrf, expiresAt: row.expires_at } : null;
}

export async function endSession(ctx: Db, token: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', await sha256Hex(token)).execute();
}

export async function createSigninLink(ctx: Db, keyId: string, now: number, ttlMs = LINK_TTL_MS): Promise<string> {
  const token = randomToken(43);
  await ctx.db.insertInto('signin_links').values({ id: await sha256Hex(token), key_id: keyId, created_at: now, expires_at: now + ttlMs, used_at: null }).execute();
  return token;
}

/** Spends a one-time link: returns its key the first time, null ever after (or once expired). */
export async function consumeSigninLink(ctx: Db, token: string, now: number): Promise<ApiKeyInfo | null> {
  if (!/^[A-Za-z0-9]{43}$/.test(token)) return null;
  const id = await sha256Hex(token);
  // the conditional update is the spend: of two concurrent uses, only one updates a row
  const r = await ctx.db.updateTable('signin_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return null;
  const row = await ctx.db.selectFrom('signin_links').select('key_id').where('id', '=', id).executeTakeFirstOrThrow();
  return getActiveKey(ctx, row.key_id);
}
