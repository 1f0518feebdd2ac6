/**
 * The response desk in real Chromium, at a desktop width (1440 px) and a phone's (390 px): a case
 * through claim, assign, a reply published to a local Mastodon-speaking server (which loses the
 * answer to the first attempt), approval and resolution; bulk actions on a case's posts; a breach
 * marked on the tick it happens and in the breached view; the live inbox warning that someone else
 * claimed an item; "why this post" with a relabel; and no page wider than the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { launchBrowser, serveApp } from '../helpers/browser.js';
import { CHROMIUM, skipWithout } from '../helpers/requirements.js';
import { fakeMastodon, MASTODON_TOKEN, type FakeServer } from '../helpers/fake-networks.js';
import { routingSetup, revolt, seedPosts, seedRevoltRow } from '../routing/fixtures.js';
import { createApp } from '../../src/app.js';
import { nodeClientAddress } from '../../src/entry/access-node.js';
import { recordRevoltEvent } from '../../src/revolts/record.js';
import { queueLoneComplaints } from '../../src/routing/lone.js';
import { escalateTick } from '../../src/routing/escalate.js';
import { publishDue } from '../../src/replies/publish.js';
import { syncTargets } from '../../src/store/targets.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const HOSTILE = '<img src=x onerror="window.__pwned=1"> where is my bag';

const ROUTING = `
teams:
  - id: care
    agents: [{ id: ana, capacity: 5 }, { id: ben, capacity: 5 }]
    leads: [lee]
  - id: comms
    agents: [{ id: cai, capacity: 5 }]
routes:
  - id: revolts
    match: { kind: revolt }
    team: care
    sla: { firstResponse: 1h, resolve: 8h }
    approval: true
default:
  team: care
  sla: { firstResponse: 2h, resolve: 2d }
singlePosts: { complaintScore: 0.5, complaintWait: 0s, joinRevolts: false, sameAuthor: false }
`;

describe.skipIf(skipWithout(CHROMIUM)).each([1440, 390])('the desk in Chromium at %i px', (width) => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let mastodon: FakeServer;
  const keys: Record<string, string> = {};
  let caseId = '';
  const postIds = Array.from({ length: 14 }, (_, k) => `m${String(k).padStart(2, '0')}`);

  /** A page signed in as this person, in a browser context of their own. */
  async function page(as: string): Promise<Page> {
    const context: BrowserContext = await browser.newContext();
    const p = await context.newPage();
    await p.setViewportSize({ width, height: 900 });
    await p.goto(`${server.url}/signin`);
    await p.getByLabel('API key').fill(keys[as]);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${server.url}/`);
    return p;
  }
  const noOverflow = async (p: Page, what: string) => expect(await p.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(width);

  beforeAll(async () => {
    mastodon = await fakeMastodon();
    const config = `
targets:
  - id: acme
    name: Acme Air
    sources:
      - { id: acme-masto, type: mastodon, instance: "${mastodon.url}", tag: acme, accessToken: ${MASTODON_TOKEN} }
replies: { maxAttempts: 4, backoffBase: 5s }
`;
    ctx = await createTestContext({ now: T0, config });
    const setup = routingSetup(ROUTING);
    ctx.routing = () => setup;
    await syncTargets(ctx, ctx.config.targets);
    for (const [name, role] of [['ana', 'agent'], ['ben', 'agent'], ['lee', 'agent'], ['vic', 'viewer'], ['root', 'admin']] as const) keys[name] = (await keyFor(ctx, role, name)).key;
    await seedPosts(ctx, postIds.map((id, k) => ({ id, source: 'acme-masto', author: k === 3 ? '<b>x</b>' : `cust${k}`, followers: 100 + k, text: k === 3 ? HOSTILE : `my bag is lost, day ${k} #AcmeLostMyBag`, url: k === 3 ? 'javascript:window.__pwned=2' : `https://social.example/@cust${k}/${k}`, at: T0 - (30 - k) * MIN, topics: [{ id: 'lost-items', score: 1, pillar: 'resolution', touchpoint: 'delivery' }] })));
    for (const [k, id] of postIds.entries()) await ctx.db.updateTable('posts').set({ external_id: String(109_000_000 + k) }).where('id', '=', id).execute();
    const r = revolt({ id: 'rv1', key: 'lost-items', label: 'Lost items — Acme Air', postIds, explain: { reason: '14 negative posts from 14 distinct authors in 30 min on lost-items, against 0.4 expected', key: 'lost-items', kind: 'topic', observed: 14, posts: 14, expected: 0.4, ratio: 35, pValue: 1e-9, mergedKeys: [{ key: 'lost-items', observed: 14, expected: 0.4, score: 9 }, { key: '#acmelostmybag', observed: 9, expected: 0.1, score: 7 }], levels: [{ level: 'topic', key: 'lost-items', observed: 14, expected: 0.4, score: 9, windowMinutes: 30 }] } });
    await seedRevoltRow(ctx, r);
    await ctx.db.updateTable('revolts').set({ explain: JSON.stringify(r.explain) }).where('id', '=', 'rv1').execute();
    await recordRevoltEvent(ctx, 'revolt.opened', T0, r);
    caseId = (await ctx.db.selectFrom('queue_items').select('id').where('revolt_id', '=', 'rv1').executeTakeFirstOrThrow()).id;
    // a lone complaint from someone else: its own item
    await seedPosts(ctx, [{ id: 'lone', source: 'acme-masto', author: 'dora', text: 'charged twice for my seat', at: T0 }]);
    await queueLoneComplaints(ctx);
    server = await serveApp(createApp(ctx, { clientAddress: nodeClientAddress }));
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mastodon?.close();
    await ctx?.close();
  });

  it('works a case through claim, assign, a reply published to Mastodon once (first attempt lost), approval and resolution', async () => {
    const ana = await page('ana');
    await ana.goto(`${server.url}/inbox`);
    const row = ana.locator(`#case-${caseId}`);
    await expect.poll(() => row.count()).toBe(1);
    await noOverflow(ana, 'inbox');
    await row.getByRole('link', { name: 'Open case' }).click();
    await ana.waitForURL(`${server.url}/cases/${caseId}`);
    await noOverflow(ana, 'case');
    // the newest posts first, the rest behind "show all"
    expect(await ana.locator('#case-posts > ul.posts-list > li').count()).toBe(10);
    expect(await ana.locator('#case-posts > ul.posts-list > li').first().getAttribute('data-post')).toBe('m13');
    await ana.locator('#more-posts summary').click();
    expect(await ana.locator('#more-posts li').count()).toBe(4);
    await ana.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => ana.locator('#case .assignee').first().textContent()).toBe('ana');
    await ana.getByLabel('Assign to').selectOption('ben');
    await ana.locator('form[data-api$="/assign"]').filter({ has: ana.getByLabel('Assign to') }).getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => ana.locator('#case .assignee').first().textContent()).toBe('ben');

    const ben = await page('ben');
    await ben.goto(`${server.url}/cases/${caseId}`);
    expect(await ben.getByLabel('Template').inputValue()).toMatch(/holding/); // a revolt's case: a public holding statement first
    await ben.locator('#post-m13 input[data-pick]').check();
    await ben.locator('#post-m12 input[data-pick]').check();
    await ben.getByLabel(/^Reply/).fill('Hi {author}, we are tracing every bag and will update you within the hour.');
    await ben.getByRole('button', { name: 'Send to the selected posts' }).click();
    await expect.poll(() => ben.locator('#replies li[data-status="awaiting_approval"]').count()).toBe(2);
    expect(await ben.getByRole('button', { name: 'Approve and send' }).count()).toBe(0); // not a lead
    await publishDue(ctx);
    expect(mastodon.published).toHaveLength(0);

    const lee = await page('lee');
    await lee.goto(`${server.url}/cases/${caseId}`);
    mastodon.fail = 'after'; // the network publishes the first reply but its answer is lost
    for (let i = 0; i < 2; i++) {
      await lee.getByRole('button', { name: 'Approve and send' }).first().click();
      await expect.poll(() => lee.locator('#replies li[data-status="awaiting_approval"]').count()).toBe(1 - i);
    }
    for (let i = 0; i < 4 && (await ctx.db.selectFrom('replies').select('id').where('status', '=', 'pending').execute()).length; i++) {
      await publishDue(ctx, { random: () => 1 });
      ctx.clock.advance(MIN);
    }
    expect(mastodon.published.map((p) => p.parent).sort()).toEqual(['109000012', '109000013']);
    expect(mastodon.published.map((p) => p.text)).toEqual(expect.arrayContaining(['Hi @cust13, we are tracing every bag and will update you within the hour.']));
    await lee.reload();
    await expect.poll(() => lee.locator('#replies li[data-status="sent"]').count()).toBe(2);
    expect(await lee.locator('#replies a.remote-url').first().getAttribute('href')).toMatch(new RegExp(`^${mastodon.url}/@care/`));
    expect(await lee.locator('#post-m13 .status-pill.answered').count()).toBe(1);
    await noOverflow(lee, 'case with replies');

    await ben.reload();
    await ben.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => ben.locator('#case').getAttribute('data-status')).toBe('resolved');
    const trail = await ben.locator('#audit li').allTextContents();
    for (const want of [/ana claimed it/, /ana assigned it to ben/, /ben wrote 2 replies, waiting for approval/, /lee approved the reply/, /reached mastodon as \d+ after 2 attempts/, /ben resolved it/]) expect(trail.some((t) => want.test(t)), String(want)).toBe(true);
    await Promise.all([ana.close(), ben.close(), lee.close()]);
  }, 120_000);

  it('resolves, dismisses and splits a case’s posts in bulk', async () => {
    const ana = await page('ana');
    await ana.goto(`${server.url}/cases/${caseId}`);
    await ana.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => ana.locator('#case').getAttribute('data-status')).toBe('new');
    await ana.locator('#post-m11 input[data-pick]').check();
    await ana.locator('#post-m10 input[data-pick]').check();
    await ana.getByRole('button', { name: 'Resolve selected' }).click();
    await expect.poll(() => ana.locator('#post-m11 .status-pill.resolved').count()).toBe(1);
    await ana.locator('#post-m09 input[data-pick]').check();
    await ana.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => ana.locator('#post-m09 .status-pill.dismissed').count()).toBe(1);
    await ana.getByRole('button', { name: 'Split selected into a new case' }).click();
    expect(await ana.locator('#flash').textContent()).toBe('Select posts first.');
    await ana.locator('#post-m08 input[data-pick]').check();
    await ana.locator('#post-m07 input[data-pick]').check();
    await ana.getByLabel('New case title').fill('Two customers with damaged cases');
    await ana.getByRole('button', { name: 'Split selected into a new case' }).click();
    await ana.waitForURL((u) => u.pathname.startsWith('/cases/') && !u.pathname.endsWith(caseId));
    expect(await ana.locator('h2').textContent()).toContain('Two customers with damaged cases');
    expect((await ana.locator('#case-posts li[data-post]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-post')))).sort()).toEqual(['m07', 'm08']);
    await noOverflow(ana, 'split case');
    await ana.close();
  }, 60_000);

  it('marks a breach on the tick it happens, lists it under Breached, and warns when someone else claimed an item', async () => {
    const lone = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'lone').executeTakeFirstOrThrow()).id;
    // the clock of the lone complaint runs out a moment after the page is drawn
    await ctx.db.updateTable('queue_items').set({ due_first_response_at: ctx.clock.now() + 1_500, near_first_response_at: ctx.clock.now() + 500 }).where('id', '=', lone).execute();
    const ben = await page('ben');
    await ben.goto(`${server.url}/inbox`);
    await expect.poll(() => ben.locator('body').getAttribute('data-live')).toBe('on');
    const badge = ben.locator(`#case-${lone} .sla`);
    expect(await badge.getAttribute('class')).not.toContain('breached');
    await expect.poll(() => badge.getAttribute('class'), { timeout: 5_000 }).toContain('breached');
    expect(await badge.textContent()).toMatch(/^SLA breached: first response overdue by/);
    expect(await ben.locator(`#case-${lone}`).getAttribute('class')).toContain('sla-breached');

    ctx.clock.advance(2_000);
    await escalateTick(ctx); // the server's tick: the breach is recorded and announced on the stream
    await ben.goto(`${server.url}/inbox?view=breached`);
    expect(await ben.locator('li.case-row').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-id')))).toContain(lone);
    expect(await ben.locator('[data-count="breached"]').textContent()).not.toBe('0');
    await noOverflow(ben, 'breached view');

    // someone else claims it: ben's open inbox says so without a reload
    await ben.goto(`${server.url}/inbox`);
    await expect.poll(() => ben.locator('body').getAttribute('data-live')).toBe('on');
    const res = await fetch(`${server.url}/api/queue/${lone}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${keys.ana}` } });
    expect(res.status).toBe(200);
    const warning = ben.locator(`#case-${lone} .claimed-warning`);
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warning.textContent()).toBe('ana claimed this just now.');
    expect(await ben.locator(`#case-${lone} .assignee`).textContent()).toBe('ana');
    expect(await ben.locator(`#case-${lone} form[data-api$="/claim"]`).count()).toBe(0);

    // an item that arrives while the inbox is open is drawn by the live script with the server's row
    await seedPosts(ctx, [{ id: 'lone-live', source: 'acme-masto', author: 'erin', text: HOSTILE, at: T0 }]);
    await queueLoneComplaints(ctx);
    const arrived = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'lone-live').executeTakeFirstOrThrow()).id;
    const row = ben.locator(`#case-${arrived}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('h3 a').getAttribute('href')).toBe(`/cases/${arrived}`);
    expect(await row.locator('form[data-api$="/claim"] button').textContent()).toBe('Claim');
    expect(await row.locator('.sla[data-due]').getAttribute('role')).toBe('timer');
    expect(await row.locator('.status-pill').textContent()).toBe('new');
    expect(await ben.locator('main img').count()).toBe(0);
    expect(await ben.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await ben.close();
  }, 60_000);

  it('explains a post, and relabels it with a known topic and a corrected complaint flag', async () => {
    const ana = await page('ana');
    await ana.goto(`${server.url}/posts/lone`);
    await noOverflow(ana, 'why this post');
    expect((await ana.locator('#why-summary').textContent()) ?? '').toMatch(/complaint/i);
    expect((await ana.locator('#why-routing').textContent()) ?? '').toMatch(/singlePosts\.complaintScore/);
    const form = ana.locator('form.relabel');
    const options = await form.getByLabel('Topic').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['billing', 'lost-items', 'null']));
    expect(options).not.toContain('delays');
    await form.getByLabel('Complaint').selectOption('false');
    await form.getByLabel('Topic').selectOption('billing');
    await form.getByRole('button', { name: 'Correct' }).click();
    await expect.poll(() => ana.locator('#flash').textContent()).toBe('Label correction recorded.');
    const rows = await ctx.db.selectFrom('label_feedback').selectAll().where('post_id', '=', 'lone').execute();
    expect(rows).toMatchObject([{ complaint: 0, topic: 'billing', sentiment: null, actor: 'ana' }]);
    await ana.close();
  }, 60_000);

  it('draws the revolt page’s charts with axes and explains why it opened, hostile text inert', async () => {
    const vic = await page('vic');
    const dialogs: string[] = [];
    vic.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await vic.goto(`${server.url}/revolts/rv1`);
    await expect.poll(() => vic.locator('body').getAttribute('data-chart')).toBe('ready');
    expect(await vic.locator('#chart-volume canvas').count()).toBe(1);
    expect(await vic.locator('#chart-negativity canvas').count()).toBe(1);
    expect(await vic.locator('#chart-volume .u-axis').count()).toBeGreaterThanOrEqual(2);
    const box = await vic.locator('#chart-volume canvas').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(width);
    expect(await vic.locator('#answers-data li').count()).toBe(2); // the two replies sent
    expect(await vic.locator('#why-opened').textContent()).toMatch(/14 different customers/);
    expect(await vic.locator('#merged-keys tbody tr').count()).toBe(2);
    expect(await vic.locator('#levels tbody tr').count()).toBe(1);
    await noOverflow(vic, 'revolt');
    expect(await vic.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await vic.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await vic.close();
  }, 60_000);

  it('fits every page on the screen', async () => {
    const root = await page('root');
    const lone = (await ctx.db.selectFrom('queue_items').select('id').where('post_id', '=', 'lone').executeTakeFirstOrThrow()).id;
    const paths = ['/', '/inbox', '/inbox?view=mine', '/inbox?view=closed', '/inbox?view=awaiting-approval', `/cases/${caseId}`, `/cases/${lone}`, '/revolts/rv1', '/posts/m03', '/team', '/overview', '/sources', '/rules', '/keys', '/docs/api'];
    for (const path of paths) {
      await root.goto(`${server.url}${path}`);
      await noOverflow(root, path);
    }
    await root.goto(`${server.url}/signin`);
    await noOverflow(root, '/signin');
    await root.close();
  }, 60_000);
});
