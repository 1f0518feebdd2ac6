import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { CX_CONFIG, HOUR, PROMISE, seedAnswers } from '../helpers/cx-seed.js';
import { createApp } from '../../src/app.js';
import { lastCompleteWeek, weekStart, weeklyReport } from '../../src/cx/report.js';
import { weeklyReportTick } from '../../src/cx/report-digest.js';
import { deliverDue } from '../../src/notify/deliver.js';

const T0 = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const WEEK = 7 * 24 * HOUR;

describe('weeks', () => {
  it('start on Monday 00:00 UTC', () => {
    expect(new Date(weekStart(Date.parse('2026-03-08T23:59:00Z'))).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(weekStart(T0)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(lastCompleteWeek(Date.parse('2026-03-09T00:01:00Z'))).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe.each(DIALECTS)('the weekly CX report (%s)', (dialect) => {
  let ctx: TestContext;
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    const config = `${CX_CONFIG}notifications:\n  channels:\n    - { id: care-slack, type: slack, url: "${rx.url}/slack" }\n    - { id: hook, type: webhook, url: "${rx.url}/hook", secret: "whsec_0123456789abcdefghij" }\n`;
    ctx = await createTestContext({ dialect, config, now: T0 + 24 * HOUR });
    await seedAnswers(ctx, T0);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await rx?.close();
  });

  it('holds the week’s figures as the database has them', async () => {
    const r = await weeklyReport(ctx, T0);
    const acme = r.targets.find((t) => t.target === 'acme')!;
    const rows = await ctx.db.selectFrom('classifications').select(['complaint', 'topics']).where('target_id', '=', 'acme').where('published_at', '>=', T0).where('published_at', '<', T0 + WEEK).execute();
    expect(acme.posts).toBe(rows.length);
    expect(acme.complaints.complaints).toBe(rows.filter((x) => x.complaint === 1).length);
    expect(r.topRevolts.map((v) => v.id)).toEqual(['rv_answered', 'rv_brand']);
    expect(r.topRevolts[0].timeToAnswerMs).toBe(90 * 60_000);
    const promises = rows.filter((x) => x.complaint === 1 && x.topics.includes('"broken-promise"'));
    expect(promises.length).toBeGreaterThanOrEqual(4);
    expect(r.brokenPromises[0]).toMatchObject({ target: 'acme', about: 'refunds', label: 'Refunds and compensation' });
    expect(r.brokenPromises[0].examples.some((e) => e.text.startsWith(PROMISE) || e.text.includes('<img'))).toBe(true);
    expect(r.sla).toEqual([expect.objectContaining({ key: 'care', cases: 2 })]);
  });

  it('is sent once per ended week as a digest to the chat channels, escaped', async () => {
    ctx.clock.set(T0 + WEEK + HOUR);
    expect(await weeklyReportTick(ctx)).toBe(0); // a fresh install starts its schedule: no report of the time before
    await ctx.db.updateTable('kv').set({ value: String(T0 - WEEK) }).where('key', '=', 'cx-report:last-week').execute();
    expect(await weeklyReportTick(ctx)).toBe(2);
    expect(await weeklyReportTick(ctx)).toBe(0);
    await deliverDue(ctx);
    const slack = rx.received.find((x) => x.path === '/slack')!;
    expect(slack.body).toContain('Weekly CX report: week of 2026-03-02');
    expect(slack.body).not.toContain('<img');
    const hook = rx.received.find((x) => x.path === '/hook')!;
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'digest' });
  });

  it('answers CSV and JSONL on the API, and an admin may send it now', async () => {
    const app = createApp(ctx, {});
    const viewer = (await keyFor(ctx, 'viewer')).headers;
    const admin = (await keyFor(ctx, 'admin')).headers;
    const jsonl = (await (await app.request(`/api/cx/report.jsonl?week=2026-03-04`, { headers: viewer })).text()).trim().split('\n').map((l) => JSON.parse(l) as { section: string; target: string | null; metric: string; value: number });
    expect(jsonl.find((r) => r.section === 'target' && r.target === 'acme' && r.metric === 'posts')!.value).toBe((await weeklyReport(ctx, T0)).targets.find((t) => t.target === 'acme')!.posts);
    const csv = await (await app.request(`/api/cx/report.csv?week=${T0}`, { headers: viewer })).text();
    expect(csv.split('\r\n')[0]).toBe('week,section,target,key,metric,value,low,high');
    expect((await app.request(`/api/cx/report/send?week=${T0}`, { method: 'POST', headers: viewer })).status).toBe(403);
    const sent = await app.request(`/api/cx/report/send?week=${T0}`, { method: 'POST', headers: admin });
    expect(await sent.json()).toEqual({ week: '2026-03-02', queued: 2 });
  });
});
