/**
 * A helpdesk webhook (replies.helpdesk in the config) for posts whose network cannot be answered in
 * place (RSS, app stores, push sources…): the reply, the post and the case as JSON, signed like a
 * webhook channel (Standard Webhooks: webhook-id is the reply's id, the same on every attempt, so
 * the helpdesk can drop a repeat). Its answer may name the ticket: `{ "id", "url" }`.
 */
import type { Publisher } from '../types.js';
import { PublishError } from '../types.js';
import { sign } from '../../notify/providers/webhook.js';
import { call, failure, str } from './http.js';

export const helpdesk: Publisher = {
  maxLength: 10_000,
  missing: () => null,
  async publish(req) {
    if (!req.helpdesk) throw new PublishError(false, null, 'no helpdesk webhook configured (replies.helpdesk in backlash.config.yaml)');
    const body = JSON.stringify({
      type: 'reply.requested',
      timestamp: new Date(req.now).toISOString(),
      data: { reply: { id: req.reply.id, text: req.reply.text, lang: req.reply.lang }, post: req.post, case: req.item },
    });
    const timestamp = Math.floor(req.now / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': req.reply.id, 'webhook-timestamp': String(timestamp), 'idempotency-key': req.reply.id };
    if (req.helpdesk.secret) headers['webhook-signature'] = await sign(req.helpdesk.secret, req.reply.id, timestamp, body);
    const a = await call(req, req.helpdesk.url, { method: 'POST', headers, body });
    if (a.status < 200 || a.status > 299) throw failure(a, 'helpdesk webhook');
    let ticket: { id?: unknown; url?: unknown } = {};
    try {
      ticket = a.text ? (JSON.parse(a.text) as typeof ticket) : {};
    } catch {
      // any 2xx is a hand-over; a body is optional
    }
    return { ok: true, status: a.status, remoteId: ticket.id === undefined ? null : String(ticket.id), remoteUrl: str(ticket.url) };
  },
};
