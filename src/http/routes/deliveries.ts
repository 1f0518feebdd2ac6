/** The outbox over HTTP: deliveries by status (dead letters included) and a resend action. */
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../principal.js';
import { resendDelivery } from '../../notify/deliver.js';
import { z } from 'zod';
import { describe } from '../openapi/registry.js';
import { failingDestinationsWithWaiting, getDelivery, listDeliveries } from '../../store/queries/outbox.js';
import { DeliverySchema, DestinationSchema } from '../openapi/schemas.js';

const ListQuery = z.object({ status: z.enum(['pending', 'delivered', 'dead', 'held', 'digested', 'superseded']).optional(), channel: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100).describe('1-500') });
const DeadQuery = ListQuery.omit({ status: true });
describe('GET', '/api/deliveries', { summary: 'Outbox rows by status (pending, delivered, dead, held, digested, superseded) and channel', tags: ['deliveries'], query: ListQuery, response: z.object({ items: z.array(DeliverySchema) }), errors: [400] });
describe('GET', '/api/deliveries/dead', { summary: 'Dead letters: deliveries refused by their destination (a 4xx other than 408, 425, 429) or undelivered at the retryFor horizon', tags: ['deliveries'], query: DeadQuery, response: z.object({ items: z.array(DeliverySchema) }), errors: [400] });
describe('GET', '/api/deliveries/destinations', { summary: 'Destinations that are failing: since when, probes so far, the next probe, the last error and the messages waiting', tags: ['deliveries'], response: z.object({ items: z.array(DestinationSchema) }) });
describe('GET', '/api/deliveries/:id', { summary: 'One delivery with its payload', tags: ['deliveries'], response: DeliverySchema.extend({ payload: z.record(z.string(), z.unknown()).describe('the platform-neutral notice') }), errors: [404] });
describe('POST', '/api/deliveries/:id/resend', { summary: 'Put a dead, delivered or superseded delivery back in line (attempts from zero)', tags: ['deliveries'], response: DeliverySchema, errors: [404, 409] });

const STATUSES = ['pending', 'delivered', 'dead', 'held', 'digested', 'superseded'];
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function deliveriesRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  const view = (r: { id: string; event_id: string; channel: string; kind: string | null; subject: string | null; status: string; attempts: number; next_attempt_at: number; last_error: string | null; last_status: number | null; created_at: number; delivered_at: number | null; digest_id: string | null; severity: number }) => ({
    id: r.id,
    eventId: r.event_id,
    channel: r.channel,
    kind: r.kind,
    subject: r.subject,
    severity: r.severity,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    digest: r.digest_id,
    createdAt: iso(r.created_at),
    deliveredAt: iso(r.delivered_at),
  });
  const list = async (status: string | undefined, channel: string | undefined, limit: number) => {
    return (await listDeliveries(ctx, { status, channel, limit })).map(view);
  };
  const limitOf = (v: string | undefined) => {
    const limit = Number(v ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'bad_request', 'limit: expected an integer 1-500');
    return limit;
  };
  api.get('/deliveries', async (c) => {
    const status = c.req.query('status');
    if (status && !STATUSES.includes(status)) throw new HttpError(400, 'bad_request', `status: expected one of ${STATUSES.join(', ')}`);
    return c.json({ items: await list(status, c.req.query('channel'), limitOf(c.req.query('limit'))) });
  });
  api.get('/deliveries/dead', async (c) => c.json({ items: await list('dead', c.req.query('channel'), limitOf(c.req.query('limit'))) }));
  api.get('/deliveries/destinations', async (c) => {
    const failing = await failingDestinationsWithWaiting(ctx);
    return c.json({
      items: failing.map((d) => ({ channel: d.channel, failingSince: iso(d.failing_since), probes: d.failures, nextProbeAt: iso(d.next_probe_at), lastStatus: d.last_status, lastError: d.last_error, waiting: d.waiting })),
    });
  });
  api.get('/deliveries/:id', async (c) => {
    const r = await getDelivery(ctx, c.req.param('id'));
    if (!r) throw new HttpError(404, 'not_found', 'no such delivery');
    return c.json({ ...view(r), payload: JSON.parse(r.payload) });
  });
  api.post('/deliveries/:id/resend', async (c) => {
    const actor = actorOf(c);
    const exists = await getDelivery(ctx, c.req.param('id'));
    if (!exists) throw new HttpError(404, 'not_found', 'no such delivery');
    if (!(await resendDelivery(ctx, c.req.param('id'), actor))) throw new HttpError(409, 'conflict', `delivery is ${exists.status}: only dead, delivered or superseded deliveries can be resent`);
    const r = await getDelivery(ctx, c.req.param('id'));
    if (!r) throw new HttpError(404, 'not_found', 'no such delivery');
    return c.json(view(r));
  });
  return api;
}
