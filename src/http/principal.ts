/**
 * Who is making this request. The auth middleware (middleware/auth.ts) stores the principal on the
 * Hono context; route handlers ask `actorOf(c)` for the name to write into the audit log and onto
 * queue actions, and `principalOf(c)` for the role.
 */
import type { Context } from 'hono';
import type { Role } from '../auth/roles.js';

export interface Principal {
  /** The API key behind the request (directly or through a session); null for the local demo viewer. */
  keyId: string | null;
  /** The key's name: what audit entries and queue actions record as the actor. */
  name: string;
  role: Role;
  via: 'key' | 'session' | 'demo';
  /** The session's CSRF token (only for cookie sessions). */
  csrf?: string;
}

export type AuthEnv = { Variables: { principal: Principal | null } };

export function principalOf(c: Context): Principal | null {
  return (c.get('principal' as never) as Principal | null | undefined) ?? null;
}

/** The actor recorded for this request's actions: the authenticated key's name. */
export function actorOf(c: Context): string {
  const p = principalOf(c);
  return p ? p.name : 'anonymous';
}
