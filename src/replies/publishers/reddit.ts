/**
 * Reddit: POST /api/comment (api_type=json, thing_id = the post's fullname) on oauth.reddit.com,
 * as the account of a "script" app (password grant with the source's clientId, clientSecret,
 * username and password). Reddit has no idempotency key: a retry first looks through the account's
 * newest comments for this reply (same parent, same text) and reports it sent when it is there.
 */
import type { Publisher, PublishRequest } from '../types.js';
import { PublishError } from '../types.js';
import { base, call, failure, str } from './http.js';

const TOKENS = new Map<string, { token: string; until: number }>();

async function token(req: PublishRequest, fresh = false): Promise<string> {
  const key = `${req.post.source}|${str(req.source.username)}`;
  const cached = TOKENS.get(key);
  if (cached && !fresh && cached.until > req.now + 60_000) return cached.token;
  const basic = btoa(`${str(req.source.clientId)}:${str(req.source.clientSecret)}`);
  const body = new URLSearchParams({ grant_type: 'password', username: str(req.source.username) ?? '', password: str(req.source.password) ?? '' }).toString();
  const a = await call(req, base(req.source.tokenUrl, 'https://www.reddit.com/api/v1/access_token'), { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
  if (a.status === 401 || a.status === 400) throw new PublishError(false, a.status, `Reddit refused the login for u/${str(req.source.username)} (HTTP ${a.status}): check clientId, clientSecret, username and password`);
  if (a.status !== 200) throw failure(a, 'Reddit access_token');
  const t = a.json<{ access_token?: string; expires_in?: number; error?: string }>();
  if (!t.access_token) throw new PublishError(false, a.status, `Reddit access_token: ${t.error ?? 'no token in the answer'}`);
  TOKENS.set(key, { token: t.access_token, until: req.now + (t.expires_in ?? 3600) * 1000 });
  return t.access_token;
}

interface Thing {
  kind?: string;
  data?: { id?: string; name?: string; permalink?: string; parent_id?: string; body?: string };
}

export const reddit: Publisher = {
  maxLength: 10_000,
  missing: (s) => (str(s.clientId) && str(s.clientSecret) && str(s.username) && str(s.password) ? null : 'clientId, clientSecret, username and password (a "script" app of the account that answers)'),
  async publish(req) {
    const oauth = base(req.source.oauthBase, 'https://oauth.reddit.com');
    const site = base(req.source.base, 'https://www.reddit.com');
    const thing = req.post.externalId;
    if (!/^t[13]_[a-z0-9]+$/i.test(thing)) throw new PublishError(false, null, `not a Reddit fullname: ${thing}`);
    const found = (t: Thing) => ({ ok: true as const, status: 200, remoteId: t.data?.name ?? (t.data?.id ? `t1_${t.data.id}` : null), remoteUrl: t.data?.permalink ? `${site}${t.data.permalink}` : null });
    let auth = await token(req);
    if (req.reply.attempts > 0) {
      const a = await call(req, `${oauth}/user/${encodeURIComponent(str(req.source.username) ?? '')}/comments?limit=100&sort=new&raw_json=1`, { method: 'GET', headers: { authorization: `Bearer ${auth}` } });
      if (a.status !== 200) throw failure(a, 'Reddit user comments');
      const mine = (a.json<{ data?: { children?: Thing[] } }>().data?.children ?? []).find((c) => c.data?.parent_id === thing && (c.data.body ?? '').trim() === req.reply.text.trim());
      if (mine) return found(mine);
    }
    const send = (t: string) => call(req, `${oauth}/api/comment`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_type: 'json', thing_id: thing, text: req.reply.text }).toString() });
    let a = await send(auth);
    if (a.status === 401) {
      auth = await token(req, true);
      a = await send(auth);
    }
    if (a.status !== 200) throw failure(a, 'Reddit comment');
    const body = a.json<{ json?: { errors?: [string, string, string?][]; data?: { things?: Thing[] } } }>();
    const errors = body.json?.errors ?? [];
    if (errors.length) {
      const [code, message] = errors[0];
      // RATELIMIT: "you are doing that too much. try again in 5 minutes." (or "in 40 seconds.")
      const wait = /(\d+)\s*(second|minute)/.exec(message ?? '');
      const ms = wait ? Number(wait[1]) * (wait[2] === 'second' ? 1_000 : 60_000) : 60_000;
      throw new PublishError(code === 'RATELIMIT', 200, `Reddit comment: ${code}: ${message}`, code === 'RATELIMIT' ? ms : undefined);
    }
    const t = body.json?.data?.things?.[0];
    if (!t) throw new PublishError(false, 200, 'Reddit comment: no comment in the answer');
    return found(t);
  },
};

/** For tests: forget cached tokens. */
export function resetRedditTokens(): void {
  TOKENS.clear();
}
