/**
 * The dashboard's pages (server-rendered) and sign-in. Pages need a signed-in principal (or the
 * local demo viewer); controls a role cannot use are left out, and the API refuses them anyway.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import { principalOf } from '../principal.js';
import { HttpError } from '../errors.js';
import { listPosts, listRevolts } from '../queries.js';
import { revoltInsight } from '../timeline.js';
import { overview } from '../overview.js';
import { listApiKeys, verifyApiKey } from '../../auth/keys.js';
import { consumeSigninLink, createSession, endSession, SESSION_TTL_MS } from '../../auth/sessions.js';
import { blockedFor, credentialBucket, failCredential } from '../../auth/throttle.js';
import { checkCsrf, clientOf, isHttps, SESSION_COOKIE, type AuthOptions } from '../middleware/auth.js';
import { boardPage } from './board.js';
import { apiDocsPage, keysPage, overviewPage, rulesPage, signinPage, sourcesPage } from './others.js';
import { deskPages } from './desk.js';
import { cxPages } from './cx-routes.js';
import { timeParam } from '../openapi/registry.js';
import { sourceView } from '../routes/sources.js';
import { withPendingCounts } from '../../ingest/source-counts.js';

export interface PageOptions extends AuthOptions {
  banner: () => string | undefined;
  openApi: () => Record<string, unknown>;
  /** The service clock and its speed, for live countdowns. */
  clock: () => { now: number; speed: number };
}

function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[A-Za-z0-9/_?=&.%-]*$/.test(next) ? next : '/';
}

function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/', maxAge: Math.floor(SESSION_TTL_MS / 1000) });
}

export function pageRoutes(ctx: AppContext, opts: PageOptions): Hono {
  const app = new Hono();
  const gate = async (c: Context, need: 'viewer' | 'admin' = 'viewer') => {
    const p = principalOf(c);
    if (!p) return null;
    if (need === 'admin' && p.role !== 'admin') throw new HttpError(403, 'forbidden', 'this page needs the admin role');
    return p;
  };
  const toSignin = (c: Context) => c.redirect(`/signin?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);

  app.get('/', async (c) => {
    const principal = await gate(c);
    if (!principal) return toSignin(c);
    const [open, recent] = await Promise.all([listRevolts(ctx, { status: 'open', limit: 50 }), listPosts(ctx, { limit: 50 })]);
    open.sort((a, b) => b.severity - a.severity || b.openedAt - a.openedAt);
    const withInsight = await Promise.all(open.map(async (r) => ({ ...r, insight: await revoltInsight(ctx, r) })));
    return c.html(boardPage({ open: withInsight, recent, banner: opts.banner(), principal }));
  });

  app.route('/', cxPages(ctx, { gate: (c) => gate(c), toSignin, banner: opts.banner }));
  app.route('/', deskPages(ctx, { gate: (c) => gate(c), toSignin, banner: opts.banner, clock: opts.clock }));

  app.get('/sources', async (c) => {
    const principal = await gate(c);
    if (!principal) return toSignin(c);
    const rows = await withPendingCounts(ctx, await ctx.db.selectFrom('sources').selectAll().orderBy('target_id').orderBy('id').execute());
    const targets = (await ctx.db.selectFrom('targets').select('id').orderBy('id').execute()).map((t) => t.id);
    const sources = rows.map((s) => {
      const v = sourceView(s); // secrets in the settings come back as ***
      const when = (t: string | null | undefined) => (t ? Date.parse(t) : null);
      return { id: v.id, target: v.target, type: v.type, enabled: v.enabled, status: v.status, everyMs: v.everySeconds * 1000, lastPollAt: when(v.lastPollAt), lastSuccessAt: when(v.lastSuccessAt), lastError: v.lastError ? `${v.lastError.code ?? 'error'}: ${v.lastError.reason}` : null, lastErrorAt: when(v.lastError?.at), nextPollAt: when(v.nextPollAt), failures: v.failures, postsSeen: v.postsSeen, rateLimit: v.rateLimit ? JSON.stringify(v.rateLimit) : null, config: JSON.stringify(v.config ?? {}) };
    });
    return c.html(sourcesPage({ sources, targets, principal, banner: opts.banner() }));
  });

  app.get('/rules', async (c) => {
    const principal = await gate(c);
    if (!principal) return toSignin(c);
    const files = ctx.ruleFiles ? await ctx.ruleFiles() : [];
    return c.html(rulesPage({ files, classifier: ctx.classifier().version, principal, banner: opts.banner() }));
  });

  app.get('/overview', async (c) => {
    const principal = await gate(c);
    if (!principal) return toSignin(c);
    const since = timeParam.safeParse(c.req.query('since'));
    const until = timeParam.safeParse(c.req.query('until'));
    const o = await overview(ctx, { since: since.success ? since.data : undefined, until: until.success ? until.data : undefined, target: c.req.query('target') || undefined });
    return c.html(overviewPage({ o, principal, banner: opts.banner() }));
  });

  app.get('/keys', async (c) => {
    const principal = await gate(c, 'admin');
    if (!principal) return toSignin(c);
    return c.html(keysPage({ keys: await listApiKeys(ctx), principal }));
  });

  app.get('/docs/api', (c) => c.html(apiDocsPage(opts.openApi() as never, principalOf(c))));

  app.get('/signin', (c) => c.html(signinPage({ next: safeNext(c.req.query('next')) })));

  app.post('/signin', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin && origin !== `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host')}`) throw new HttpError(403, 'csrf', 'cross-origin sign-in refused');
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const client = clientOf(c, opts);
    const now = Date.now();
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
    const now = Date.now();
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
    return c.html('<!doctype html><meta charset="utf-8"><title>Signed in · Backlash</title><link rel="stylesheet" href="/assets/app.css"><main><p>Signed in. <a href="/">Continue to the dashboard</a>.</p></main>');
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
