/**
 * The CX view in Chromium, checked against the database: every cell of the moments-of-truth matrix
 * equals an independent count over the stored classifications, and the cell's link opens exactly
 * those posts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { makePost } from '../helpers/posts.js';
import { keyFor } from '../helpers/auth.js';
import { launchChromium, serveApp } from '../helpers/browser.js';
import { CHROMIUM, skipWithout } from '../helpers/requirements.js';
import { createApp } from '../../src/app.js';
import { nodeClientAddress } from '../../src/entry/access-node.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';
import { CX_CONFIG, HOUR, seedAnswers, type Scenario } from '../helpers/cx-seed.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const FROM = T0 + 7 * DAY;
const TO = T0 + 14 * DAY;
const HOSTILE = '<img src=x onerror="window.__pwned=1"> on hold for 2 hours on your phone line, terrible';

const TEXTS = [
  ['I have been on hold for 2 hours, still waiting, awful service', 6, 2],
  ['You double charged my card, hidden fees again, disgusting', 3, 3],
  ['My parcel never arrived, the courier lied, terrible', 2, 4],
  ['The app keeps crashing, cannot log in, useless', 1, 0],
] as const;

export async function cellsFromDb(ctx: TestContext, target: string, from: number, to: number): Promise<Map<string, number>> {
  const rows = await ctx.db.selectFrom('classifications').select(['topics']).where('target_id', '=', target).where('complaint', '=', 1).where('published_at', '>=', from).where('published_at', '<', to).execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    const pairs = new Set((JSON.parse(r.topics) as { pillar?: string; touchpoint?: string }[]).filter((h) => h.pillar && h.touchpoint).map((h) => `${h.pillar}|${h.touchpoint}`));
    for (const p of pairs) out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

describe.skipIf(skipWithout(CHROMIUM))('CX view in Chromium', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let context: BrowserContext;
  let key: string;

  async function signIn(page: Page) {
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  beforeAll(async () => {
    ctx = await createTestContext({ now: TO });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme', sources: [] }, { id: 'rival', name: 'Rival', sources: [] }]);
    const posts = [];
    let k = 0;
    for (const [text, now, before] of TEXTS) {
      for (let i = 0; i < now * 3; i++) posts.push(makePost({ text: `${text} #${k++}`, publishedAt: FROM + ((k * 7919) % (7 * DAY)) }));
      for (let i = 0; i < before * 3; i++) posts.push(makePost({ text: `${text} #${k++}`, publishedAt: T0 + ((k * 7919) % (7 * DAY)) }));
    }
    posts.push(makePost({ text: HOSTILE, publishedAt: FROM + DAY }));
    for (let i = 0; i < 5; i++) posts.push(makePost({ target: 'rival', text: `Rival charged me twice, hidden fee #${i}`, publishedAt: FROM + i * DAY }));
    for (let i = 0; i < 20; i++) posts.push(makePost({ text: `Lovely flight with Acme, thanks #${i}`, publishedAt: FROM + i * 3_600_000 }));
    await processPosts(ctx, posts);
    key = (await keyFor(ctx, 'viewer', 'vera')).key;
    server = await serveApp(createApp(ctx, { clientAddress: nodeClientAddress }));
    browser = await launchChromium();
    context = browser.context;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it('shows the moments-of-truth matrix with the database’s counts, and each cell opens its posts', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page);
    await page.goto(`${server.url}/cx?target=acme&since=${FROM}&until=${TO}`);
    const now = await cellsFromDb(ctx, 'acme', FROM, TO);
    const before = await cellsFromDb(ctx, 'acme', FROM - 7 * DAY, FROM);
    expect(now.get('time-and-effort|phone')).toBeGreaterThan(10);
    const cells = page.locator('table#moments-acme td.cell[data-pillar]');
    const seen = await cells.evaluateAll((tds) => tds.map((td) => [(td as HTMLElement).dataset.pillar + '|' + (td as HTMLElement).dataset.touchpoint, Number((td as HTMLElement).dataset.complaints), Number((td as HTMLElement).dataset.previous), td.querySelector('.count')!.textContent]));
    const keys = new Set([...now.keys(), ...before.keys()]);
    expect(seen.length).toBe(keys.size);
    for (const [cell, n, prev, shown] of seen as [string, number, number, string][]) {
      expect(n, cell).toBe(now.get(cell) ?? 0);
      expect(prev, cell).toBe(before.get(cell) ?? 0);
      expect(shown).toBe(String(n));
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the headline names the biggest cell and its factor
    expect(await page.locator('.headline').textContent()).toMatch(/The problem is speed \(operational\) at the phone touchpoint \(time-and-effort pillar\)/);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // the period form round-trips: the days shown ask for the same period again
    const total = await page.locator('.target-moments .total').first().getAttribute('data-complaints');
    expect(await page.locator('#cx-since').inputValue()).toBe('2026-03-08');
    expect(await page.locator('#cx-until').inputValue()).toBe('2026-03-14');
    await page.locator('form.filters button').first().click();
    await page.waitForURL(/until=2026-03-14/);
    expect(await page.locator('.target-moments .total').first().getAttribute('data-complaints')).toBe(total);
    // the cell opens exactly its posts
    await page.locator('td.cell[data-pillar="time-and-effort"][data-touchpoint="phone"] a').first().click();
    await page.waitForURL(/\/posts\?/);
    expect(Number(await page.locator('#posts-total').getAttribute('data-total'))).toBe(now.get('time-and-effort|phone'));
    expect(await page.locator('#posts-list tbody tr').count()).toBe(now.get('time-and-effort|phone'));
    expect(await page.getByText('<img src=x', { exact: false }).count()).toBeGreaterThan(0); // shown as text
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  }, 60_000);

  it('draws the trends with intervals, axes and a legend within 390 px, with the database’s numbers', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page);
    await page.goto(`${server.url}/cx?since=${FROM}&until=${TO}`);
    await page.waitForSelector('body[data-chart="ready"]');
    const rows = await ctx.db.selectFrom('classifications').select(['target_id', 'sentiment', 'complaint', 'published_at']).where('published_at', '>=', FROM).where('published_at', '<', TO).execute();
    for (const target of ['acme', 'rival']) {
      const cells = await page.locator(`#trend-${target} tbody tr`).evaluateAll((trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset })));
      expect(cells).toHaveLength(7);
      for (const c of cells) {
        const at = Number(c.at);
        const mine = rows.filter((r) => r.target_id === target && r.published_at >= at && r.published_at < at + DAY);
        expect(Number(c.posts)).toBe(mine.length);
        if (!mine.length) continue;
        const pos = mine.filter((r) => r.sentiment === 'positive').length;
        const neg = mine.filter((r) => r.sentiment === 'negative').length;
        expect(Number(c.index)).toBeCloseTo((100 * (pos - neg)) / mine.length, 0);
        expect(Number(c.indexLow)).toBeLessThanOrEqual(Number(c.index));
        expect(Number(c.indexHigh)).toBeGreaterThanOrEqual(Number(c.index));
        expect(Number(c.share)).toBeCloseTo(mine.filter((r) => r.complaint === 1).length / mine.length, 2);
        // share of voice: this target's posts / all targets' posts that day
        const all = rows.filter((r) => r.published_at >= at && r.published_at < at + DAY).length;
        const sov = await page.locator(`#sov-data tr[data-at="${at}"] td[data-target="${target}"]`).getAttribute('data-share');
        expect(Number(sov)).toBeCloseTo(mine.length / all, 2);
      }
    }
    // real charts: a canvas, both axes labelled, a legend naming the series, nothing wider than the phone
    const charts = page.locator('.chart-box .uplot');
    expect(await charts.count()).toBe(5); // index + share per target, and share of voice
    for (const ch of await charts.all()) {
      expect(await ch.locator('canvas').count()).toBe(1);
      expect(await ch.locator('.u-axis').count()).toBe(2);
      expect((await ch.locator('.u-legend').textContent())!.length).toBeGreaterThan(0);
      expect((await ch.boundingBox())!.width).toBeLessThanOrEqual(390);
    }
    const boxes = await page.locator('.chart-box[data-chart-for]').evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.axes, (e as HTMLElement).dataset.series]));
    expect(boxes).toEqual([
      ['date (UTC)|index', 'index|95 % low|95 % high'], ['date (UTC)|% of posts', 'complaint share|95 % low|95 % high'],
      ['date (UTC)|index', 'index|95 % low|95 % high'], ['date (UTC)|% of posts', 'complaint share|95 % low|95 % high'],
      ['date (UTC)|% of all targets’ posts', 'acme|rival'],
    ]);
    expect(await page.locator('#sov-h ~ .chart-box .u-legend').textContent()).toMatch(/acme.*rival/s);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // a pillar's series
    await page.selectOption('#tr-scope', 'pillar:time-and-effort');
    await page.locator('#trend-scope-form button').click();
    await page.waitForURL(/scope=pillar/);
    expect(await page.locator('#tr-acme').textContent()).toBe('acme: pillar time-and-effort');
    await page.close();
  }, 60_000);

  it('answers the same figures on /api/cx/moments', async () => {
    const app = createApp(ctx, { clientAddress: nodeClientAddress });
    const res = await app.request(`/api/cx/moments?since=${FROM}&until=${TO}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { targets: { target: string; complaints: number; cells: { pillar: string; touchpoint: string; complaints: number; previous: number }[] }[] };
    expect(body.targets.map((t) => t.target)).toEqual(['acme', 'rival']);
    for (const t of body.targets) {
      const now = await cellsFromDb(ctx, t.target, FROM, TO);
      const before = await cellsFromDb(ctx, t.target, FROM - 7 * DAY, FROM);
      for (const c of t.cells) {
        expect(c.complaints).toBe(now.get(`${c.pillar}|${c.touchpoint}`) ?? 0);
        expect(c.previous).toBe(before.get(`${c.pillar}|${c.touchpoint}`) ?? 0);
      }
    }
    const tr = await app.request(`/api/cx/trends?since=${FROM}&until=${TO}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(tr.status).toBe(200);
    const trends = (await tr.json()) as { targets: { target: string; overall: { posts: number }[] }[] };
    const posts = await ctx.db.selectFrom('classifications').select((eb) => eb.fn.countAll<number>().as('n')).where('target_id', '=', 'acme').where('published_at', '>=', FROM).where('published_at', '<', TO).executeTakeFirstOrThrow();
    expect(trends.targets.find((t) => t.target === 'acme')!.overall.reduce((a, p) => a + p.posts, 0)).toBe(Number(posts.n));
    expect((await app.request('/api/cx/moments?since=nope', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(400);
  });
});

describe.skipIf(skipWithout(CHROMIUM))('CX view in Chromium: did our answer work?', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let s: Scenario;
  let key: string;
  const A0 = Date.parse('2026-03-02T00:00:00Z');

  beforeAll(async () => {
    ctx = await createTestContext({ config: CX_CONFIG, now: A0 + 24 * HOUR });
    s = await seedAnswers(ctx, A0);
    key = (await keyFor(ctx, 'viewer', 'vera')).key;
    server = await serveApp(createApp(ctx, { clientAddress: nodeClientAddress }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  /** Negative and all posts of acme in [from, to), the brand's own posts left out: counted here, independently. */
  async function voices(from: number, to: number) {
    const rows = await ctx.db.selectFrom('classifications as c').innerJoin('posts as p', 'p.id', 'c.post_id').select(['c.sentiment', 'p.author_handle']).where('c.target_id', '=', 'acme').where('c.published_at', '>=', from).where('c.published_at', '<', to).execute();
    const customers = rows.filter((r) => (r.author_handle ?? '').toLowerCase() !== '@acmecare');
    return { posts: customers.length, negatives: customers.filter((r) => r.sentiment === 'negative').length };
  }

  it('shows time to answer, before/after voices and SLA figures equal to the database’s, at 390 px', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/cx?since=${A0}&until=${A0 + 24 * HOUR}`);
    const row = page.locator(`#answers-revolts tr[data-revolt="${s.revoltId}"]`);
    const before = await voices(s.answerAt - 6 * HOUR, s.answerAt);
    const after = await voices(s.answerAt, s.answerAt + 6 * HOUR);
    expect(Number(await row.getAttribute('data-before-neg'))).toBe(before.negatives);
    expect(Number(await row.getAttribute('data-after-neg'))).toBe(after.negatives);
    expect(Number(await row.getAttribute('data-before-posts'))).toBe(before.posts);
    expect(Number(await row.getAttribute('data-after-posts'))).toBe(after.posts);
    expect(Number(await row.getAttribute('data-time-to-answer'))).toBe(s.answerAt - s.openedAt);
    expect(await row.locator('.tta').textContent()).toBe('1 h 30 min');
    expect(await row.textContent()).toContain('▼ fewer');
    expect(await row.textContent()).toContain('5 of 8 posted again');
    // SLA per team from the queue rows
    const items = await ctx.db.selectFrom('queue_items').selectAll().where('team', '=', 'care').execute();
    const frtMet = items.filter((i) => i.first_responded_at !== null && i.first_responded_at <= i.due_first_response_at!).length;
    const team = page.locator('#answers-team tr[data-key="care"]');
    expect(Number(await team.getAttribute('data-cases'))).toBe(items.length);
    expect(Number(await team.getAttribute('data-frt-met'))).toBe(frtMet);
    expect(Number(await team.getAttribute('data-frt-due'))).toBe(items.length);
    // the hostile revolt label is text
    expect(await page.getByText('<img src=x', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the revolt page marks the replies and the brand's post that came back through the feed
    await page.goto(`${server.url}/revolts/${s.revoltId}`);
    const marks = await page.locator('#answers-data li').allTextContents();
    expect(marks.filter((m) => m.includes('reply sent (mastodon)'))).toHaveLength(8);
    expect(marks.some((m) => m.includes('the team\'s post seen in the feed'))).toBe(true);
    await page.close();
  }, 60_000);

  it('renders the printable weekly report with the database’s figures, hostile text inert', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/cx/report?week=${A0}`);
    expect(await page.locator('#cx-report').getAttribute('data-week')).toBe('2026-03-02');
    const rows = await ctx.db.selectFrom('classifications').select(['complaint']).where('target_id', '=', 'acme').where('published_at', '>=', A0).where('published_at', '<', A0 + 7 * 24 * HOUR).execute();
    const acme = page.locator('#report-targets tr[data-target="acme"]');
    expect(Number(await acme.getAttribute('data-posts'))).toBe(rows.length);
    expect(Number(await acme.getAttribute('data-complaints'))).toBe(rows.filter((r) => r.complaint === 1).length);
    expect(await page.locator('#report-revolts tr[data-revolt]').evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.revolt))).toEqual(['rv_answered', 'rv_brand']);
    expect(await page.locator('#report-revolts tr[data-revolt="rv_answered"]').textContent()).toContain('after 1 h 30 min');
    expect(await page.locator('#report-promises').textContent()).toContain('Refunds and compensation');
    expect(await page.getByText('<img src=x', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header nav').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('answers the same figures on /api/cx/answers', async () => {
    const app = createApp(ctx, { clientAddress: nodeClientAddress });
    const res = await app.request(`/api/cx/answers?since=${A0}&until=${A0 + 24 * HOUR}&window=${6 * HOUR}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { revolts: { id: string; effect: { before: { negatives: number } } }[] };
    expect(body.revolts.find((r) => r.id === s.revoltId)!.effect.before.negatives).toBe((await voices(s.answerAt - 6 * HOUR, s.answerAt)).negatives);
  });
});
