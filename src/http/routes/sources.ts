/**
 * GET /api/sources: each source's poll state (status, last success, last error with its reason,
 * next poll, posts seen, rate limit). Admins add or change a source with PUT /api/sources/:id and ask
 * for an immediate poll with POST /api/sources/:id/poll (the auth policy makes mutations admin-only).
 */
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { SourcesTable } from '../../store/schema.js';
import { HttpError } from '../errors.js';
import { sourceConfigSchema } from '../../config/schema.js';
import { formatIssues } from '../../util/validated-yaml.js';

const iso = (t: number | null) => (t === null || t === undefined ? null : new Date(Number(t)).toISOString());
const SECRET_KEYS = /secret|password|token|authorization/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '***' : redact(v)]));
  return value;
}

export function sourceView(r: SourcesTable) {
  const parse = (s: string | null) => {
    try {
      return s ? JSON.parse(s) : null;
    } catch {
      return null;
    }
  };
  return {
    id: r.id,
    target: r.target_id,
    type: r.type,
    enabled: r.enabled === 1,
    everySeconds: Math.round(Number(r.every_ms) / 1000),
    status: r.enabled === 1 ? r.status : 'disabled',
    lastPollAt: iso(r.last_poll_at),
    lastSuccessAt: iso(r.last_success_at),
    lastError: r.last_error ? { code: r.error_code, reason: r.last_error, at: iso(r.last_error_at) } : null,
    failures: r.failures,
    nextPollAt: r.type === 'push' ? null : iso(r.next_poll_at),
    postsSeen: Number(r.posts_seen),
    rateLimit: parse(r.rate_limit),
    polling: r.lease_until !== null && Number(r.lease_until) > Date.now(),
    config: redact(parse(r.config)),
  };
}

export function sourcesRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/sources', async (c) => {
    let q = ctx.db.selectFrom('sources').selectAll().orderBy('target_id').orderBy('id');
    const target = c.req.query('target');
    if (target) q = q.where('target_id', '=', target);
    const rows = await q.execute();
    return c.json({ items: rows.map(sourceView) });
  });
  api.get('/sources/:id', async (c) => {
    const r = await ctx.db.selectFrom('sources').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!r) throw new HttpError(404, 'not_found', 'no such source');
    return c.json(sourceView(r));
  });
  api.put('/sources/:id', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || typeof body.target !== 'string') throw new HttpError(400, 'bad_request', 'expected a JSON object with "target" and the source keys');
    const { target, ...keys } = body;
    const t = await ctx.db.selectFrom('targets').select('id').where('id', '=', target).executeTakeFirst();
    if (!t) throw new HttpError(404, 'not_found', `no target "${target}"`);
    const parsed = sourceConfigSchema.safeParse({ ...keys, id: c.req.param('id') });
    if (!parsed.success) throw new HttpError(422, 'invalid_source', formatIssues(parsed.error.issues, () => null).join('; '));
    const { id, type, every, enabled, ...rest } = parsed.data;
    const now = ctx.clock.now();
    const config = JSON.stringify(rest);
    await ctx.db
      .insertInto('sources')
      .values({ id, target_id: target, type, config, every_ms: every, enabled: enabled ? 1 : 0, status: 'idle', next_poll_at: now, posts_seen: 0, failures: 0, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ target_id: target, type, config, every_ms: every, enabled: enabled ? 1 : 0, next_poll_at: now, updated_at: now }))
      .execute();
    const r = await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return c.json(sourceView(r));
  });
  api.post('/sources/:id/poll', async (c) => {
    const res = await ctx.db.updateTable('sources').set({ next_poll_at: ctx.clock.now() }).where('id', '=', c.req.param('id')).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new HttpError(404, 'not_found', 'no such source');
    return c.json({ ok: true, queued: true }, 202);
  });
  return api;
}
