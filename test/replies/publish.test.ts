import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { BSKY, fakeBluesky, fakeMastodon, fakeReddit, MASTODON_TOKEN, REDDIT, type FailMode, type FakeServer } from '../helpers/fake-networks.js';
import { createApp } from '../../src/app.js';
import { syncTargets } from '../../src/store/targets.js';
import { publishDue } from '../../src/replies/publish.js';
import { resetReplySessions } from '../../src/replies/publishers/bluesky.js';
import { resetRedditTokens } from '../../src/replies/publishers/reddit.js';
import { tidFor } from '../../src/replies/tid.js';
import { seedPosts } from '../routing/fixtures.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const PARENT_BSKY = 'at://did:plc:customer00000000000000000/app.bsky.feed.post/3kabcdefghi22';
const ROOT_BSKY = { uri: 'at://did:plc:someoneelse0000000000000/app.bsky.feed.post/3kzzzzzzzzz22', cid: 'bafyroot' };

const ROUTING = `
teams:
  - id: care
    agents: [{ id: ana, capacity: 10 }, { id: ben, capacity: 10 }]
    leads: [lee]
default:
  team: care
  sla: { firstResponse: 1h }
routes:
  - id: careful
    match: { escalation: legal }
    team: care
    sla: { firstResponse: 1h }
    approval: true
singlePosts: { complaintScore: 0.5, complaintWait: 0s }
`;

