/**
 * API keys: `bk_` + 40 random letters. Only the SHA-256 of a key is stored, so a leaked database
 * does not leak keys; the key is shown once, when it is created.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { newId } from '../util/ids.js';
import { randomToken, sha256Hex } from './crypto.js';
import type { Role } from './roles.js';

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

type Db = { db: Kysely<DB> };

const LAST_USED_RESOLUTION_MS = 60_000;

function toInfo(r: DB['api_keys'] extends infer T ? { [K in keyof T]: T[K] } : never): ApiKeyInfo {
  return { id: r.id, name: r.name, role: r.role as Role, prefix: r.prefix, createdAt: r.created_at, createdBy: r.created_by, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

export async function createApiKey(ctx: Db, opts: { role: Role; name?: string; createdBy: string; now: number }): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = 'bk_' + randomToken(40);
  const id = newId('k_');
  const row = { id, name: opts.name?.trim() || `${opts.role}-${id.slice(2, 8)}`, role: opts.role, hash: await sha256Hex(key), prefix: key.slice(0, 9), created_at: opts.now, created_by: opts.createdBy, last_used_at: null, revoked_at: null };
  await ctx.db.insertInto('api_keys').values(row).execute();
  return { key, info: toInfo(row) };
}

export async function listApiKeys(ctx: Db): Promise<ApiKeyInfo[]> {
  const rows = await ctx.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toInfo);
}

export async function countActiveKeys(ctx: Db): Promise<number> {
  const r = await ctx.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Revokes a key and ends its sessions. Returns false when no active key has that id. */
export async function revokeApiKey(ctx: Db, id: string, now: number): Promise<boolean> {
  const r = await ctx.db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  await ctx.db.deleteFrom('sessions').where('key_id', '=', id).execute();
  await ctx.db.deleteFrom('signin_links').where('key_id', '=', id).execute();
  return Number(r.numUpdatedRows) > 0;
}

export async function getActiveKey(ctx: Db, id: string): Promise<ApiKeyInfo | null> {
  const r = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return r ? toInfo(r) : null;
}

/** The active key matching `key`, or null. Notes when it was last used (at most once a minute). */
export async function verifyApiKey(ctx: Db, key: string, now: number): Promise<ApiKeyInfo | null> {
  if (!/^bk_[A-Za-z0-9]{40}$/.test(key)) return null;
  const r = await ctx.db.selectFrom('api_keys').selectAll().where('hash', '=', await sha256Hex(key)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!r) return null;
  if (r.last_used_at == null || now - r.last_used_at > LAST_USED_RESOLUTION_MS) await ctx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', r.id).execute();
  return toInfo(r);
}
