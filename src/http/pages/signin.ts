/**
 * Sign-in and sign-out: with an API key (POST /signin), with a one-time link (GET /signin/link/:token),
 * and out (POST /signout). Failed attempts are throttled per client address and credential.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import { wallClockOf } from '../../util/clock.js';
import { principalOf } from '../principal.js';
import { HttpError } from '../errors.js';
import { verifyApiKey } from '../../auth/keys.js';
import { consumeSigninLink, createSession, endSession, SESSION_TTL_MS } from '../../auth/sessions.js';
import { blockedFor, credentialBucket, failCredential } from '../../auth/throttle.js';
import { checkCsrf, clientOf, isHttps, SESSION_COOKIE, type AuthOptions } from '../middleware/auth.js';
import { signinPage } from './others.js';

function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[A-Za-z0-9/_?=&.%-]*$/.test(next) ? next : '/';
}

function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) });
}

export function signinPages(ctx: AppContext, opts: AuthOptions): Hono {
  const app = new Hono();
  app.get('/signin', (c) => c.html(signinPage({ next: safeNext(c.req.query('next')) })));

  app.post('/signin', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin && origin !== `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host')}`)
      throw new HttpError(403, 'csrf', 'cross-origin sign-in refused');
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const client = clientOf(c, opts);
    const now = wallClockOf(ctx).now();
    const presented = typeof form.key === 'string' ? form.key.trim() : '';
    const bucket = await credentialBucket('key', presented, client);
    const wait = await blockedFor(ctx, bucket, now);
    const tooMany = (s: number) => {
      c.header('Retry-After', String(s));
      return c.html(signinPage({ next, error: 'Too many failed sign-ins from this address. Try again later.' }), 429);
    };
    if (wait > 0) return tooMany(Math.ceil(wait / 1000));
    // a key that verifies signs in whatever others have failed from this address
    const key = presented ? await verifyApiKey(ctx, presented, now) : null;
    if (!key) {
      const v = await failCredential(ctx, bucket, client, now);
      if (v.status === 429) return tooMany(v.retryAfterS!);
      return c.html(signinPage({ next, error: 'That key is unknown or revoked.' }), 401);
    }
    setSessionCookie(c, (await createSession(ctx, key.id, now)).token);
    return c.redirect(next, 303);
  });

  app.get('/signin/link/:token', async (c) => {
    const now = wallClockOf(ctx).now();
    const client = clientOf(c, opts);
    const token = c.req.param('token');
    const bucket = await credentialBucket('link', token, client);
    const tooMany = () => c.html(signinPage({ next: '/', error: 'Too many failed sign-ins from this address. Try again later.' }), 429);
    if ((await blockedFor(ctx, bucket, now)) > 0) return tooMany();
    const key = await consumeSigninLink(ctx, token, now);
    if (!key) {
      if ((await failCredential(ctx, bucket, client, now)).status === 429) return tooMany();
      return c.html(signinPage({ next: '/', error: 'That sign-in link was already used or has expired. Sign in with a key.' }), 401);
    }
    setSessionCookie(c, (await createSession(ctx, key.id, now)).token);
    // A page rather than a redirect: a SameSite=Strict cookie set during a navigation that came from
    // elsewhere (a terminal, a mail) is not sent on that navigation's redirect, but is on the next one.
    c.header('Refresh', '0; url=/');
    return c.html(
      '<!doctype html><meta charset="utf-8"><title>Signed in · Backlash</title><link rel="stylesheet" href="/assets/app.css"><main><p>Signed in. <a href="/">Continue to the dashboard</a>.</p></main>',
    );
  });

  app.post('/signout', async (c) => {
    const p = principalOf(c);
    if (p?.via === 'session') {
      await checkCsrf(c, p);
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await endSession(ctx, token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Strict' });
    return c.redirect('/signin', 303);
  });
  return app;
}