describe.each(DIALECTS)('replies published to the customer’s network (%s)', (dialect) => {
  let ctx: TestContext;
  let nets: { mastodon: FakeServer; bluesky: FakeServer; reddit: FakeServer; helpdesk: Receiver };
  let keys: Record<string, Record<string, string>>;

  beforeEach(async () => {
    resetReplySessions();
    resetRedditTokens();
    nets = { mastodon: await fakeMastodon(), bluesky: await fakeBluesky([{ uri: PARENT_BSKY, cid: 'bafyparent', root: ROOT_BSKY }]), reddit: await fakeReddit(), helpdesk: await startReceiver(() => ({ status: 201, body: JSON.stringify({ id: 'T-77', url: 'https://help.example/T-77' }) })) };
    const config = `
targets:
  - id: acme
    name: Acme Air
    sources:
      - { id: acme-masto, type: mastodon, instance: "${nets.mastodon.url}", tag: acme, accessToken: ${MASTODON_TOKEN} }
      - { id: acme-bsky, type: bluesky, service: "${nets.bluesky.url}", query: acme, identifier: ${BSKY.identifier}, appPassword: ${BSKY.appPassword} }
      - { id: acme-reddit, type: reddit, subreddit: acme, oauthBase: "${nets.reddit.url}", tokenUrl: "${nets.reddit.url}/api/v1/access_token", clientId: ${REDDIT.clientId}, clientSecret: ${REDDIT.clientSecret}, username: ${REDDIT.username}, password: ${REDDIT.password} }
      - { id: acme-news, type: rss, url: "https://news.example/acme.rss" }
replies:
  retryFor: 10m
  backoffBase: 10s
  helpdesk: { url: "${nets.helpdesk.url}/hooks/backlash", secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw }
`;
    ctx = await createTestContext({ dialect, config, now: T0 });
    const { routingSetup } = await import('../routing/fixtures.js');
    const setup = routingSetup(ROUTING);
    ctx.routing = () => setup;
    await syncTargets(ctx, ctx.config.targets);
    await seedPosts(ctx, [
      { id: 'pm', source: 'acme-masto', author: 'maria@social.example', text: 'my bag is lost @acme' },
      { id: 'pb', source: 'acme-bsky', author: 'bo.bsky.social', text: 'lost bag, acme' },
      { id: 'pr', source: 'acme-reddit', author: 'redditor', text: 'Acme lost my bag' },
      { id: 'pn', source: 'acme-news', author: 'newsdesk', text: 'Acme loses bags' },
    ]);
    // external ids as the sources store them
    await ctx.db.updateTable('posts').set({ external_id: '109876543210' }).where('id', '=', 'pm').execute();
    await ctx.db.updateTable('posts').set({ external_id: PARENT_BSKY }).where('id', '=', 'pb').execute();
    await ctx.db.updateTable('posts').set({ external_id: 't3_abc123' }).where('id', '=', 'pr').execute();
    await ctx.db.updateTable('posts').set({ external_id: 'news-1' }).where('id', '=', 'pn').execute();
    const { queueLoneComplaints } = await import('../../src/routing/lone.js');
    await queueLoneComplaints(ctx);
    keys = { ana: (await keyFor(ctx, 'agent', 'ana')).headers, ben: (await keyFor(ctx, 'agent', 'ben')).headers, lee: (await keyFor(ctx, 'agent', 'lee')).headers };
  });
  afterEach(async () => {
    await Promise.all([nets.mastodon.close(), nets.bluesky.close(), nets.reddit.close(), nets.helpdesk.close()]);
    await ctx.close();
  });

  const itemOf = async (post: string) => (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', post).executeTakeFirstOrThrow()).id;
  const api = async (method: string, path: string, as: string, body?: unknown) => {
    const res = await createApp(ctx).request(path, { method, headers: { ...keys[as], 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };
  /** Ticks the worker (the clock moving on between ticks) until nothing is due or `max` ticks passed. */
  async function drain(max = 10) {
    for (let i = 0; i < max; i++) {
      const r = await publishDue(ctx, { random: () => 1 });
      if (r.sent + r.retried + r.dead === 0) return;
      ctx.clock.advance(60_000);
    }
  }

  const cases: [string, FailMode, 'pm' | 'pb' | 'pr'][] = [];
  for (const [net, post] of [['mastodon', 'pm'], ['bluesky', 'pb'], ['reddit', 'pr']] as const) for (const fail of ['none', 'before', 'after'] as FailMode[]) cases.push([net, fail, post]);

  // before: the server fails without publishing; after: it publishes, then the answer is lost (503)
  it.each(cases)('publishes to %s exactly once (the first attempt fails: %s)', async (net, fail, post) => {
    const server = nets[net as 'mastodon'];
    server.fail = fail;
    const item = await itemOf(post);
    const res = await api('POST', `/api/queue/${item}/replies`, 'ana', { text: 'Hi {author}, sorry about your bag: send us a DM with your file reference.' });
    expect(res.status).toBe(201);
    expect(res.json.replies).toMatchObject([{ channel: net, status: 'pending', postId: post }]);
    await drain();
    expect(server.published).toHaveLength(1);
    const [p] = server.published;
    expect(p.text).toMatch(/^Hi @.+, sorry about your bag/);
    expect(p.parent).toBe({ pm: '109876543210', pb: PARENT_BSKY, pr: 't3_abc123' }[post]);
    const detail = (await api('GET', `/api/queue/${item}`, 'ana')).json;
    expect(detail.replies).toMatchObject([{ status: 'sent', remoteId: p.id, attempts: fail === 'none' ? 1 : 2 }]);
    expect(detail.replies[0].remoteUrl).toMatch(net === 'bluesky' ? /^https:\/\/bsky\.app\/profile\/care\.acme\.test\/post\// : /^http/);
    expect(detail).toMatchObject({ status: 'responded', sla: { firstResponse: { state: 'met' } } });
    expect(detail.posts[0]).toMatchObject({ id: post, caseStatus: 'answered' });
    expect(detail.audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['reply.drafted', 'reply.sent']));
  });

  it('replies in a Bluesky thread: root from the parent’s own reply ref, a record key derived from the reply', async () => {
    const item = await itemOf('pb');
    const { json } = await api('POST', `/api/queue/${item}/replies`, 'ana', { text: 'We are on it.' });
    await drain();
    const row = await ctx.db.selectFrom('replies').selectAll().where('id', '=', json.replies[0].id).executeTakeFirstOrThrow();
    expect(nets.bluesky.published[0].id).toBe(`at://${BSKY.did}/app.bsky.feed.post/${tidFor(row.created_at, row.id)}`);
  });

  it('hands a reply to a post from a source without a reply API to the helpdesk webhook, signed, with the ticket recorded', async () => {
    const item = await itemOf('pn');
    await api('POST', `/api/queue/${item}/replies`, 'ana', { text: 'Thanks, our press team will call you.' });
    await drain();
    expect(nets.helpdesk.received).toHaveLength(1);
    const got = nets.helpdesk.received[0];
    expect(got.headers['webhook-signature']).toMatch(/^v1,/);
    expect(got.json).toMatchObject({ type: 'reply.requested', data: { reply: { text: 'Thanks, our press team will call you.' }, post: { id: 'pn', source: 'acme-news', sourceType: 'rss' } } });
    const detail = (await api('GET', `/api/queue/${item}`, 'ana')).json;
    expect(detail.replies[0]).toMatchObject({ channel: 'helpdesk', status: 'sent', remoteId: 'T-77', remoteUrl: 'https://help.example/T-77' });
  });

  it('dead-letters a reply at the retryFor horizon, and a resend publishes it once', async () => {
    nets.mastodon.fail = 'always';
    const item = await itemOf('pm');
    await api('POST', `/api/queue/${item}/replies`, 'ana', { text: 'Sorry!' });
    // from one due try to the next, on the simulated clock, until the 10 min horizon
    for (let r = await ctx.db.selectFrom('replies').selectAll().executeTakeFirstOrThrow(); r.status === 'pending'; r = await ctx.db.selectFrom('replies').selectAll().executeTakeFirstOrThrow()) {
      ctx.clock.set(r.next_attempt_at);
      await publishDue(ctx, { random: () => 1 });
    }
    let detail = (await api('GET', `/api/queue/${item}`, 'ana')).json;
    expect(detail.replies[0]).toMatchObject({ status: 'dead', lastStatus: 500 });
    expect(detail.replies[0].lastError).toMatch(/^no answer from mastodon for 10 min \(the retryFor horizon\)/);
    expect((await api('GET', '/api/replies?status=dead', 'ana')).json.items).toHaveLength(1);
    nets.mastodon.fail = 'none';
    const resend = await api('POST', `/api/queue/${item}/replies/${detail.replies[0].id}/resend`, 'ana');
    expect(resend.json).toMatchObject({ status: 'pending', attempts: 0 });
    await drain();
    detail = (await api('GET', `/api/queue/${item}`, 'ana')).json;
    expect(detail.replies[0]).toMatchObject({ status: 'sent' });
    expect(nets.mastodon.published).toHaveLength(1);
  });

  it('holds a reply on an approval route until a lead other than its author approves it', async () => {
    const item = await itemOf('pr');
    await ctx.db.updateTable('queue_items').set({ needs_approval: 1 }).where('id', '=', item).execute();
    const draft = await api('POST', `/api/queue/${item}/replies`, 'ana', { text: 'Hello, we are sorry.' });
    const reply = draft.json.replies[0];
    expect(reply.status).toBe('awaiting_approval');
    await drain();
    expect(nets.reddit.published).toHaveLength(0);
    expect((await api('POST', `/api/queue/${item}/replies/${reply.id}/approve`, 'ben')).status).toBe(403); // not a lead
    expect((await api('POST', `/api/queue/${item}/replies/${reply.id}/approve`, 'ana')).status).toBe(403); // not a lead either (and its author)
    const ok = await api('POST', `/api/queue/${item}/replies/${reply.id}/approve`, 'lee', { text: 'fine' });
    expect(ok.json).toMatchObject({ status: 'pending', decidedBy: 'lee', note: 'fine' });
    expect((await api('POST', `/api/queue/${item}/replies/${reply.id}/approve`, 'lee')).status).toBe(409);
    await drain();
    expect(nets.reddit.published).toHaveLength(1);
    const trail = (await api('GET', `/api/queue/${item}`, 'ana')).json.audit.map((a: any) => `${a.actor}:${a.action}`);
    expect(trail).toEqual(expect.arrayContaining(['ana:reply.drafted', 'lee:reply.approved', 'system:reply.sent']));
  });

  it('refuses a reply to a source that cannot publish and has no helpdesk, naming the fix', async () => {
    await ctx.db.updateTable('sources').set({ config: JSON.stringify({ instance: nets.mastodon.url, tag: 'acme' }) }).where('id', '=', 'acme-masto').execute();
    ctx.config = { ...ctx.config, replies: { ...ctx.config.replies, helpdesk: undefined } };
    const res = await api('POST', `/api/queue/${await itemOf('pm')}/replies`, 'ana', { text: 'hi' });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/accessToken/);
  });
});
