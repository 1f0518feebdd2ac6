import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { createApp } from '../../src/app.js';
import { createApiKey } from '../../src/auth/keys.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { maybeQueuePost } from '../../src/routing/post.js';
import { escalateTick } from '../../src/routing/escalate.js';
import { routingSetup, revolt, seedPosts, seedRevoltRow } from './fixtures.js';
import type { Post, Verdict } from '../../src/types.js';

const CONFIG = `
targets: [{ id: acme, name: Acme Air }]
notifications:
  channels:
    - { id: care-slack, type: slack, url: "http://127.0.0.1:9/slack" }
    - { id: legal-chat, type: webhook, url: "http://127.0.0.1:9/legal", secret: "0123456789abcdef0123" }
    - { id: pager, type: webhook, url: "http://127.0.0.1:9/pager", escalationOnly: true }
`;

const ROUTING = `
teams:
  - id: care
    timezone: Europe/London
    hours: { days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00" }
    agents: [{ id: alice, capacity: 2 }, { id: bob, capacity: 2 }]
  - id: legal
    agents: [{ id: lena, capacity: 1 }]
routes:
  - id: legal
    match: { escalation: legal }
    team: legal
    priority: P1
    sla: { firstResponse: 30m }
    channels: [legal-chat]
    escalationChannels: [pager]
  - id: revolts
    match: { kind: revolt }
    team: care
    sla: { firstResponse: 1h, resolve: 8h, pauseOutsideHours: true, reassignAfter: 30m }
    escalationChannels: [pager]
default:
  team: care
  sla: { firstResponse: 2h }
`;

const MON_0900 = Date.parse('2026-03-02T09:00:00Z'); // London is on UTC in early March
const MIN = 60_000;

