/**
 * Mastodon: POST /api/v1/statuses with in_reply_to_id, as the account of the source's accessToken
 * (scope write:statuses). The reply's id goes in the Idempotency-Key header: Mastodon keeps it an
 * hour and answers a repeat with the status it already made, so a retry after a lost answer does
 * not post twice.
 */
import type { Publisher } from '../types.js';
import { base, call, failure, str } from './http.js';

export const mastodon: Publisher = {
  maxLength: 500,
  missing: (s) => (str(s.accessToken) ? null : 'accessToken (a token with the write:statuses scope)'),
  async publish(req) {
    const instance = base(req.source.instance, '');
    const a = await call(req, `${instance}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${str(req.source.accessToken)}`, 'content-type': 'application/json', 'idempotency-key': req.reply.id },
      body: JSON.stringify({ status: req.reply.text, in_reply_to_id: req.post.externalId, visibility: 'public', ...(req.reply.lang ? { language: req.reply.lang } : {}) }),
    });
    if (a.status < 200 || a.status > 299) throw failure(a, 'Mastodon statuses');
    const s = a.json<{ id?: unknown; url?: unknown; uri?: unknown }>();
    return { ok: true, status: a.status, remoteId: s.id === undefined ? null : String(s.id), remoteUrl: str(s.url) ?? str(s.uri) };
  },
};
