/**
 * Authentication and access control for the API and the pages.
 *  - API keys: `Authorization: Bearer bk_…` (or `X-Api-Key`); no CSRF check (not sent by browsers).
 *  - Dashboard sessions: an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS); every state
 *    change also needs the session's CSRF token in `X-CSRF-Token` (or a `_csrf` form field for
 *    the pages' own forms) and, when the browser sends one, a same-origin `Origin`.
 *  - The built-in demo is readable without signing in, from a loopback address only (and never
 *    through a proxy that forwards for someone else).
 * Wrong keys count as failed sign-ins, per key and address and per address (src/auth/throttle.ts):
 * too many answer 429 for a while, but a key that verifies is never refused for others' failures.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import { wallClockOf } from '../../util/clock.js';
import { verifyApiKey } from '../../auth/keys.js';
import { readSession } from '../../auth/sessions.js';
import { blockedFor, credentialBucket, failCredential } from '../../auth/throttle.js';
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
  /** `server.trustedProxyHeader`: the header a reverse proxy in front of every request sets to the client's address. */
  trustedProxyHeader?: string | null;
}

/**
 * The address a trusted proxy wrote: the last entry of a list (the one that proxy appended; entries
 * before it came from the client and can be forged), `for=` of `Forwarded`, without port or brackets.
 */
export function forwardedClient(value: string | undefined, header: string): string | null {
  if (!value) return null;
  let v = value.split(',').pop()!.trim();
  if (header.toLowerCase() === 'forwarded') v = /(?:^|;)\s*for\s*=\s*("?)([^";]*)\1/i.exec(v)?.[2] ?? '';
  v = v.replace(/^\[([^\]]*)\](?::\d+)?$/, '$1').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  return v && v.length <= 100 && !/^unknown$/i.test(v) ? v : null;
}

/** The client behind a request: the trusted proxy's header when configured, else the connection's peer. */
export function clientOf(c: Context, opts: AuthOptions): string {
  if (opts.trustedProxyHeader) {
    const v = forwardedClient(c.req.header(opts.trustedProxyHeader), opts.trustedProxyHeader);
    if (v) return v;
  }
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
    const now = wallClockOf(ctx).now();
    const key = presentedKey(c);
    const client = clientOf(c, opts);
    c.set('client' as never, client as never); // routes that authenticate on their own (push) throttle by it too
    if (key !== null && !isSelfAuthenticated(c.req.path)) {
      const bucket = await credentialBucket('key', key, client);
      const wait = await blockedFor(ctx, bucket, now);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new HttpError(429, 'too_many_attempts', 'this key failed too often from this address; try again later');
      }
      // a key that verifies is never refused for other keys' failures, from this address or any other
      const info = await verifyApiKey(ctx, key, now);
      if (!info) {
        const v = await failCredential(ctx, bucket, client, now);
        if (v.status === 429) {
          c.header('Retry-After', String(v.retryAfterS));
          throw new HttpError(429, 'too_many_attempts', 'too many failed sign-ins from this address; try again later');
        }
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

/** The client address the auth middleware resolved for this request (trusted proxy header or peer). */
export function requestClient(c: Context): string {
  return (c.get('client' as never) as string | undefined) ?? 'unknown';
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