describe.each(DIALECTS)('response queue (%s)', (dialect) => {
  let ctx: TestContext;
  let keys: Record<string, string>;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect, config: CONFIG, now: MON_0900 });
    const setup = routingSetup(ROUTING, ctx.config.notifications.channels.map((c) => c.id));
    ctx.routing = () => setup;
    keys = {};
    for (const name of ['alice', 'bob', 'lena']) keys[name] = (await createApiKey(ctx, { role: 'agent', name, createdBy: 'test', now: MON_0900 })).key;
  });
  afterEach(async () => ctx.close());

  const call = async (method: string, path: string, as: string, body?: unknown) => {
    if (method === 'POST') ctx.clock.advance(1_000); // people act a second apart at least: the audit trail orders by time
    const app = createApp(ctx);
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${keys[as]}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  async function openRevolt(id = 'r1', posts = ['p1', 'p2', 'p3']) {
    await seedPosts(ctx, posts.map((p, i) => ({ id: p, followers: 1000 * (i + 1), topics: [{ id: 'lost-luggage', score: 1, pillar: 'resolution', touchpoint: 'delivery' }] })));
    const r = revolt({ id, postIds: posts });
    await seedRevoltRow(ctx, r);
    await recordRevoltEvent(ctx, 'revolt.opened', ctx.clock.now(), r);
    return r;
  }

  it('creates one routed item per revolt and updates it as the revolt grows', async () => {
    const r = await openRevolt();
    const items = await ctx.db.selectFrom('queue_items').selectAll().execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'revolt', team: 'care', route_id: 'revolts', priority: 'P3', topic: 'lost-luggage', lang: 'en', status: 'new' });
    expect(items[0].due_first_response_at).toBe(MON_0900 + 60 * MIN);
    await seedPosts(ctx, [{ id: 'p4' }]);
    ctx.clock.advance(10 * MIN);
    await recordRevoltEvent(ctx, 'revolt.escalated', ctx.clock.now(), { ...r, stage: 'escalating', severity: 80, priority: 'P2', postIds: [...r.postIds, 'p4'] });
    await recordRevoltEvent(ctx, 'revolt.updated', ctx.clock.now() + 1, { ...r, severity: 60, priority: 'P3' });
    const after = await ctx.db.selectFrom('queue_items').selectAll().execute();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ priority: 'P2', severity: 80 }); // never lowered by a later, calmer event
    // announced on every non-escalation channel, once per announced event, never per post
    const rows = await ctx.db.selectFrom('outbox').select(['channel', 'kind']).orderBy('created_at').execute();
    expect(rows.map((x) => `${x.kind}@${x.channel}`).sort()).toEqual(['revolt.escalated@care-slack', 'revolt.escalated@legal-chat', 'revolt.opened@care-slack', 'revolt.opened@legal-chat']);
  });

  it('queues a legal threat on its own, announces it on its route channel, and links it to its revolt later', async () => {
    await seedPosts(ctx, [{ id: 'lp', text: 'I will sue you, my lawyer is ready', escalation: ['legal'] }]);
    const post: Post = { id: 'lp', source: 'src-acme', target: 'acme', externalId: 'lp', url: 'https://social.example/lp', author: { id: 'u1', handle: 'angry', followers: 300 }, text: 'I will sue you, my lawyer is ready', lang: 'en', publishedAt: MON_0900, fetchedAt: MON_0900 };
    const verdict: Verdict = { lang: 'en', sentiment: { label: 'negative', score: -0.8 }, complaint: { is: true, score: 0.7 }, topics: [], escalation: [{ id: 'legal', cue: 'lawyer' }] };
    const q = await maybeQueuePost(ctx, post, verdict);
    expect(q?.created).toBe(true);
    expect((await maybeQueuePost(ctx, post, verdict))?.created).toBe(false); // idempotent
    const item = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', q!.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ kind: 'post', post_id: 'lp', team: 'legal', priority: 'P1', route_id: 'legal', parent_revolt_id: null });
    expect(JSON.parse(item.reason!)).toEqual(['legal']);
    const out = await ctx.db.selectFrom('outbox').select(['channel', 'kind']).execute();
    expect(out).toEqual([{ channel: 'legal-chat', kind: 'post.flagged' }]);
    await openRevolt('r2', ['px', 'lp']);
    const linked = await ctx.db.selectFrom('queue_items').select('parent_revolt_id').where('id', '=', q!.id).executeTakeFirstOrThrow();
    expect(linked.parent_revolt_id).toBe('r2');
    const detail = await call('GET', `/api/queue/q_${''}`.replace('q_', '') + (await ctx.db.selectFrom('queue_items').select('id').where('revolt_id', '=', 'r2').executeTakeFirstOrThrow()).id, 'alice');
    expect(detail.json.linkedItems.map((x: any) => x.id)).toEqual([q!.id]);
  });

  it('works the queue through the API with a full audit trail', async () => {
    await openRevolt();
    const [{ id }] = (await call('GET', '/api/queue?status=open', 'alice')).json.items;
    expect((await call('POST', `/api/queue/${id}/claim`, 'alice')).json).toMatchObject({ status: 'claimed', assignee: 'alice' });
    const stolen = await call('POST', `/api/queue/${id}/claim`, 'bob');
    expect(stolen.status).toBe(409);
    expect(stolen.json.error.code).toBe('conflict');
    expect((await call('POST', `/api/queue/${id}/assign`, 'alice', { agent: 'bob' })).json).toMatchObject({ status: 'claimed', assignee: 'bob' });
    expect((await call('POST', `/api/queue/${id}/note`, 'bob', { text: 'customer <b>DMed</b> us' })).status).toBe(200);
    expect((await call('POST', `/api/queue/${id}/note`, 'bob', {})).status).toBe(400);
    ctx.clock.advance(20 * MIN);
    const responded = await call('POST', `/api/queue/${id}/respond`, 'bob', { text: 'We are on it' });
    expect(responded.json).toMatchObject({ status: 'responded' });
    expect(responded.json.sla.firstResponse.state).toBe('met');
    expect((await call('POST', `/api/queue/${id}/resolve`, 'bob', { text: 'bags delivered' })).json.status).toBe('resolved');
    expect((await call('POST', `/api/queue/${id}/dismiss`, 'bob')).status).toBe(409);
    expect((await call('POST', `/api/queue/${id}/reopen`, 'alice', { text: 'customer came back' })).json).toMatchObject({ status: 'new', assignee: null });
    expect((await call('POST', `/api/queue/${id}/dismiss`, 'alice', { text: 'duplicate' })).json.status).toBe('dismissed');
    expect((await call('POST', `/api/queue/${id}/fly`, 'alice')).status).toBe(404);
    expect((await call('POST', `/api/queue/nope/claim`, 'alice')).status).toBe(404);

    const detail = (await call('GET', `/api/queue/${id}`, 'alice')).json;
    expect(detail.audit.map((a: any) => `${a.actor}:${a.action}`)).toEqual([
      'system:queue.created',
      'alice:queue.claim',
      'alice:queue.assign',
      'bob:queue.note',
      'bob:queue.respond',
      'bob:queue.resolve',
      'alice:queue.reopen',
      'alice:queue.dismiss',
    ]);
    expect(detail.audit[2].detail).toMatchObject({ from: 'claimed', to: 'claimed', assignee: 'bob', previousAssignee: 'alice' });
    expect(detail.audit[4].detail).toMatchObject({ reply: 'We are on it' });
    expect(detail.notes).toEqual([{ at: expect.any(String), actor: 'bob', text: 'customer <b>DMed</b> us' }]);
    expect(detail.posts.map((p: any) => p.id)).toEqual(['p3', 'p2', 'p1']); // newest first (same time: by id), with their links
    expect(detail.posts[0].url).toBe('https://social.example/p3');
    // a revolt's case gets the public holding statement, not a one-to-one reply (issue 14)
    expect(detail.suggestedReply).toMatchObject({ lang: 'en', template: 'en:revolt' });
    expect(detail.templates[0]).toMatchObject({ kind: 'holding' });
    expect(detail.suggestedReply.text).toContain('within 1 hour');
  });

  it('refuses a claim beyond the agent capacity', async () => {
    await openRevolt('r1', ['a1']);
    await openRevolt('r2', ['b1']);
    await openRevolt('r3', ['c1']);
    const items = (await call('GET', '/api/queue', 'alice')).json.items;
    expect((await call('POST', `/api/queue/${items[0].id}/claim`, 'alice')).status).toBe(200);
    expect((await call('POST', `/api/queue/${items[1].id}/claim`, 'alice')).status).toBe(200);
    const third = await call('POST', `/api/queue/${items[2].id}/claim`, 'alice');
    expect(third.status).toBe(409);
    expect(third.json.error.code).toBe('capacity');
  });

  it('escalates on near-breach then breach of the first response, on a simulated clock', async () => {
    await openRevolt();
    const item = await ctx.db.selectFrom('queue_items').selectAll().executeTakeFirstOrThrow();
    ctx.clock.set(MON_0900 + 47 * MIN);
    expect(await escalateTick(ctx)).toEqual({ nearBreach: 0, breach: 0, reassigned: 0 });
    ctx.clock.set(MON_0900 + 48 * MIN); // 80 % of 1 h
    expect(await escalateTick(ctx)).toMatchObject({ nearBreach: 1, breach: 0 });
    expect(await escalateTick(ctx)).toMatchObject({ nearBreach: 0, breach: 0 }); // re-run: nothing twice
    expect((await ctx.db.selectFrom('queue_items').select('priority').executeTakeFirstOrThrow()).priority).toBe('P2');
    ctx.clock.set(MON_0900 + 60 * MIN);
    expect(await escalateTick(ctx)).toMatchObject({ breach: 1 });
    expect((await ctx.db.selectFrom('queue_items').select('priority').executeTakeFirstOrThrow()).priority).toBe('P1');
    const pager = await ctx.db.selectFrom('outbox').select(['kind', 'payload']).where('channel', '=', 'pager').orderBy('created_at').execute();
    expect(pager.map((p) => p.kind)).toEqual(['sla.near_breach', 'sla.breach']);
    expect(JSON.parse(pager[1].payload).summary).toContain('raised from P2 to P1');
    const events = await ctx.db.selectFrom('events').select('type').where('queue_item_id', '=', item.id).execute();
    expect(events.map((e) => e.type).sort()).toEqual(['sla.breach', 'sla.near_breach']);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', item.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['queue.created', 'queue.sla.near_breach', 'queue.sla.breach']);
    expect(JSON.parse(audit[2].detail!)).toMatchObject({ clock: 'first response', priority: { from: 'P2', to: 'P1' } });
    // the resolution clock (8 h) has its own near-breach later
    ctx.clock.set(MON_0900 + 6.4 * 60 * MIN);
    expect(await escalateTick(ctx)).toMatchObject({ nearBreach: 1 });
  });

  it('pauses the SLA clock outside business hours', async () => {
    ctx.clock.set(Date.parse('2026-03-06T16:30:00Z')); // Friday 16:30 London, closes at 17:00
    await openRevolt();
    const item = await ctx.db.selectFrom('queue_items').selectAll().executeTakeFirstOrThrow();
    expect(new Date(item.due_first_response_at!).toISOString()).toBe('2026-03-09T09:30:00.000Z'); // Monday
    ctx.clock.set(Date.parse('2026-03-08T12:00:00Z')); // Sunday: nothing is due
    expect(await escalateTick(ctx)).toMatchObject({ nearBreach: 0, breach: 0 });
  });

  it('reassigns a claimed item nobody answered within the route limit', async () => {
    await openRevolt();
    const { id } = await ctx.db.selectFrom('queue_items').select('id').executeTakeFirstOrThrow();
    await call('POST', `/api/queue/${id}/claim`, 'alice');
    ctx.clock.advance(29 * MIN);
    expect((await escalateTick(ctx)).reassigned).toBe(0);
    ctx.clock.advance(2 * MIN);
    expect((await escalateTick(ctx)).reassigned).toBe(1);
    const after = (await call('GET', `/api/queue/${id}`, 'alice')).json;
    expect(after.assignee).toBe('bob');
    expect(after.audit.at(-1)).toMatchObject({ actor: 'system', action: 'queue.reassign', detail: { from: 'alice', to: 'bob' } });
  });
});
