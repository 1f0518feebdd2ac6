/**
 * Bluesky: com.atproto.repo.createRecord of an app.bsky.feed.post with a reply ref (root and
 * parent, each uri + cid; the parent's cid and thread root come from app.bsky.feed.getPosts), as
 * the source's identifier with its app password (com.atproto.server.createSession). The record key
 * derives from the reply (tid.ts): a retry first looks for the record with com.atproto.repo.getRecord
 * and reports it sent when it is there, so a reply whose answer was lost is never posted twice.
 */
import type { Publisher, PublishRequest } from '../types.js';
import { PublishError } from '../types.js';
import { tidFor } from '../tid.js';
import { base, call, failure, str, type Answer } from './http.js';

interface Session {
  accessJwt: string;
  did: string;
  handle: string;
}
// per source and identifier, in memory only: a restart logs in again
const SESSIONS = new Map<string, Session>();
const POST = 'app.bsky.feed.post';

function serviceOf(req: PublishRequest): string {
  return base(req.source.service, 'https://bsky.social');
}

async function login(req: PublishRequest, fresh: boolean): Promise<Session> {
  const key = `${req.post.source}|${str(req.source.identifier)}`;
  const cached = SESSIONS.get(key);
  if (cached && !fresh) return cached;
  const a = await call(req, `${serviceOf(req)}/xrpc/com.atproto.server.createSession`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: str(req.source.identifier), password: str(req.source.appPassword) }) });
  if (a.status === 401 || a.status === 400) throw new PublishError(false, a.status, `Bluesky refused the login for ${str(req.source.identifier)} (HTTP ${a.status}): check identifier and appPassword`);
  if (a.status !== 200) throw failure(a, 'Bluesky createSession');
  const s = a.json<Partial<Session>>();
  if (!s.accessJwt || !s.did) throw new PublishError(false, a.status, 'Bluesky createSession: no session in the answer');
  const session = { accessJwt: s.accessJwt, did: s.did, handle: s.handle ?? str(req.source.identifier) ?? s.did };
  SESSIONS.set(key, session);
  return session;
}

const expired = (a: Answer) => (a.status === 400 || a.status === 401) && /ExpiredToken|InvalidToken/.test(a.text);

/** A call with the session; an expired token logs in again once. */
async function authed(req: PublishRequest, path: string, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<{ a: Answer; session: Session }> {
  let session = await login(req, false);
  const go = (s: Session) => call(req, `${serviceOf(req)}/xrpc/${path}`, { method: init.method, headers: { authorization: `Bearer ${s.accessJwt}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  let a = await go(session);
  if (expired(a)) {
    session = await login(req, true);
    a = await go(session);
  }
  return { a, session };
}

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;

export const bluesky: Publisher = {
  maxLength: 300,
  missing: (s) => (str(s.identifier) && str(s.appPassword) ? null : 'identifier and appPassword (an app password of the account that answers)'),
  async publish(req) {
    if (graphemes(req.reply.text) > 300) throw new PublishError(false, null, 'Bluesky posts are at most 300 characters');
    const parentUri = req.post.externalId;
    if (!/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/.test(parentUri)) throw new PublishError(false, null, `not a Bluesky post uri: ${parentUri}`);
    const rkey = tidFor(req.reply.createdAt, req.reply.id);
    const session = await login(req, false);
    const url = (s: Session) => `https://bsky.app/profile/${s.handle}/post/${rkey}`;
    if (req.reply.attempts > 0) {
      // an earlier attempt may have landed with its answer lost: look before writing again
      const q = new URLSearchParams({ repo: session.did, collection: POST, rkey });
      const { a, session: s } = await authed(req, `com.atproto.repo.getRecord?${q}`, { method: 'GET' });
      if (a.status === 200) return { ok: true, status: 200, remoteId: str(a.json<{ uri?: unknown }>().uri) ?? `at://${s.did}/${POST}/${rkey}`, remoteUrl: url(s) };
      if (a.status !== 400 && a.status !== 404) throw failure(a, 'Bluesky getRecord');
    }
    const got = await authed(req, `app.bsky.feed.getPosts?${new URLSearchParams({ uris: parentUri })}`, { method: 'GET' });
    if (got.a.status !== 200) throw failure(got.a, 'Bluesky getPosts');
    const parent = got.a.json<{ posts?: { uri?: string; cid?: string; record?: { reply?: { root?: { uri?: string; cid?: string } } } }[] }>().posts?.[0];
    if (!parent?.uri || !parent.cid) throw new PublishError(false, 404, `Bluesky: the post ${parentUri} is gone (deleted, or not visible to this account)`);
    const root = parent.record?.reply?.root?.uri && parent.record.reply.root.cid ? { uri: parent.record.reply.root.uri, cid: parent.record.reply.root.cid } : { uri: parent.uri, cid: parent.cid };
    const record = { $type: POST, text: req.reply.text, createdAt: new Date(req.reply.createdAt).toISOString(), reply: { root, parent: { uri: parent.uri, cid: parent.cid } }, ...(req.reply.lang ? { langs: [req.reply.lang] } : {}) };
    const { a, session: s } = await authed(req, 'com.atproto.repo.createRecord', { method: 'POST', body: { repo: session.did, collection: POST, rkey, record } });
    if (a.status !== 200) throw failure(a, 'Bluesky createRecord');
    return { ok: true, status: 200, remoteId: str(a.json<{ uri?: unknown }>().uri), remoteUrl: url(s) };
  },
};

/** For tests: forget cached sessions. */
export function resetReplySessions(): void {
  SESSIONS.clear();
}
