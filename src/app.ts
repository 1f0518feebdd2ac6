/**
 * createApp(ctx): the Hono app built from its context. Reads no env, opens no port; the entry
 * files (Node, Workers) and the tests call it with the parts they wire.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from './context.js';
import { wallClockOf } from './util/clock.js';
import { HttpError } from './http/errors.js';
import { API_ROUTES } from './http/routes/index.js';
import { APP_CSS } from './http/views/app-css.js';
import { APP_JS, BOARD_JS, CX_CHART_JS, DESK_JS, REVOLT_CHART_JS, UPLOT_CSS } from './http/assets/generated/client.js';
import { authenticate, requireApiAccess } from './http/middleware/auth.js';
import { pageRoutes } from './http/pages/index.js';
import { apiRoutesOf, buildOpenApi } from './http/openapi/document.js';
import { describe } from './http/openapi/registry.js';

export interface AppOptions {
  /** Set by the demo runner so the dashboard can say that the clock is simulated. */
  demo?: { speed: number } | null;
  startedAt?: number;
  /** The connection's peer address, from the runtime (the local-demo rule and sign-in throttling use it). */
  clientAddress?: (c: Context) => string | null | undefined;
  /** Version shown in the OpenAPI document. */
  version?: string;
}

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const ASSETS: Record<string, [string, string]> = {
  'app.css': [APP_CSS, 'text/css; charset=utf-8'],
  'app.js': [APP_JS, 'text/javascript; charset=utf-8'],
  'board.js': [BOARD_JS, 'text/javascript; charset=utf-8'],
  'desk.js': [DESK_JS, 'text/javascript; charset=utf-8'],
  'revolt-chart.js': [REVOLT_CHART_JS, 'text/javascript; charset=utf-8'],
  'cx-chart.js': [CX_CHART_JS, 'text/javascript; charset=utf-8'],
  'uplot.css': [UPLOT_CSS, 'text/css; charset=utf-8'],
};

describe('GET', '/api/openapi.json', { summary: 'This document (OpenAPI 3.1)', tags: ['meta'], response: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }) });

export function createApp(ctx: AppContext, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const startedAt = opts.startedAt ?? wallClockOf(ctx).now();
  const auth = { demo: Boolean(opts.demo), clientAddress: opts.clientAddress, trustedProxyHeader: ctx.config.server?.trustedProxyHeader ?? null };

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, and
    // the CSRF check needs the real origin. Other sites still get no referrer.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Content-Security-Policy', CSP);
    c.header('X-Frame-Options', 'DENY');
    if ((c.res.headers.get('content-type') ?? '').startsWith('text/html')) c.header('Cache-Control', 'no-store');
  });

  app.get('/health', async (c) => {
    let db = 'ok';
    try {
      await ctx.db.selectFrom('kv').select('key').limit(1).execute();
    } catch {
      db = 'unavailable';
    }
    const body = { status: db === 'ok' ? 'ok' : 'degraded', db, dialect: ctx.dialect, instance: ctx.instanceId, uptimeSeconds: Math.round((wallClockOf(ctx).now() - startedAt) / 1000), demo: Boolean(opts.demo) };
    return c.json(body, db === 'ok' ? 200 : 503);
  });

  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) throw new HttpError(404, 'not_found', 'no such asset');
    return c.body(asset[0], 200, { 'Content-Type': asset[1], 'Cache-Control': 'max-age=300' });
  });

  app.use('*', authenticate(ctx, auth));
  app.use('/api/*', requireApiAccess());

  let openApi: Record<string, unknown> | null = null;
  const openApiDoc = () => (openApi ??= buildOpenApi(apiRoutesOf(app.routes), { version: opts.version ?? '0.1.0' }));
  const banner = () => (opts.demo ? `Built-in demo: made-up brands, simulated clock at ${opts.demo.speed}× (now ${new Date(ctx.clock.now()).toISOString().replace('T', ' ').slice(0, 16)} UTC). Configure targets in backlash.config.yaml to watch real feeds.` : undefined);

  app.route('/', pageRoutes(ctx, { ...auth, banner, openApi: openApiDoc, clock: () => ({ now: ctx.clock.now(), speed: opts.demo?.speed ?? 1 }) }));
  for (const routes of API_ROUTES) app.route('/api', routes(ctx));
  app.get('/api/openapi.json', (c) => c.json(openApiDoc()));

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    ctx.log.error('unhandled error', { path: c.req.path, error: err.message, stack: err.stack });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
