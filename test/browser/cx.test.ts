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
import { createApp } from '../../src/app.js';
import { nodeClientAddress } from '../../src/entry/access-node.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';

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

describe('CX view in Chromium', () => {
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
    expect((await app.request('/api/cx/moments?since=nope', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(400);
  });
});
