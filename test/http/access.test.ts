import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor, keysForAllRoles } from '../helpers/auth.js';
import { makePost } from '../helpers/posts.js';
import { createApp } from '../../src/app.js';
import { apiRoutesOf } from '../../src/http/openapi/document.js';
import { isMutating, isPublic, isSelfAuthenticated, requiredRole, ROLES, roleAtLeast } from '../../src/auth/roles.js';
import { revokeApiKey } from '../../src/auth/keys.js';
import { createSigninLink, SESSION_TTL_MS } from '../../src/auth/sessions.js';
import { ManualClock } from '../../src/util/clock.js';
import { BLOCK_MS, FAILURE_WINDOW_MS, MAX_FAILURES } from '../../src/auth/throttle.js';
import { processPosts } from '../../src/pipeline/process.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { syncTargets } from '../../src/store/targets.js';

const LOCAL = () => '127.0.0.1';

/** A concrete path for a route pattern: every parameter becomes a harmless id that exists nowhere. */
function concrete(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_, name: string) => (name === 'action' ? 'claim' : 'no-such-id'));
}

function jsonInit(method: string, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: method === 'DELETE' ? undefined : '{}' };
}

describe.each(DIALECTS)('access control (%s)', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }]);
  });
  afterEach(async () => ctx.close());

  it('enumerates the registered mutating routes (those of every module) and finds the known ones', () => {
    const routes = apiRoutesOf(createApp(ctx).routes).filter((r) => isMutating(r.method));
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['POST /api/posts/:id/labels', 'POST /api/keys', 'DELETE /api/keys/:id', 'POST /api/targets']));
    expect(routes.length).toBeGreaterThanOrEqual(5);
  });

  it('answers every mutating route with 401 without a key and 403 with too small a role', async () => {
    const app = createApp(ctx);
    const keys = await keysForAllRoles(ctx);
    const routes = apiRoutesOf(app.routes).filter((r) => isMutating(r.method) && !isSelfAuthenticated(r.path) && !isPublic(r.path));
    const allowed: Record<string, string[]> = { viewer: [], agent: [], admin: [] };
    for (const r of routes) {
      const path = concrete(r.path);
      const anon = await app.request(path, jsonInit(r.method));
      expect(anon.status, `${r.method} ${r.path} without a key`).toBe(401);
      expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const need = requiredRole(r.method, path);
      for (const role of ROLES) {
        const res = await app.request(path, jsonInit(r.method, keys[role]));
        if (roleAtLeast(role, need)) expect([401, 403], `${r.method} ${r.path} as ${role}`).not.toContain(res.status);
        else {
          expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
          expect(((await res.json()) as { error: { code: string } }).error).toMatchObject({ code: 'forbidden' });
        }
        if (res.status !== 403) allowed[role].push(`${r.method} ${r.path}`);
      }
    }
    // what the answers show, against the policy as people state it: a viewer changes nothing (the rule
    // checks only compute an answer), an agent works posts, revolts and the queue, an admin is never refused
    expect(allowed.viewer.sort()).toEqual(['POST /api/rules/test', 'POST /api/rules/validate']);
    expect(allowed.agent.filter((n) => !/^\w+ \/api\/(posts|revolts|queue|rules\/(test|validate))(\/|$)/.test(n))).toEqual([]);
    expect(allowed.agent).toEqual(expect.arrayContaining(['POST /api/posts/:id/labels']));
    expect(allowed.admin).toHaveLength(routes.length);
    expect(allowed.admin).toEqual(expect.arrayContaining(['POST /api/keys', 'DELETE /api/keys/:id', 'POST /api/targets']));
  });

  it('answers every read route with 401 without a key and serves the roles allowed to read it', async () => {
    const app = createApp(ctx);
    const keys = await keysForAllRoles(ctx);
    for (const r of apiRoutesOf(app.routes).filter((x) => x.method === 'GET' && !isPublic(x.path) && x.path !== '/api/stream')) {
      const path = concrete(r.path);
      expect((await app.request(path)).status, `GET ${r.path}`).toBe(401);
      for (const role of ROLES) {
        const status = (await app.request(path, { headers: keys[role] })).status;
        if (roleAtLeast(role, requiredRole('GET', path))) expect([401, 403], `GET ${r.path} as ${role}`).not.toContain(status);
        else expect(status, `GET ${r.path} as ${role}`).toBe(403);
      }
    }
    expect((await app.request('/api/openapi.json')).status).toBe(200);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('leaves the signed push ingest endpoint to its own signature check', async () => {
    const app = createApp(ctx);
    const res = await app.request('/api/ingest/nowhere', jsonInit('POST'));
    expect(((await res.json()) as { error: { code: string } }).error.code).not.toBe('unauthorized');
  });

  it('refuses unknown and revoked keys, and throttles a client after repeated failures', async () => {
    const app = createApp(ctx, { clientAddress: () => '203.0.113.9' });
    const { headers, id } = await keyFor(ctx, 'admin');
    expect((await app.request('/api/revolts', { headers })).status).toBe(200);
    await revokeApiKey(ctx, id, Date.now());
    const revoked = await app.request('/api/revolts', { headers });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('invalid_key');
    for (let i = 1; i < MAX_FAILURES; i++) expect((await app.request('/api/revolts', { headers: { Authorization: `Bearer bk_${'x'.repeat(40)}` } })).status).toBe(401);
    const blocked = await app.request('/api/revolts', { headers: { Authorization: 'Bearer wrong' } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // a good key is never refused for other keys' failures (issue 16); another address is not affected either
    const good = (await keyFor(ctx, 'viewer')).headers;
    expect((await app.request('/api/revolts', { headers: good })).status).toBe(200);
    expect((await createApp(ctx, { clientAddress: () => '198.51.100.1' }).request('/api/revolts', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('lets the built-in demo be read without a key from loopback only, and never changed', async () => {
    const demo = { speed: 60 };
    expect((await createApp(ctx, { demo, clientAddress: LOCAL }).request('/api/revolts')).status).toBe(200);
    expect((await createApp(ctx, { demo, clientAddress: () => '::1' }).request('/')).status).toBe(200);
    expect((await createApp(ctx, { demo, clientAddress: () => '192.168.1.20' }).request('/api/revolts')).status).toBe(401);
    expect((await createApp(ctx, { demo, clientAddress: LOCAL }).request('/api/revolts', { headers: { 'X-Forwarded-For': '198.51.100.7' } })).status).toBe(401);
    expect((await createApp(ctx, { clientAddress: LOCAL }).request('/api/revolts')).status).toBe(401);
    const write = await createApp(ctx, { demo, clientAddress: LOCAL }).request('/api/targets', jsonInit('POST'));
    expect(write.status).toBe(403);
    // pages send anonymous visitors to sign in
    const page = await createApp(ctx, { clientAddress: LOCAL }).request('/inbox');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/signin?next=%2Finbox');
  });
});

describe('dashboard sessions', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }]);
  });
  afterEach(async () => ctx.close());

  async function signIn(app: ReturnType<typeof createApp>, key: string, headers: Record<string, string> = {}) {
    return app.request('/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ key, next: '/inbox' }).toString() });
  }
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];
  async function csrfOf(app: ReturnType<typeof createApp>, cookie: string) {
    const page = await (await app.request('/', { headers: { Cookie: cookie } })).text();
    return /<meta name="csrf-token" content="([^"]+)">/.exec(page)![1];
  }

  it('signs in with a key: an HttpOnly, SameSite=Strict cookie, Secure only behind HTTPS', async () => {
    const app = createApp(ctx);
    const { key } = await keyFor(ctx, 'agent');
    const res = await signIn(app, key);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/backlash_session=[A-Za-z0-9]{43}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const behindTls = await signIn(app, key, { 'X-Forwarded-Proto': 'https' });
    expect(behindTls.headers.get('set-cookie')).toContain('Secure');
    const page = await app.request('/inbox', { headers: { Cookie: cookieOf(res) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('test-agent · agent');
  });

  it('rejects a wrong key on the form and throttles repeated failures', async () => {
    const app = createApp(ctx, { clientAddress: () => '203.0.113.5' });
    const bad = await signIn(app, 'bk_nope');
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('unknown or revoked');
    for (let i = 1; i < MAX_FAILURES; i++) await signIn(app, 'bk_nope');
    expect((await signIn(app, 'bk_nope')).status).toBe(429);
    // a valid key still signs in from that address (issue 16)
    expect((await signIn(app, (await keyFor(ctx, 'admin')).key)).status).toBe(303);
  });

  it('needs the CSRF token and a same-origin request for every state change made with the cookie', async () => {
    const app = createApp(ctx);
    const now = ctx.clock.now();
    const [p] = await processPosts(ctx, [makePost({ text: 'my bag is lost', publishedAt: now })]);
    const cookie = cookieOf(await signIn(app, (await keyFor(ctx, 'agent', 'ana')).key));
    const csrf = await csrfOf(app, cookie);
    const send = (headers: Record<string, string>) => app.request(`/api/posts/${p.post.id}/labels`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify({ sentiment: 'neutral' }) });
    const none = await send({});
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await send({ 'X-CSRF-Token': 'x'.repeat(32) })).status).toBe(403);
    expect((await send({ 'X-CSRF-Token': csrf, Origin: 'https://evil.example' })).status).toBe(403);
    const ok = await send({ 'X-CSRF-Token': csrf, Origin: 'http://localhost' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ postId: p.post.id, sentiment: 'neutral', actor: 'ana' });
  });

  it('times sessions and sign-in throttling on the wall clock, not on the demo’s faster service clock', async () => {
    const wall = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
    ctx.wallClock = wall;
    const app = createApp(ctx, { clientAddress: () => '203.0.113.9' });
    const cookie = cookieOf(await signIn(app, (await keyFor(ctx, 'agent')).key));
    const inbox = () => app.request('/inbox', { headers: { Cookie: cookie } });
    ctx.clock.advance(30 * 24 * 3_600_000); // a month of demo time passes in minutes
    expect((await inbox()).status).toBe(200);
    wall.advance(SESSION_TTL_MS - 1);
    expect((await inbox()).status).toBe(200);
    wall.advance(1);
    expect((await inbox()).status).toBe(303);

    for (let i = 0; i < MAX_FAILURES; i++) await signIn(app, 'bk_nope');
    expect((await signIn(app, 'bk_nope')).status).toBe(429);
    ctx.clock.advance(BLOCK_MS * 10);
    expect((await signIn(app, 'bk_nope')).status).toBe(429);
    wall.advance(BLOCK_MS + FAILURE_WINDOW_MS);
    expect((await signIn(app, 'bk_nope')).status).toBe(401);
  });

  it('signs in once with a one-time link, and signs out', async () => {
    const app = createApp(ctx);
    const { id } = await keyFor(ctx, 'admin', 'root');
    const token = await createSigninLink(ctx, id, Date.now());
    const first = await app.request(`/signin/link/${token}`);
    expect(first.status).toBe(200);
    const cookie = cookieOf(first);
    expect(await (await app.request('/keys', { headers: { Cookie: cookie } })).text()).toContain('root · admin');
    expect((await app.request(`/signin/link/${token}`)).status).toBe(401);
    const csrf = await csrfOf(app, cookie);
    const out = await app.request('/signout', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}` });
    expect(out.status).toBe(303);
    expect((await app.request('/api/revolts', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('shows no controls to a viewer and refuses the viewer through the API', async () => {
    const app = createApp(ctx);
    const now = ctx.clock.now();
    await recordRevoltEvent(ctx, 'revolt.opened', now, { id: 'r1', target: 'acme', key: 'billing', label: 'Billing — Acme', stage: 'emerging', severity: 40, priority: 'P3', openedAt: now, updatedAt: now, explain: {}, postIds: [] });
    await ctx.db.insertInto('revolts').values({ id: 'r1', target_id: 'acme', key: 'billing', label: 'Billing — Acme', stage: 'emerging', severity: 40, priority: 'P3', opened_at: now, updated_at: now, resolved_at: null, explain: '{}', state: null }).execute();
    const viewer = cookieOf(await signIn(app, (await keyFor(ctx, 'viewer')).key));
    const caseId = (await ctx.db.selectFrom('queue_items').select('id').executeTakeFirstOrThrow()).id;
    for (const path of ['/inbox', '/revolts/r1', '/sources', `/cases/${caseId}`, '/team']) {
      const page = await (await app.request(path, { headers: { Cookie: viewer } })).text();
      expect(page, path).not.toContain('data-api=');
    }
    expect((await app.request('/keys', { headers: { Cookie: viewer } })).status).toBe(403);
    const agent = cookieOf(await signIn(app, (await keyFor(ctx, 'agent')).key));
    const inbox = await (await app.request('/inbox', { headers: { Cookie: agent } })).text();
    expect(inbox).toContain('/claim"');
    const kase = await (await app.request(`/cases/${caseId}`, { headers: { Cookie: agent } })).text();
    expect(kase).toContain('id="reply-form"');
    expect(kase).toContain('/assign"');
  });
});
