/**
 * createApp(ctx): the Hono app built from its context. Reads no env, opens no port; the entry
 * files (Node, Workers) and the tests call it with the parts they wire.
 */
import { Hono } from 'hono';
import type { AppContext } from './context.js';
import { HttpError } from './http/errors.js';
import { API_ROUTES } from './http/routes/index.js';
import { dashboardPage } from './http/views/dashboard.js';
import { APP_CSS } from './http/views/app-css.js';
import { listPosts, listRevolts } from './http/queries.js';

export interface AppOptions {
  /** Set by the demo runner so the dashboard can say that the clock is simulated. */
  demo?: { speed: number } | null;
  startedAt?: number;
}

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function createApp(ctx: AppContext, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const startedAt = opts.startedAt ?? Date.now();

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', CSP);
    c.header('X-Frame-Options', 'DENY');
  });

  app.get('/health', async (c) => {
    let db = 'ok';
    try {
      await ctx.db.selectFrom('kv').select('key').limit(1).execute();
    } catch {
      db = 'unavailable';
    }
    const body = { status: db === 'ok' ? 'ok' : 'degraded', db, dialect: ctx.dialect, instance: ctx.instanceId, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), demo: Boolean(opts.demo) };
    return c.json(body, db === 'ok' ? 200 : 503);
  });

  app.get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=300' }));

  app.get('/', async (c) => {
    const [open, recent] = await Promise.all([listRevolts(ctx, { status: 'open' }), listPosts(ctx, { limit: 50 })]);
    const demo = opts.demo ? { speed: opts.demo.speed, simulatedNow: ctx.clock.now() } : null;
    return c.html(dashboardPage({ open, recent, demo }));
  });

  for (const routes of API_ROUTES) app.route('/api', routes(ctx));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    ctx.log.error('unhandled error', { path: c.req.path, error: err.message, stack: err.stack });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
