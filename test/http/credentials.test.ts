/**
 * Issue 16, items 1, 2 and 4: one client cannot lock everyone out (throttling per presented
 * credential and address, a trusted proxy header honoured, a valid key never refused for others'
 * failures); source credentials are masked for every role, and for admins unless they ask; the
 * push endpoint throttles bad signatures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { createApp } from '../../src/app.js';
import { MAX_FAILURES } from '../../src/auth/throttle.js';
import { syncTargets } from '../../src/store/targets.js';
import { signWebhook } from '../../src/feeds/webhook-signature.js';
import { forwardedClient } from '../../src/http/middleware/auth.js';

const WRONG = (i: number) => ({ Authorization: `Bearer bk_${String(i).padStart(40, 'x')}` });
const status = async (res: Response | Promise<Response>) => (await res).status;

describe.each(DIALECTS)('sign-in throttling (%s)', (dialect) => {
  let ctx: TestContext;
  afterEach(async () => ctx.close());

  it('never refuses a valid key because other keys failed from the same address', async () => {
    ctx = await createTestContext({ dialect });
    const app = createApp(ctx, { clientAddress: () => '203.0.113.9' });
    for (let i = 0; i < MAX_FAILURES; i++) expect(await status(app.request('/api/revolts', { headers: WRONG(i) })), `wrong key ${i}`).toBe(401);
    // the address is now over its count: more guesses from it are told to stop…
    const blocked = await app.request('/api/revolts', { headers: WRONG(99) });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // …but a key that works still works, from the very same address
    const admin = await keyFor(ctx, 'admin');
    expect(await status(app.request('/api/revolts', { headers: admin.headers }))).toBe(200);
    expect(await status(app.request('/api/keys', { headers: admin.headers }))).toBe(200);
  });

  it('stops one wrong key retried from one address before checking it, and only there', async () => {
    ctx = await createTestContext({ dialect });
    const here = createApp(ctx, { clientAddress: () => '203.0.113.10' });
    const elsewhere = createApp(ctx, { clientAddress: () => '198.51.100.3' });
    const stale = await keyFor(ctx, 'agent');
    await ctx.db.updateTable('api_keys').set({ revoked_at: Date.now() }).where('id', '=', stale.id).execute();
    for (let i = 0; i < MAX_FAILURES; i++) expect(await status(here.request('/api/queue', { headers: stale.headers }))).toBe(401);
    const res = await here.request('/api/queue', { headers: stale.headers });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/this key failed too often from this address/);
    expect(await status(elsewhere.request('/api/queue', { headers: stale.headers }))).toBe(401);
  });

  it('counts per client behind a reverse proxy when server.trustedProxyHeader names its header', async () => {
    ctx = await createTestContext({ dialect, config: 'server:\n  trustedProxyHeader: X-Forwarded-For\n' });
    const viaProxy = createApp(ctx, { clientAddress: () => '10.0.0.2' }); // every request comes from the proxy
    const from = (client: string, h: Record<string, string>) => ({ headers: { ...h, 'X-Forwarded-For': client } });
    // a client forging an address in front of the list does not escape: the proxy's entry (last) counts
    for (let i = 0; i < MAX_FAILURES; i++) expect(await status(viaProxy.request('/api/revolts', from(`1.2.3.${i}, 198.51.100.20`, WRONG(i))))).toBe(401);
    expect(await status(viaProxy.request('/api/revolts', from('198.51.100.20', WRONG(50))))).toBe(429);
    // another user behind the same proxy is not affected, wrong key or right
    expect(await status(viaProxy.request('/api/revolts', from('198.51.100.21', WRONG(51))))).toBe(401);
    expect(await status(viaProxy.request('/api/revolts', from('198.51.100.21', (await keyFor(ctx, 'viewer')).headers)))).toBe(200);
  });

  it('reads the client from the trusted header: last list entry, Forwarded for=, no port', () => {
    expect(forwardedClient('203.0.113.7', 'X-Real-IP')).toBe('203.0.113.7');
    expect(forwardedClient('6.6.6.6, 198.51.100.4:5123', 'X-Forwarded-For')).toBe('198.51.100.4');
    expect(forwardedClient('for=6.6.6.6, for="[2001:db8::7]:4711";proto=https', 'Forwarded')).toBe('2001:db8::7');
    expect(forwardedClient('', 'X-Forwarded-For')).toBeNull();
    expect(forwardedClient('unknown', 'X-Forwarded-For')).toBeNull();
  });

  it('lets a valid key sign in on the form after other keys failed from the same address', async () => {
    ctx = await createTestContext({ dialect });
    const app = createApp(ctx, { clientAddress: () => '203.0.113.5' });
    const form = (key: string) => app.request('/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, next: '/' }).toString() });
    for (let i = 0; i < MAX_FAILURES; i++) expect(await status(form(`bk_nope${i}`))).toBe(401);
    expect(await status(form('bk_nope-again'))).toBe(429);
    expect(await status(form((await keyFor(ctx, 'admin')).key))).toBe(303);
  });
});

const SECRETS = {
  header: 'hdr-apikey-7c1d93',
  xApiKey: 'xak-55e0f1a2',
  cookie: 'sessionid=ck-9a8b7c',
  auth: 'Bearer az-0f9e8d7c',
  query: 'qs-3141592653',
  sig: 'sig-2718281828',
  userinfo: 'pw-161803',
  token: 'mastodon-token-4242',
  clientSecret: 'reddit-secret-8080',
  appPassword: 'bsky-app-pass-1234',
  push: 'push-secret-0123456789abcdef',
};

describe.each(DIALECTS)('source credentials (%s)', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect });
    await syncTargets(ctx, [
      {
        id: 'acme',
        name: 'Acme',
        sources: [
          { id: 'helpdesk', type: 'json', every: 300_000, enabled: true, url: `https://bot:${SECRETS.userinfo}@api.example.com/v2/mentions?q=acme&api_key=${SECRETS.query}&sig=${SECRETS.sig}`, headers: { apikey: SECRETS.header, 'X-Api-Key': SECRETS.xApiKey, Cookie: SECRETS.cookie, Authorization: SECRETS.auth, Accept: 'application/json' }, fields: { id: 'id', text: 'body' } },
          { id: 'masto', type: 'mastodon', every: 300_000, enabled: true, instance: 'https://m.example', tag: 'acme', accessToken: SECRETS.token },
          { id: 'reddit', type: 'reddit', every: 300_000, enabled: true, subreddit: 'acme', clientId: 'public-client-id', clientSecret: SECRETS.clientSecret, tokenUrl: 'https://www.reddit.com/api/v1/access_token' },
          { id: 'bsky', type: 'bluesky', every: 300_000, enabled: true, query: 'acme', identifier: 'acme.bsky.social', appPassword: SECRETS.appPassword },
          { id: 'zap', type: 'push', every: 300_000, enabled: true, secret: SECRETS.push },
        ],
      },
    ]);
    await ctx.db.updateTable('sources').set({ last_error: `not a valid URL: https://api.example.com/v2/mentions?api_key=${SECRETS.query}`, error_code: 'bad_url', last_error_at: Date.now() }).where('id', '=', 'helpdesk').execute();
  });
  afterEach(async () => ctx.close());

  const leaks = (text: string) => Object.entries(SECRETS).filter(([, v]) => text.includes(v)).map(([k]) => k);

  it('masks every header value, secret key, URL password and secret query value for every role', async () => {
    const app = createApp(ctx);
    for (const role of ['viewer', 'agent', 'admin'] as const) {
      const { headers } = await keyFor(ctx, role);
      const list = await (await app.request('/api/sources', { headers })).text();
      expect(leaks(list), `GET /api/sources as ${role}`).toEqual([]);
      const one = await (await app.request('/api/sources/helpdesk', { headers })).text();
      expect(leaks(one), `GET /api/sources/helpdesk as ${role}`).toEqual([]);
      const page = await (await app.request('/sources', { headers })).text();
      expect(leaks(page), `/sources as ${role}`).toEqual([]);
    }
    const { headers } = await keyFor(ctx, 'viewer');
    const s = (await (await app.request('/api/sources/helpdesk', { headers })).json()) as { config: Record<string, unknown>; lastError: { reason: string } };
    expect(s.config.headers).toEqual({ apikey: '***', 'X-Api-Key': '***', Cookie: '***', Authorization: '***', Accept: '***' });
    expect(s.config.url).toBe('https://***@api.example.com/v2/mentions?q=acme&api_key=***&sig=***');
    expect(s.config.fields).toEqual({ id: 'id', text: 'body' }); // what is not secret stays readable
    expect(s.lastError.reason).toBe('not a valid URL: https://api.example.com/v2/mentions?api_key=***');
    const reddit = (await (await app.request('/api/sources/reddit', { headers })).json()) as { config: Record<string, unknown> };
    expect(reddit.config).toMatchObject({ clientId: 'public-client-id', clientSecret: '***', tokenUrl: 'https://www.reddit.com/api/v1/access_token' });
  });

  it('shows them to an admin who asks (audited), and to nobody else', async () => {
    const app = createApp(ctx);
    const admin = await keyFor(ctx, 'admin', 'root');
    const revealed = await (await app.request('/api/sources?reveal=true', { headers: admin.headers })).text();
    expect(leaks(revealed).sort()).toEqual(Object.keys(SECRETS).sort());
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'source.reveal').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('root');
    for (const role of ['viewer', 'agent'] as const) {
      const res = await app.request('/api/sources/helpdesk?reveal=true', { headers: (await keyFor(ctx, role)).headers });
      expect(res.status, role).toBe(403);
      expect(leaks(await res.text())).toEqual([]);
    }
  });

  it('keeps the stored secrets when an admin sends the masked settings back with a change', async () => {
    const app = createApp(ctx);
    const admin = { ...(await keyFor(ctx, 'admin')).headers, 'content-type': 'application/json' };
    const read = (await (await app.request('/api/sources/helpdesk', { headers: admin })).json()) as { config: Record<string, unknown>; type: string; target: string };
    const body = { target: read.target, type: read.type, every: '10m', ...read.config, headers: { ...(read.config.headers as object), 'X-Api-Key': 'xak-rotated-0001' } };
    expect((await app.request('/api/sources/helpdesk', { method: 'PUT', headers: admin, body: JSON.stringify(body) })).status).toBe(200);
    const stored = JSON.parse((await ctx.db.selectFrom('sources').select('config').where('id', '=', 'helpdesk').executeTakeFirstOrThrow()).config!) as { url: string; headers: Record<string, string> };
    expect(stored.url).toBe(`https://bot:${SECRETS.userinfo}@api.example.com/v2/mentions?q=acme&api_key=${SECRETS.query}&sig=${SECRETS.sig}`);
    expect(stored.headers).toEqual({ apikey: SECRETS.header, 'X-Api-Key': 'xak-rotated-0001', Cookie: SECRETS.cookie, Authorization: SECRETS.auth, Accept: 'application/json' });
  });
});

describe.each(DIALECTS)('push signature throttling (%s)', (dialect) => {
  let ctx: TestContext;
  const SECRET = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
  beforeEach(async () => {
    ctx = await createTestContext({ dialect });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [{ id: 'zap', type: 'push', every: 300_000, enabled: true, secret: SECRET }] }]);
  });
  afterEach(async () => ctx.close());

  async function push(app: ReturnType<typeof createApp>, signature: string | null, n: number) {
    const body = JSON.stringify({ id: `t-${n}`, text: `ticket ${n}` });
    const ts = Math.floor(ctx.clock.now() / 1000);
    const sig = signature ?? (await signWebhook(SECRET, `m-${n}`, ts, body));
    return app.request('/api/ingest/zap', { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': `m-${n}`, 'webhook-timestamp': String(ts), 'webhook-signature': sig }, body });
  }

  it('answers a flood of bad signatures with 429, and still takes a good one from the same sender', async () => {
    const attacker = createApp(ctx, { clientAddress: () => '203.0.113.66' });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await push(attacker, 'v1,AAAA', i)).status);
    expect(statuses.slice(0, MAX_FAILURES)).toEqual(new Array(MAX_FAILURES).fill(401));
    expect(statuses.slice(MAX_FAILURES).every((s) => s === 429)).toBe(true);
    const last = await push(attacker, 'v1,BBBB', 301);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await push(attacker, null, 302)).status).toBe(202);
    expect((await push(createApp(ctx, { clientAddress: () => '198.51.100.9' }), 'v1,AAAA', 303)).status).toBe(401);
  });
});
