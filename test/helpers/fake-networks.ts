/**
 * Local servers that speak the reply APIs of Mastodon, Bluesky (a PDS with the AppView's getPosts)
 * and Reddit, the way the real ones answer, for the reply tests and the browser tests. Each keeps
 * what it received and what it published, checks credentials and request shapes, and can fail:
 * "before" answers 500 without publishing, "after" publishes and then answers 503 (the answer is
 * lost: only an idempotent client avoids posting twice). Real behaviour copied on purpose:
 * Mastodon dedupes on Idempotency-Key; a PDS answers a duplicate record key with a 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailMode = 'none' | 'before' | 'after' | 'always';

export interface FakeServer {
  url: string;
  /** What the network now shows as published replies, in order. */
  published: { id: string; parent: string; text: string; author: string }[];
  /** Every write request that reached it (publish attempts). */
  attempts: number;
  fail: FailMode;
  close(): Promise<void>;
}

interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Handler = (req: Req, s: FakeServer) => { status: number; json?: unknown; headers?: Record<string, string> };

async function serve(handler: Handler): Promise<FakeServer> {
  const state: FakeServer = { url: '', published: [], attempts: 0, fail: 'none', close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      let out;
      try {
        out = handler({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }, state);
      } catch (err) {
        out = { status: 500, json: { error: 'InternalServerError', message: (err as Error).message } };
      }
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.json === undefined ? '' : JSON.stringify(out.json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

/** Decide whether this write fails, per the server's fail mode ("before": nothing published). */
function failing(s: FakeServer): 'before' | 'after' | null {
  s.attempts++;
  if (s.fail === 'always') return 'before';
  if (s.attempts === 1 && (s.fail === 'before' || s.fail === 'after')) return s.fail;
  return null;
}

export const MASTODON_TOKEN = 'masto-token-0123456789';

/** POST /api/v1/statuses (JSON or form), Bearer token, Idempotency-Key kept like Mastodon does. */
export async function fakeMastodon(): Promise<FakeServer> {
  const keys = new Map<string, unknown>();
  let next = 110_000_000_000_000_000n;
  return serve((req, s) => {
    if (req.method !== 'POST' || req.path !== '/api/v1/statuses') return { status: 404, json: { error: 'Record not found' } };
    if (req.headers.authorization !== `Bearer ${MASTODON_TOKEN}`) return { status: 401, json: { error: 'The access token is invalid' } };
    const body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(req.body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(req.body));
    const key = req.headers['idempotency-key'] as string | undefined;
    if (key && keys.has(key)) return { status: 200, json: keys.get(key) };
    const f = failing(s);
    if (f === 'before') return { status: 500, json: { error: 'Something went wrong' } };
    if (!body.status) return { status: 422, json: { error: "Validation failed: Text can't be blank" } };
    const id = String(next++);
    const status = { id, url: `${s.url}/@care/${id}`, uri: `${s.url}/users/care/statuses/${id}`, in_reply_to_id: body.in_reply_to_id ?? null, content: `<p>${body.status}</p>`, visibility: body.visibility ?? 'public' };
    s.published.push({ id, parent: body.in_reply_to_id ?? '', text: body.status, author: 'care' });
    if (key) keys.set(key, status);
    if (f === 'after') return { status: 503, json: { error: 'Service Unavailable' } };
    return { status: 200, json: status };
  });
}

export const BSKY = { identifier: 'care.acme.test', appPassword: 'abcd-efgh-ijkl-mnop', did: 'did:plc:acmecare0000000000000000' };

/** A PDS (createSession, createRecord, getRecord) with the AppView's getPosts for the posts it knows. */
export async function fakeBluesky(parents: { uri: string; cid: string; root?: { uri: string; cid: string } }[]): Promise<FakeServer> {
  const records = new Map<string, { uri: string; cid: string; value: Record<string, unknown> }>();
  let n = 0;
  const authed = (req: Req) => req.headers.authorization === 'Bearer access-jwt-1';
  return serve((req, s) => {
    const p = req.path;
    if (p === '/xrpc/com.atproto.server.createSession' && req.method === 'POST') {
      const b = JSON.parse(req.body) as { identifier?: string; password?: string };
      if (b.identifier !== BSKY.identifier || b.password !== BSKY.appPassword) return { status: 401, json: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      return { status: 200, json: { accessJwt: 'access-jwt-1', refreshJwt: 'refresh-jwt-1', did: BSKY.did, handle: BSKY.identifier } };
    }
    if (!authed(req)) return { status: 401, json: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
    if (p === '/xrpc/app.bsky.feed.getPosts' && req.method === 'GET') {
      const uris = req.query.getAll('uris');
      return { status: 200, json: { posts: parents.filter((x) => uris.includes(x.uri)).map((x) => ({ uri: x.uri, cid: x.cid, author: { did: x.uri.split('/')[2] }, record: { $type: 'app.bsky.feed.post', text: 'parent', createdAt: new Date().toISOString(), ...(x.root ? { reply: { root: x.root, parent: x.root } } : {}) } })) } };
    }
    if (p === '/xrpc/com.atproto.repo.getRecord' && req.method === 'GET') {
      const uri = `at://${req.query.get('repo')}/${req.query.get('collection')}/${req.query.get('rkey')}`;
      const r = records.get(uri);
      return r ? { status: 200, json: r } : { status: 400, json: { error: 'RecordNotFound', message: `Could not locate record: ${uri}` } };
    }
    if (p === '/xrpc/com.atproto.repo.createRecord' && req.method === 'POST') {
      const b = JSON.parse(req.body) as { repo: string; collection: string; rkey?: string; record: { $type: string; text: string; createdAt: string; reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } } } };
      const f = failing(s);
      if (f === 'before') return { status: 500, json: { error: 'InternalServerError', message: 'Internal Server Error' } };
      if (b.repo !== BSKY.did) return { status: 400, json: { error: 'InvalidRequest', message: 'repo must be the session did' } };
      if (b.collection !== 'app.bsky.feed.post' || b.record.$type !== 'app.bsky.feed.post') return { status: 400, json: { error: 'InvalidRequest', message: 'bad collection' } };
      if (!b.record.reply?.parent?.cid || !b.record.reply.root?.cid) return { status: 400, json: { error: 'InvalidRequest', message: 'Record/reply must have the property "root"' } };
      if (!/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/.test(b.rkey ?? '')) return { status: 400, json: { error: 'InvalidRequest', message: 'Invalid record key' } };
      const uri = `at://${b.repo}/${b.collection}/${b.rkey}`;
      if (records.has(uri)) return { status: 500, json: { error: 'InternalServerError', message: 'Internal Server Error' } }; // what a PDS answers today
      const rec = { uri, cid: `bafyreib${(n++).toString().padStart(10, '0')}`, value: b.record };
      records.set(uri, rec);
      s.published.push({ id: uri, parent: b.record.reply.parent.uri, text: b.record.text, author: b.repo });
      if (f === 'after') return { status: 503, json: { error: 'UpstreamFailure' } };
      return { status: 200, json: { uri, cid: rec.cid, commit: { cid: 'bafycommit', rev: '3l' } } };
    }
    return { status: 404, json: { error: 'MethodNotImplemented' } };
  });
}

export const REDDIT = { clientId: 'reddit-client', clientSecret: 'reddit-secret-0123', username: 'AcmeCare', password: 'hunter2-but-longer' };

/** www.reddit.com's token endpoint and oauth.reddit.com's /api/comment and /user/{name}/comments, on one server. */
export async function fakeReddit(): Promise<FakeServer> {
  const comments: { id: string; name: string; parent_id: string; body: string; permalink: string; author: string }[] = [];
  let n = 1000;
  return serve((req, s) => {
    if (req.path === '/api/v1/access_token' && req.method === 'POST') {
      const basic = Buffer.from(`${REDDIT.clientId}:${REDDIT.clientSecret}`).toString('base64');
      const f = new URLSearchParams(req.body);
      if (req.headers.authorization !== `Basic ${basic}`) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
      if (f.get('grant_type') !== 'password' || f.get('username') !== REDDIT.username || f.get('password') !== REDDIT.password) return { status: 200, json: { error: 'invalid_grant' } };
      return { status: 200, json: { access_token: 'reddit-user-token', token_type: 'bearer', expires_in: 86400, scope: '*' } };
    }
    if (req.headers.authorization !== 'Bearer reddit-user-token') return { status: 401, json: { message: 'Unauthorized', error: 401 } };
    if (req.path === '/api/comment' && req.method === 'POST') {
      const f = new URLSearchParams(req.body);
      const fail = failing(s);
      if (fail === 'before') return { status: 500, json: { message: 'Internal Server Error', error: 500 } };
      if (f.get('api_type') !== 'json') return { status: 200, json: { jquery: [[0, 1, 'call', ['body']]], success: false } };
      const thing = f.get('thing_id') ?? '';
      if (!/^t[13]_/.test(thing)) return { status: 200, json: { json: { errors: [['INVALID_OPTION', 'that parent is not valid', 'parent']] } } };
      const id = (n++).toString(36);
      const c = { id, name: `t1_${id}`, parent_id: thing, body: f.get('text') ?? '', permalink: `/r/acme/comments/${thing.slice(3)}/x/${id}/`, author: REDDIT.username };
      comments.push(c);
      s.published.push({ id: c.name, parent: thing, text: c.body, author: c.author });
      if (fail === 'after') return { status: 503, json: { message: 'Service Unavailable', error: 503 } };
      return { status: 200, json: { json: { errors: [], data: { things: [{ kind: 't1', data: { ...c, link_id: thing } }] } } } };
    }
    const user = /^\/user\/([^/]+)\/comments$/.exec(req.path);
    if (user && req.method === 'GET') {
      const mine = comments.filter((c) => c.author.toLowerCase() === decodeURIComponent(user[1]).toLowerCase()).reverse();
      return { status: 200, json: { kind: 'Listing', data: { after: null, children: mine.map((c) => ({ kind: 't1', data: c })) } } };
    }
    return { status: 404, json: { message: 'Not Found', error: 404 } };
  });
}
