import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { createApp } from '../../src/app.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { queueLoneComplaints } from '../../src/routing/lone.js';
import { routingSetup, revolt, seedPosts, seedRevoltRow } from './fixtures.js';

const ROUTING = `
teams:
  - id: care
    agents: [{ id: ana, capacity: 3 }, { id: ben, capacity: 3 }]
    leads: [ana]
  - id: comms
    agents: [{ id: cai, capacity: 2 }]
routes:
  - id: revolts
    match: { kind: revolt }
    team: care
    sla: { firstResponse: 1h, resolve: 8h }
default:
  team: care
  sla: { firstResponse: 2h, nearBreach: 0.5 }
singlePosts: { complaintScore: 0.5, complaintWait: 0s, joinRevolts: false }
`;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

describe.each(DIALECTS)('the desk API (%s)', (dialect) => {
  let ctx: TestContext;
  let h: Record<string, Record<string, string>>;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect, now: T0 });
    const setup = routingSetup(ROUTING);
    ctx.routing = () => setup;
    h = {};
    for (const [name, role] of [['ana', 'agent'], ['ben', 'agent'], ['cai', 'agent'], ['vic', 'viewer']] as const) h[name] = (await keyFor(ctx, role, name)).headers;
  });
  afterEach(async () => ctx.close());

  const api = async (method: string, path: string, as: string, body?: unknown) => {
    ctx.clock.advance(1_000);
    const res = await createApp(ctx).request(path, { method, headers: { ...h[as], 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };

  async function seedDesk() {
    await seedPosts(ctx, [{ id: 'r1', at: T0 - 30 * MIN }, { id: 'r2', at: T0 - 20 * MIN }, { id: 'r3', at: T0 - 10 * MIN }]);
    const r = revolt({ id: 'rv', postIds: ['r1', 'r2', 'r3'] });
    await seedRevoltRow(ctx, r);
    await recordRevoltEvent(ctx, 'revolt.opened', T0, r);
    ctx.clock.set(T0 + 30 * MIN);
    await seedPosts(ctx, [{ id: 'solo', author: 'sam', at: T0 + 30 * MIN }]);
    await queueLoneComplaints(ctx);
    const items = await ctx.db.selectFrom('queue_items').select(['id', 'kind']).execute();
    return { revoltCase: items.find((i) => i.kind === 'revolt')!.id, solo: items.find((i) => i.kind === 'post')!.id };
  }

  it('lists the queue by the clock that runs out first, then priority, and shows breaches at once, with a view of their own', async () => {
    const { revoltCase, solo } = await seedDesk();
    let list = (await api('GET', '/api/queue', 'vic')).json;
    expect(list.items.map((i: any) => i.id)).toEqual([revoltCase, solo]); // due 10:00 before 11:30
    expect(list.counts).toMatchObject({ open: 2, breached: 0 });
    ctx.clock.set(T0 + 60 * MIN + 1); // the revolt's first-response clock just ran out; no escalation tick has run
    list = (await api('GET', '/api/queue?view=breached', 'vic')).json;
    expect(list.items.map((i: any) => [i.id, i.sla.state])).toEqual([[revoltCase, 'breached']]);
    expect(list.counts).toMatchObject({ breached: 1 });
    ctx.clock.set(T0 + 90 * MIN); // the single post passes its near-breach point (half of 2 h)
    expect((await api('GET', '/api/queue?view=near-breach', 'vic')).json.items.map((i: any) => i.id)).toEqual([solo]);
  });

  it('tells the second agent who already claimed an item, reassigns to a teammate or another team, and shows each person’s load', async () => {
    const { revoltCase, solo } = await seedDesk();
    expect((await api('POST', `/api/queue/${solo}/claim`, 'ana')).status).toBe(200);
    const second = await api('POST', `/api/queue/${solo}/claim`, 'ben');
    expect(second).toMatchObject({ status: 409, json: { error: { code: 'conflict', message: 'ana already claimed this item' } } });
    expect((await api('POST', `/api/queue/${solo}/assign`, 'ana', { agent: 'ben' })).json).toMatchObject({ status: 'claimed', assignee: 'ben', team: 'care' });
    expect((await api('POST', `/api/queue/${revoltCase}/assign`, 'ana', { agent: 'cai' })).json).toMatchObject({ assignee: 'cai', team: 'comms' });
    const toTeam = await api('POST', `/api/queue/${solo}/assign`, 'ben', { team: 'comms' });
    expect(toTeam.json).toMatchObject({ status: 'new', assignee: null, team: 'comms' });
    expect((await api('POST', `/api/queue/${solo}/assign`, 'ben', { team: 'nope' })).status).toBe(400);
    const team = (await api('GET', '/api/team', 'vic')).json;
    expect(team.teams.find((t: any) => t.id === 'comms')).toMatchObject({ unclaimed: 1, open: 2, people: [{ id: 'cai', open: 1, capacity: 2, lead: false }] });
    expect(team.teams.find((t: any) => t.id === 'care').people.find((p: any) => p.id === 'ana')).toMatchObject({ lead: true, open: 0 });
    const trail = (await api('GET', `/api/queue/${solo}`, 'vic')).json.audit.map((a: any) => `${a.actor}:${a.action}`);
    expect(trail).toEqual(['system:queue.created', 'ana:queue.claim', 'ana:queue.assign', 'ben:queue.assign']);
  });

  it('shows a case with its posts newest first and acts on them in bulk, merges and splits through the API', async () => {
    const { revoltCase, solo } = await seedDesk();
    let d = (await api('GET', `/api/queue/${revoltCase}`, 'vic')).json;
    expect(d.posts.map((p: any) => p.id)).toEqual(['r3', 'r2', 'r1']);
    expect(d).toMatchObject({ postCount: 3, postCounts: { open: 3 } });
    const merged = await api('POST', `/api/queue/${solo}/merge`, 'ana', { into: revoltCase });
    expect(merged.json).toMatchObject({ status: 'merged', mergedInto: revoltCase });
    expect((await api('POST', `/api/queue/${solo}/claim`, 'ana')).status).toBe(409);
    const bulk = await api('POST', `/api/queue/${revoltCase}/posts`, 'ana', { status: 'dismissed', postIds: ['r1'] });
    expect(bulk.json.changed).toEqual(['r1']);
    const split = await api('POST', `/api/queue/${revoltCase}/split`, 'ana', { postIds: ['solo'] });
    expect(split.status).toBe(201);
    expect(split.json.item).toMatchObject({ kind: 'post', postId: 'solo', status: 'new' });
    d = split.json.from;
    expect(d.posts.map((p: any) => [p.id, p.caseStatus])).toEqual([['r3', 'open'], ['r2', 'open'], ['r1', 'dismissed']]);
    const all = await api('POST', `/api/queue/${revoltCase}/posts`, 'ana', { status: 'resolved' });
    expect(all.json.changed.sort()).toEqual(['r2', 'r3']);
    expect((await api('POST', `/api/queue/${revoltCase}/posts`, 'vic', { status: 'resolved' })).status).toBe(403);
    expect((await api('POST', `/api/queue/${revoltCase}/merge`, 'ana', { into: revoltCase })).status).toBe(400);
  });
});
