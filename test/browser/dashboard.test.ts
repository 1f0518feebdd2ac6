import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { background, makePost } from '../helpers/posts.js';
import { keyFor } from '../helpers/auth.js';
import { launchChromium, serveApp } from '../helpers/browser.js';
import { CHROMIUM, skipWithout } from '../helpers/requirements.js';
import { createApp } from '../../src/app.js';
import { nodeClientAddress } from '../../src/entry/access-node.js';
import { processPosts } from '../../src/pipeline/process.js';
import { detectRevolts } from '../../src/revolts/detect.js';
import { syncTargets } from '../../src/store/targets.js';
import type { NormalizedPost } from '../../src/types.js';
import { LOST_LUGGAGE } from '../helpers/luggage.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const MIN = 60_000;
const ONSET = T0 + 6 * 60 * MIN;
const HOSTILE = '<img src=x onerror="window.__pwned=1"> my luggage is lost, terrible service';

/** The replayed stream: quiet background, then a growing burst of lost-items complaints. */
function stream(): NormalizedPost[] {
  const burst = Array.from({ length: 30 }, (_, k) =>
    makePost({
      text: k === 3 ? HOSTILE : `@AcmeAir ${LOST_LUGGAGE[k]}`,
      url: k === 3 ? 'javascript:window.__pwned=2' : `https://social.example/p/${k}`,
      publishedAt: ONSET + k * 90_000,
      author: { id: `angry-${k}`, handle: k === 3 ? '<b>x</b>' : `angry${k}`, followers: k === 3 ? 1_000_000 : 200 + k * 1000 },
    }),
  );
  return [...background(T0, ONSET + 50 * MIN), ...burst].sort((a, b) => a.publishedAt - b.publishedAt);
}

