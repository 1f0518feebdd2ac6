/**
 * GET /api/sources: each source's poll state (status, last success, last error with its reason,
 * next poll, posts seen, rate limit). Admins add or change a source with PUT /api/sources/:id and ask
 * for an immediate poll with POST /api/sources/:id/poll (the auth policy makes mutations admin-only).
 */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import type { SourcesTable } from '../../store/schema.js';
import { HttpError } from '../errors.js';
import { sourceConfigSchema } from '../../config/schema.js';
import { formatIssues } from '../../util/validated-yaml.js';
import { z } from 'zod';
import { describe } from '../openapi/registry.js';
import { SourceBodySchema, SourceSchema } from '../openapi/schemas.js';
import { writeAudit } from '../../store/audit.js';
import { actorOf, principalOf } from '../principal.js';
import { maskConfig, maskUrlsInText, restoreMasked } from '../secrets.js';
import { withPendingCounts } from '../../ingest/source-counts.js';
import { getSourceRow, getSourceSettings, listSourceRows, requestPoll, upsertSource } from '../../store/queries/sources.js';
import { targetExists } from '../../store/queries/targets.js';

const SourcesQuery = z.object({ target: z.string().optional().describe('only this target'), reveal: z.enum(['true', 'false', '1', '0']).optional().describe('admins only: secrets in the clear (audited); 403 for other roles') });
const RevealQuery = SourcesQuery.pick({ reveal: true });
describe('GET', '/api/sources', { summary: 'Every source with its poll state; secrets masked unless an admin asks', tags: ['sources'], query: SourcesQuery, response: z.object({ items: z.array(SourceSchema) }), errors: [400] });
describe('GET', '/api/sources/:id', { summary: 'One source with its poll state; secrets masked unless an admin asks', tags: ['sources'], query: RevealQuery, response: SourceSchema, errors: [400, 404] });
describe('PUT', '/api/sources/:id', {
  summary: 'Add or change a source (admin), with the same keys and checks as the config file',
  description: 'Adding a source needs "target"; changing one may leave it out. A missing source without a target, or an unknown target, is 404; keys the source type refuses are 422.',
  tags: ['sources'],
  body: SourceBodySchema,
  response: SourceSchema,
  errors: [400, 404, 422],
});
describe('POST', '/api/sources/:id/poll', { summary: 'Poll a source now (admin)', tags: ['sources'], status: 202, response: z.object({ ok: z.literal(true), queued: z.literal(true) }), errors: [404] });

const iso = (t: number | null) => (t === null || t === undefined ? null : new Date(Number(t)).toISOString());
const parse = (s: string | null) => {
  try {
    return s ? JSON.parse(s) : null;
  } catch {
    return null;
  }
};

/** A source as the API and the Sources page show it at `now` (ctx.clock); secrets masked unless `reveal` (admins who ask). */
export function sourceView(r: SourcesTable, opts: { reveal?: boolean; now: number }) {
  const reveal = opts.reveal === true;
  return {
    id: r.id,
    target: r.target_id,
    type: r.type,
    enabled: r.enabled === 1,
    everySeconds: Math.round(Number(r.every_ms) / 1000),
    status: r.enabled === 1 ? r.status : 'disabled',
    lastPollAt: iso(r.last_poll_at),
    lastSuccessAt: iso(r.last_success_at),
    lastError: r.last_error ? { code: r.error_code, reason: reveal ? r.last_error : maskUrlsInText(r.last_error), at: iso(r.last_error_at) } : null,
    failures: r.failures,
    nextPollAt: r.type === 'push' ? null : iso(r.next_poll_at),
    postsSeen: Number(r.posts_seen),
    rateLimit: parse(r.rate_limit),
    polling: r.lease_until !== null && Number(r.lease_until) > opts.now,
    config: reveal ? parse(r.config) : maskConfig(parse(r.config)),
  };
}

/**
 * `?reveal=true`: the secrets in the clear, for admins only (and written to the audit log); every
 * other reader, admins who do not ask included, gets them masked.
 */
async function wantsReveal(ctx: AppContext, c: Context, ids: string[]): Promise<boolean> {
  const q = c.req.query('reveal');
  if (q === undefined || q === 'false' || q === '0') return false;
  if (q !== 'true' && q !== '1') throw new HttpError(400, 'bad_request', 'reveal: expected true or false');
  const p = principalOf(c);
  if (!p || p.role !== 'admin') throw new HttpError(403, 'forbidden', 'only admins may reveal source credentials');
  await writeAudit(ctx, { at: ctx.clock.now(), actor: actorOf(c), action: 'source.reveal', entityType: 'source', entityId: ids.length === 1 ? ids[0] : '*', detail: { sources: ids.slice(0, 100) } });
  return true;
}

export function sourcesRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/sources', async (c) => {
    const rows = await withPendingCounts(ctx, await listSourceRows(ctx, { target: c.req.query('target') }));
    const reveal = await wantsReveal(ctx, c, rows.map((r) => r.id));
    const now = ctx.clock.now();
    return c.json({ items: rows.map((r) => sourceView(r, { reveal, now })) });
  });
  api.get('/sources/:id', async (c) => {
    const found = await getSourceRow(ctx, c.req.param('id'));
    if (!found) throw new HttpError(404, 'not_found', 'no such source');
    const [r] = await withPendingCounts(ctx, [found]);
    return c.json(sourceView(r, { reveal: await wantsReveal(ctx, c, [r.id]), now: ctx.clock.now() }));
  });
  api.put('/sources/:id', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'expected a JSON object with the source keys (and "target" to add a source)');
    const { target: givenTarget, ...sent } = body;
    if (givenTarget !== undefined && typeof givenTarget !== 'string') throw new HttpError(400, 'bad_request', '"target": expected a target id');
    const stored = await getSourceSettings(ctx, c.req.param('id'));
    // a change may leave out the target; adding a source needs one
    if (!stored && givenTarget === undefined) throw new HttpError(404, 'not_found', `no source "${c.req.param('id')}" (to add it, send its "target" too)`);
    const target = givenTarget ?? stored!.target_id;
    if (!(await targetExists(ctx, target))) throw new HttpError(404, 'not_found', `no target "${target}"`);
    // settings read masked and sent back: the masked secrets keep their stored values
    const keys = stored && stored.type === sent.type ? (restoreMasked(sent, parse(stored.config)) as Record<string, unknown>) : sent;
    const parsed = sourceConfigSchema.safeParse({ ...keys, id: c.req.param('id') });
    if (!parsed.success) throw new HttpError(422, 'invalid_source', formatIssues(parsed.error.issues, () => null).join('; '));
    const { id, type, every, enabled, ...rest } = parsed.data;
    const now = ctx.clock.now();
    const r = await upsertSource(ctx, { id, target, type, config: JSON.stringify(rest), everyMs: every, enabled }, now);
    return c.json(sourceView(r, { now }));
  });
  api.post('/sources/:id/poll', async (c) => {
    if (!(await requestPoll(ctx, c.req.param('id'), ctx.clock.now()))) throw new HttpError(404, 'not_found', 'no such source');
    return c.json({ ok: true, queued: true }, 202);
  });
  return api;
}
