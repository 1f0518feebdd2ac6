/**
 * The dashboard's pages (server-rendered) and sign-in. Pages need a signed-in principal (or the
 * local demo viewer); controls a role cannot use are left out, and the API refuses them anyway.
 */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import { principalOf } from '../principal.js';
import { HttpError } from '../errors.js';
import { listPosts, listRevolts } from '../queries.js';
import { revoltInsight } from '../timeline.js';
import { overview } from '../overview.js';
import { listApiKeys } from '../../auth/keys.js';
import type { AuthOptions } from '../middleware/auth.js';
import { boardPage } from './board.js';
import { apiDocsPage, keysPage, overviewPage, rulesPage, sourcesPage } from './others.js';
import { signinPages } from './signin.js';
import { deskPages } from './desk.js';
import { cxPages } from './cx-routes.js';
import { timeParam } from '../openapi/registry.js';
import { sourceView } from '../routes/sources.js';
import { withPendingCounts } from '../../ingest/source-counts.js';
import type { SourcesTable } from '../../store/schema.js';
import { listSourceRows } from '../../store/queries/sources.js';
import { listTargetIds } from '../../store/queries/targets.js';

export interface PageOptions extends AuthOptions {
  banner: () => string | undefined;
  openApi: () => Record<string, unknown>;
  /** The service clock and its speed, for live countdowns. */
  clock: () => { now: number; speed: number };
}

/** A source as the Sources page lists it: times as epoch ms, secrets in the settings masked (***). */
function sourceRowOf(r: SourcesTable, now: number) {
  const v = sourceView(r, { now });
  const when = (t: string | null | undefined) => (t ? Date.parse(t) : null);
  return {
    id: v.id,
    target: v.target,
    type: v.type,
    enabled: v.enabled,
    status: v.status,
    everyMs: v.everySeconds * 1000,
    lastPollAt: when(v.lastPollAt),
    lastSuccessAt: when(v.lastSuccessAt),
    lastError: v.lastError ? `${v.lastError.code ?? 'error'}: ${v.lastError.reason}` : null,
    lastErrorAt: when(v.lastError?.at),
    nextPollAt: when(v.nextPollAt),
    failures: v.failures,
    postsSeen: v.postsSeen,
    rateLimit: v.rateLimit ? JSON.stringify(v.rateLimit) : null,
    config: JSON.stringify(v.config ?? {}),
  };
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
    const rows = await withPendingCounts(ctx, await listSourceRows(ctx));
    const now = ctx.clock.now();
    return c.html(sourcesPage({ sources: rows.map((r) => sourceRowOf(r, now)), targets: await listTargetIds(ctx), principal, banner: opts.banner() }));
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

  app.route('/', signinPages(ctx, opts));
  return app;
}