describe.skipIf(skipWithout(CHROMIUM))('dashboard in Chromium', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let keys: Record<'viewer' | 'agent', string>;
  const posts = stream();
  let fed = 0;
  let now = T0;

  /** Replays the stream up to `until`, with a detection tick every 5 simulated minutes. */
  async function replay(until: number) {
    for (; now <= until; now += 5 * MIN) {
      ctx.clock.set(now);
      const batch: NormalizedPost[] = [];
      while (fed < posts.length && posts[fed].publishedAt <= now) batch.push(posts[fed++]);
      await processPosts(ctx, batch);
      await detectRevolts(ctx, now);
    }
  }

  async function signIn(page: Page, key: string) {
    await context.clearCookies();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  beforeAll(async () => {
    ctx = await createTestContext({ now: T0 });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
    keys = { viewer: (await keyFor(ctx, 'viewer', 'vera')).key, agent: (await keyFor(ctx, 'agent', 'ana')).key };
    server = await serveApp(createApp(ctx, { clientAddress: nodeClientAddress }));
    browser = await launchChromium();
    context = browser.context;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it('signs in, shows a revolt from the replayed stream, and updates it live as it grows', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    expect(page.url()).toContain('/signin');
    await signIn(page, keys.agent);
    await expect.poll(() => page.locator('body').getAttribute('data-live')).toBe('on');
    expect(await page.locator('#open-count').textContent()).toBe('0');

    await replay(ONSET + 20 * MIN);
    const card = page.locator('article.revolt').first();
    await card.waitFor({ timeout: 10_000 }); // appeared without a reload
    expect(await card.locator('.key').textContent()).toBe('lost-items');
    expect(await card.locator('.target').textContent()).toBe('acme');
    expect(await card.locator('svg.spark path.volume').count()).toBe(1);
    expect(await card.locator('.why-text').textContent()).not.toBe('');
    const before = Number(await card.locator('.members').textContent());

    await replay(ONSET + 50 * MIN);
    await expect.poll(async () => Number(await page.locator('article.revolt .members').first().textContent()), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await page.locator('#open-count').textContent()).toBe('1');

    // hostile text arrived through the live path: shown as text, nothing ran
    await expect.poll(() => page.locator('article.revolt .post-text', { hasText: '<img src=x' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('article.revolt img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // one card, one drawing: the live card is the one the server renders for a fresh page
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/`);
    const served = await fresh.locator('article.revolt').first().evaluate((n) => n.outerHTML);
    expect(served).toContain('&lt;img src=x');
    await expect.poll(() => page.locator('article.revolt').first().evaluate((n) => n.outerHTML), { timeout: 10_000 }).toBe(served);
    await fresh.close();
    await page.close();
  }, 120_000);

  it('shows hostile post text and javascript: links as inert text on every page', async () => {
    const page = await context.newPage();
    const revoltId = (await ctx.db.selectFrom('revolts').select('id').executeTakeFirstOrThrow()).id;
    const caseId = (await ctx.db.selectFrom('queue_items').select('id').where('revolt_id', '=', revoltId).executeTakeFirstOrThrow()).id;
    const hostileId = (await ctx.db.selectFrom('posts').select('id').where('text', '=', HOSTILE).executeTakeFirstOrThrow()).id;
    for (const path of ['/', `/revolts/${revoltId}`, '/inbox', `/cases/${caseId}`, `/posts/${hostileId}`]) {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
      expect(await page.locator('a[href^="javascript:"]').count(), path).toBe(0);
      expect(await page.locator('main img').count(), path).toBe(0);
    }
    await page.goto(`${server.url}/revolts/${revoltId}`);
    expect(await page.getByText(HOSTILE, { exact: false }).count()).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('claims an item from the inbox, drafts the reply from the template, marks it responded and resolves it', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/inbox`);
    const row = page.locator('li.case-row', { has: page.locator('form[data-api$="/claim"]') }).first();
    const itemId = (await row.getAttribute('data-id'))!;
    await row.getByRole('button', { name: 'Claim' }).click();
    const claimed = page.locator(`#case-${itemId}`);
    await expect.poll(() => claimed.locator('.status-pill').textContent()).toBe('claimed'); // updated in place, no reload
    expect(await page.locator('#flash').textContent()).toBe('Claimed.');
    expect(await claimed.locator('.assignee').textContent()).toBe('ana');
    await claimed.getByRole('link', { name: 'Open case' }).click();
    await page.waitForURL(`${server.url}/cases/${itemId}`);
    const draft = page.locator('#reply-text');
    expect(await draft.inputValue()).toMatch(/sorry|thank/i); // filled from the reply templates
    await page.getByLabel('Answered elsewhere (phone, DM)').fill('Called them back, bag found.');
    await page.getByRole('button', { name: 'Mark responded' }).click();
    await expect.poll(() => page.locator('#case').getAttribute('data-status')).toBe('responded');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => page.locator('#case').getAttribute('data-status')).toBe('resolved');
    await page.goto(`${server.url}/inbox`);
    expect(await page.locator(`#case-${itemId}`).count()).toBe(0); // resolved items leave the open inbox
    const item = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: 'resolved', assignee: 'ana' });
    const trail = await ctx.db.selectFrom('audit_log').select(['action', 'actor']).where('entity_id', '=', item.id).orderBy('id').execute();
    expect(trail.filter((a) => a.actor === 'ana').map((a) => a.action)).toEqual(['queue.claim', 'queue.respond', 'queue.resolve']);
    await page.close();
  }, 60_000);

  it('relabels a post from its "why this post" page; the correction is stored for training', async () => {
    const page = await context.newPage();
    const postId = (await ctx.db.selectFrom('revolt_posts').select('post_id').executeTakeFirstOrThrow()).post_id;
    await page.goto(`${server.url}/posts/${postId}`);
    const form = page.locator('form.relabel').first();
    await form.getByLabel('Sentiment').selectOption('neutral');
    await form.getByLabel('Topic').selectOption('waiting-time');
    await form.getByRole('button', { name: 'Correct' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toBe('Label correction recorded.');
    const rows = await ctx.db.selectFrom('label_feedback').selectAll().execute();
    expect(rows).toMatchObject([{ sentiment: 'neutral', topic: 'waiting-time', actor: 'ana' }]);
    await page.close();
  }, 60_000);

  it('lets a viewer change nothing, through the page or through the API', async () => {
    const page = await context.newPage();
    await signIn(page, keys.viewer);
    const revoltId = (await ctx.db.selectFrom('revolts').select('id').executeTakeFirstOrThrow()).id;
    const caseId = (await ctx.db.selectFrom('queue_items').select('id').executeTakeFirstOrThrow()).id;
    for (const path of ['/', '/inbox?view=closed', `/revolts/${revoltId}`, `/cases/${caseId}`, '/team', `/posts/${(await ctx.db.selectFrom('posts').select('id').executeTakeFirstOrThrow()).id}`, '/sources', '/rules']) {
      await page.goto(`${server.url}${path}`);
      const forms = await page.locator('form[data-api]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-api')));
      expect(forms.filter((a) => !a?.startsWith('/api/rules/')), path).toEqual([]); // rules test/validate change nothing
    }
    const item = await ctx.db.selectFrom('queue_items').select('id').executeTakeFirstOrThrow();
    const post = await ctx.db.selectFrom('posts').select('id').executeTakeFirstOrThrow();
    const statuses = await page.evaluate(
      async ({ item, post }) => {
        const csrf = document.querySelector('meta[name="csrf-token"]')!.getAttribute('content')!;
        const send = (url: string, body: unknown, method = 'POST') => fetch(url, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) }).then((r) => r.status);
        return [await send(`/api/queue/${item}/reopen`, {}), await send(`/api/posts/${post}/labels`, { sentiment: 'positive' }), await send('/api/targets', { id: 'evil', name: 'Evil' }), await send('/api/keys', { role: 'admin' })];
      },
      { item: item.id, post: post.id },
    );
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect(await ctx.db.selectFrom('label_feedback').selectAll().execute()).toHaveLength(1);
    await page.close();
  }, 60_000);
});
