/** API keys, for admins in the app (the CLI has the same through `backlash keys`). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { wallClockOf } from '../../util/clock.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../principal.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/keys.js';
import { ROLES } from '../../auth/roles.js';
import { writeAudit } from '../../store/audit.js';
import { describe, parseBody } from '../openapi/registry.js';

const KeyBody = z.object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(80).optional() }).strict();
const KeyInfo = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), prefix: z.string(), createdAt: z.number(), createdBy: z.string(), lastUsedAt: z.number().nullable(), revokedAt: z.number().nullable() });

describe('GET', '/api/keys', { summary: 'List API keys (admin; never the keys themselves)', tags: ['access'], response: z.object({ items: z.array(KeyInfo) }) });
describe('POST', '/api/keys', { summary: 'Create an API key (admin); the key is in the answer, once', tags: ['access'], body: KeyBody, response: z.object({ key: z.string(), info: KeyInfo }), errors: [400, 415], status: 201 });
describe('DELETE', '/api/keys/:id', { summary: 'Revoke an API key and end its sessions (admin)', tags: ['access'], response: z.object({ id: z.string(), revoked: z.literal(true) }), errors: [404] });

export function keyRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/keys', async (c) => c.json({ items: await listApiKeys(ctx) }));
  api.post('/keys', async (c) => {
    const body = await parseBody(c, KeyBody);
    const made = await createApiKey(ctx, { role: body.role, name: body.name, createdBy: actorOf(c), now: wallClockOf(ctx).now() });
    await writeAudit(ctx, { at: ctx.clock.now(), actor: actorOf(c), action: 'key.created', entityType: 'api_key', entityId: made.info.id, detail: { role: body.role, name: made.info.name } });
    return c.json(made, 201);
  });
  api.delete('/keys/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await revokeApiKey(ctx, id, wallClockOf(ctx).now()))) throw new HttpError(404, 'not_found', 'no active key with that id');
    await writeAudit(ctx, { at: ctx.clock.now(), actor: actorOf(c), action: 'key.revoked', entityType: 'api_key', entityId: id });
    return c.json({ id, revoked: true });
  });
  return api;
}
