/**
 * Authentication and access control for the API and the pages.
 *  - API keys: `Authorization: Bearer bk_…` (or `X-Api-Key`); no CSRF check (not sent by browsers).
 *  - Dashboard sessions: an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS); every state
 *    change also needs the session's CSRF token in `X-CSRF-Token` (or a `_csrf` form field for
 *    the pages' own forms) and, when the browser sends one, a same-origin `Origin`.
 *  - The built-in demo is readable without signing in, from a loopback address only (and never
 *    through a proxy that forwards for someone else).
 * Wrong keys count as failed sign-ins; too many from one client answer 429 for a while.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import { verifyApiKey } from '../../auth/keys.js';
import { readSession } from '../../auth/sessions.js';
import { blockedFor, recordFailure } from '../../auth/throttle.js';
import { isMutating, isPublic, isSelfAuthenticated, requiredRole, roleAtLeast } from '../../auth/roles.js';
import { safeEqual } from '../../auth/crypto.js';
import { HttpError } from '../errors.js';
import { principalOf, type Principal } from '../principal.js';

export const SESSION_COOKIE = 'backlash_session';

export interface AuthOptions {
  /** The peer address of the connection (set by the runtime entry); null when unknown. */
  clientAddress?: (c: Context) => string | null | undefined;
  /** True when the built-in demo runs: local readers need no key. */
  demo: boolean;
}

export function clientOf(c: Context, opts: AuthOptions): string {
  return opts.clientAddress?.(c) ?? 'unknown';
}

export function isLoopback(addr: string | null | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

function isLocalDirect(c: Context, opts: AuthOptions): boolean {
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded') || c.req.header('x-real-ip')) return false;
  return isLoopback(opts.clientAddress?.(c));
}

export function isHttps(c: Context): boolean {
  return c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https' || new URL(c.req.url).protocol === 'https:';
}

function presentedKey(c: Context): string | null {
  const auth = c.req.header('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1] : auth;
  }
  return c.req.header('x-api-key') ?? null;
}

/** Resolves the principal for every request (null when anonymous); rejects wrong keys. */
export function authenticate(ctx: AppContext, opts: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    let principal: Principal | null = null;
    const now = Date.now();
    const key = presentedKey(c);
    if (key !== null && !isSelfAuthenticated(c.req.path)) {
      const client = clientOf(c, opts);
      const wait = await blockedFor(ctx, client, now);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new HttpError(429, 'too_many_attempts', 'too many failed sign-ins from this address; try again later');
      }
      const info = await verifyApiKey(ctx, key, now);
      if (!info) {
        await recordFailure(ctx, client, now);
        throw new HttpError(401, 'invalid_key', 'the API key is unknown or revoked');
      }
      principal = { keyId: info.id, name: info.name, role: info.role, via: 'key' };
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token ? await readSession(ctx, token, now) : null;
      if (session) principal = { keyId: session.key.id, name: session.key.name, role: session.key.role, via: 'session', csrf: session.csrf };
      else if (opts.demo && isLocalDirect(c, opts)) principal = { keyId: null, name: 'local demo viewer', role: 'viewer', via: 'demo' };
    }
    c.set('principal' as never, principal as never);
    await next();
  };
}

/** Cookie sessions must prove each state change came from our own pages. */
export async function checkCsrf(c: Context, p: Principal): Promise<void> {
  if (p.via !== 'session') return;
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.req.url).origin && origin !== `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host')}`) {
    throw new HttpError(403, 'csrf', 'cross-origin request refused');
  }
  let token = c.req.header('x-csrf-token') ?? '';
  if (!token && (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = await c.req.parseBody();
    token = typeof form._csrf === 'string' ? form._csrf : '';
  }
  if (!p.csrf || !safeEqual(token, p.csrf)) throw new HttpError(403, 'csrf', 'missing or wrong CSRF token');
}

/** Access control for /api/*: 401 without a principal, 403 with too small a role or a bad CSRF token. */
export function requireApiAccess(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (isSelfAuthenticated(path) || isPublic(path)) return next();
    const p = principalOf(c);
    if (!p) throw new HttpError(401, 'unauthorized', 'sign in or send an API key (Authorization: Bearer bk_…)');
    const need = requiredRole(c.req.method, path);
    if (!roleAtLeast(p.role, need)) throw new HttpError(403, 'forbidden', `this needs the ${need} role; you are ${p.role}`);
    if (isMutating(c.req.method)) await checkCsrf(c, p);
    return next();
  };
}
