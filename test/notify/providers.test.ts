import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { startReceiver, verifyDiscord, verifySlack, verifyStandardWebhook, verifyTeams, type Receiver } from '../helpers/webhook-receiver.js';
import { enqueueNotice } from '../../src/notify/outbox.js';
import { deliverDue } from '../../src/notify/deliver.js';
import { digestNotice, postNotice, revoltNotice, slaNotice, type Notice } from '../../src/notify/message.js';

const EVIL = '<!channel> @everyone @here **bold** [click](javascript:alert(1)) <script>alert(1)</script> <https://evil.example|login> & `code` > quote';
const HUGE = 'The bags are gone again! '.repeat(600); // ~15,000 characters

function notices(at: number): Notice[] {
  const posts = [
    { author: '@evil<>user', text: EVIL, url: 'https://social.example/p/1?a=1|b>2', followers: 120_000, source: 'x-acme' },
    { author: '@long', text: HUGE, url: 'javascript:alert(1)', followers: 50_000, source: 'x-acme' },
    { author: '@third', text: HUGE, url: null, followers: 10, source: 'reddit' },
  ];
  const base = { at, target: 'acme', severity: 80, priority: 'P2', team: 'care', link: 'http://backlash.example/queue/q_1' };
  const opened = revoltNotice({ ...base, kind: 'revolt.opened', eventId: 'e_opened', label: `Lost luggage ${EVIL}`, stage: 'escalating', posts: 240, authors: 180, topPosts: posts });
  return [
    opened,
    slaNotice({ ...base, kind: 'sla.breach', eventId: 'e_sla', clock: 'first response', dueAt: at - 60_000, title: HUGE, previousPriority: 'P3', assignee: null, status: 'new' }),
    postNotice({ ...base, eventId: 'e_post', reasons: ['legal', 'reach'], post: posts[0] }),
    digestNotice('e_digest', at, 'ch', Array.from({ length: 60 }, (_, i) => ({ ...opened, title: `${i} ${HUGE.slice(0, 300)} ${EVIL}` })), 'http://backlash.example/queue'),
  ];
}

describe('providers post to a local receiver within each platform limits', () => {
  let rx: Receiver;
  let ctx: TestContext;
  const SECRET = 'whsec_' + Buffer.from('a-very-secret-key-of-32-bytes!!!').toString('base64');
  const OLD = 'an-old-secret-still-valid-1234';
  beforeAll(async () => {
    rx = await startReceiver();
    ctx = await createTestContext({
      config: `
notifications:
  channels:
    - { id: slack, type: slack, url: "${rx.url}/slack", rateLimit: { requests: 100, per: 1s } }
    - { id: discord, type: discord, url: "${rx.url}/discord", rateLimit: { requests: 100, per: 1s } }
    - { id: teams, type: teams, url: "${rx.url}/teams" }
    - { id: hook, type: webhook, url: "${rx.url}/hook", secret: "${SECRET}", previousSecrets: ["${OLD}"] }
`,
      now: Date.now(),
    });
    for (const n of notices(ctx.clock.now())) await enqueueNotice(ctx, { notice: n, channels: ctx.config.notifications.channels, subject: n.eventId, at: ctx.clock.now() });
    const r = await deliverDue(ctx);
    expect(r).toMatchObject({ delivered: 16, dead: 0 });
  });
  afterAll(async () => {
    await ctx.close();
    await rx.close();
  });
  const on = (path: string) => rx.received.filter((r) => r.path === path);

  it('Slack: Block Kit within limits, with <, > and & escaped so nothing pings or forges a link', () => {
    expect(on('/slack')).toHaveLength(4);
    for (const r of on('/slack')) {
      expect(verifySlack(r.json)).toEqual([]);
      // every <…> Slack would parse in mrkdwn is one of our own links to an http(s) URL
      const mrkdwn = JSON.stringify((r.json as any).blocks.flatMap((b: any) => [b.text?.type === 'mrkdwn' ? b.text.text : '', ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)]));
      for (const m of mrkdwn.matchAll(/<[^<>]*>/g)) expect(m[0]).toMatch(/^<https?:\/\/(social|backlash)\.example\/[^|<> ]*\|[^<>]*>$/);
      expect((r.json as any).text).not.toMatch(/<[!@#]/);
    }
    expect(on('/slack')[0].body).toContain('&lt;!channel&gt;');
    expect(on('/slack')[0].body).toContain('<https://social.example/p/1?a=1%7Cb%3E2|open post>');
  });

  it('Discord: one embed within the limits, markdown escaped and mentions disabled', () => {
    expect(on('/discord')).toHaveLength(4);
    for (const r of on('/discord')) {
      expect(verifyDiscord(r.json)).toEqual([]);
      expect(r.body).not.toMatch(/(?<!\\)\[click\]/);
      expect(r.body).not.toContain('javascript:');
      expect(r.body).not.toMatch(/@everyone/); // a zero-width space follows every @
    }
  });

  it('Teams: an Adaptive Card in a Workflows message envelope under 28 KB, markdown escaped', () => {
    expect(on('/teams')).toHaveLength(4);
    for (const r of on('/teams')) {
      expect(verifyTeams(r.json, r.body)).toEqual([]);
      expect(r.body).not.toMatch(/(?<!\\\\)\[click\]/);
      expect(r.body).not.toContain('<script>');
    }
  });

  it('generic webhook: Standard Webhooks signatures valid for the new and the old secret, the event id as webhook-id', () => {
    const hooks = on('/hook');
    expect(hooks.map((h) => h.headers['webhook-id']).sort()).toEqual(['e_digest', 'e_opened', 'e_post', 'e_sla']);
    for (const h of hooks) {
      expect(verifyStandardWebhook(h, [SECRET])).toEqual([]);
      expect(verifyStandardWebhook(h, [OLD])).toEqual([]); // rotation: receivers still on the old secret verify too
      expect(verifyStandardWebhook(h, ['some-other-secret-entirely'])).toEqual(['no signature matches']);
      expect((h.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
      expect(h.json).toMatchObject({ type: expect.any(String), timestamp: expect.any(String), data: { eventId: h.headers['webhook-id'] } });
    }
    const tampered = { ...hooks[0], body: hooks[0].body.replace('acme', 'acne') };
    expect(verifyStandardWebhook(tampered, [SECRET])).toEqual(['no signature matches']);
  });

  it('drops links that are not http(s) from every payload', () => {
    const urls: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'string' && /^(url|link)$/i.test(key)) urls.push(v);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, Array.isArray(v) ? key : k);
    };
    for (const r of rx.received) walk(r.json);
    for (const r of on('/discord')) for (const m of r.body.matchAll(/\]\(<([^>]*)>\)/g)) urls.push(m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u).toMatch(/^https?:\/\//);
  });
});
