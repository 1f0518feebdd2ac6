/** Targets (the brands and products watched): everyone reads, admins add and rename. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf } from '../principal.js';
import { writeAudit } from '../../store/audit.js';
import { describe, parseBody } from '../openapi/registry.js';
import { listTargetsWithSourceCounts, saveTarget } from '../../store/queries/targets.js';

const TargetBody = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'expected an id of letters, digits, ".", "_" or "-"'), name: z.string().trim().min(1).max(120) }).strict();

describe('GET', '/api/targets', { summary: 'Targets with their number of sources', tags: ['targets'], response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.number(), sources: z.number() })) }) });
describe('POST', '/api/targets', { summary: 'Add or rename a target (admin)', tags: ['targets'], body: TargetBody, response: z.object({ id: z.string(), name: z.string() }), errors: [400, 415], status: 201 });

export function targetRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/targets', async (c) => {
    const rows = await listTargetsWithSourceCounts(ctx);
    return c.json({ items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, sources: t.sources })) });
  });
  api.post('/targets', async (c) => {
    const body = await parseBody(c, TargetBody);
    const now = ctx.clock.now();
    await saveTarget(ctx, body, now);
    await writeAudit(ctx, { at: now, actor: actorOf(c), action: 'target.saved', entityType: 'target', entityId: body.id, detail: { name: body.name } });
    return c.json({ id: body.id, name: body.name }, 201);
  });
  return api;
}
