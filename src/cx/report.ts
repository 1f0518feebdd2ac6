/**
 * The weekly CX report: for one week (Monday 00:00 UTC to the next), the top revolts and how they
 * ended, complaints per pillar and touchpoint against the week before (with intervals), the index
 * and complaint share per target, SLA attainment, answer effectiveness, and the broken promises
 * customers cite most. Built from the same modules as /cx, reading the database page by page.
 */
import type { AppContext } from '../context.js';
import { knownTopics } from '../http/topics.js';
import { answerEffectiveness } from './answers-query.js';
import { momentsOfTruth } from './moments-query.js';
import { pooledChange } from './answers.js';
import { hitsOf, scanClassifications } from './scan.js';
import { direction, rateRatio, roundInterval, wilson } from './stats.js';
import { promoterIndex } from './trends.js';
import type { MomentsPeriod } from './moments.js';
import { topRevoltsOpenedBetween } from '../store/queries/revolt-list.js';
import { postTexts } from '../store/queries/posts.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(Math.floor(t / DAY) * DAY);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** The last week that has ended by `now`. */
export function lastCompleteWeek(now: number): number {
  return weekStart(now) - WEEK;
}

interface Tally {
  posts: number;
  positive: number;
  negative: number;
  complaints: number;
  pillars: Map<string, number>;
  touchpoints: Map<string, number>;
}
const tally = (): Tally => ({ posts: 0, positive: 0, negative: 0, complaints: 0, pillars: new Map(), touchpoints: new Map() });

export async function weeklyReport(ctx: AppContext, week: number) {
  const period: MomentsPeriod = { from: week, to: week + WEEK, previousFrom: week - WEEK };
  const labels = new Map((knownTopics(ctx) ?? []).map((t) => [t.id, t.label]));
  const { now, before, promises } = await tallyWeeks(ctx, period);
  const perTarget = targetRows(now, before);
  const [moments, answers] = await Promise.all([momentsOfTruth(ctx, { period }), answerEffectiveness(ctx, { period })]);
  const topRevolts = await topRevoltsOf(ctx, period, answers.revolts);
  const promiseRows = await brokenPromiseRows(ctx, promises, labels);
  const effects = answers.revolts.filter((r) => r.effect).map((r) => ({ before: { from: 0, to: answers.windowMs, posts: r.effect!.before.posts, negatives: r.effect!.before.negatives }, after: { from: 0, to: Date.parse(r.effect!.after.to) - Date.parse(r.effect!.after.from), posts: r.effect!.after.posts, negatives: r.effect!.after.negatives } }));
  return {
    week: new Date(week).toISOString().slice(0, 10),
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    targets: perTarget,
    headlines: moments.filter((m) => m.headline).map((m) => ({ target: m.target, text: m.headline!.text })),
    topRevolts,
    sla: answers.team,
    answers: { overall: pooledChange(effects), byTemplate: answers.template, byChannel: answers.channel },
    brokenPromises: promiseRows,
  };
}
export type WeeklyReport = Awaited<ReturnType<typeof weeklyReport>>;

/**
 * One paged pass over both weeks: per target, sentiment and complaints by pillar and touchpoint;
 * and the broken promises (complaints with the broken-promise topic) by what else they are about.
 */
async function tallyWeeks(ctx: AppContext, period: MomentsPeriod) {
  const now = new Map<string, Tally>();
  const before = new Map<string, Tally>();
  const promises = new Map<string, { count: number; postIds: string[] }>();
  for await (const page of scanClassifications(ctx, { from: period.previousFrom, to: period.to })) {
    for (const r of page) {
      const m = r.published_at >= period.from ? now : before;
      let t = m.get(r.target_id);
      if (!t) m.set(r.target_id, (t = tally()));
      t.posts++;
      if (r.sentiment === 'positive') t.positive++;
      if (r.sentiment === 'negative') t.negative++;
      if (r.complaint !== 1) continue;
      t.complaints++;
      const hits = hitsOf(r.topics);
      for (const p of new Set(hits.map((h) => h.pillar).filter((x): x is string => !!x))) t.pillars.set(p, (t.pillars.get(p) ?? 0) + 1);
      for (const p of new Set(hits.map((h) => h.touchpoint).filter((x): x is string => !!x))) t.touchpoints.set(p, (t.touchpoints.get(p) ?? 0) + 1);
      if (m === now && hits.some((h) => h.id === 'broken-promise')) {
        const about = hits.filter((h) => h.id !== 'broken-promise').map((h) => h.id)[0] ?? '(nothing else)';
        const key = `${r.target_id}|${about}`;
        const e = promises.get(key) ?? { count: 0, postIds: [] };
        e.count++;
        if (e.postIds.length < 3) e.postIds.push(r.post_id);
        promises.set(key, e);
      }
    }
  }
  return { now, before, promises };
}

function targetRows(now: Map<string, Tally>, before: Map<string, Tally>) {
  const targets = [...new Set([...now.keys(), ...before.keys()])].sort();
  const change = (a: number, b: number) => {
    const r = rateRatio(a, WEEK, b, WEEK);
    return { complaints: a, previous: b, change: roundInterval(r), trend: direction(r) };
  };
  return targets.map((target) => {
    const a = now.get(target) ?? tally();
    const b = before.get(target) ?? tally();
    const by = (k: 'pillars' | 'touchpoints') =>
      [...new Set([...a[k].keys(), ...b[k].keys()])].map((id) => ({ id, ...change(a[k].get(id) ?? 0, b[k].get(id) ?? 0) })).sort((x, y) => y.complaints - x.complaints || x.id.localeCompare(y.id));
    return {
      target,
      posts: a.posts,
      index: roundInterval(promoterIndex(a.positive, a.negative, a.posts), 1),
      previousIndex: roundInterval(promoterIndex(b.positive, b.negative, b.posts), 1),
      complaintShare: roundInterval(wilson(a.complaints, a.posts)),
      previousComplaintShare: roundInterval(wilson(b.complaints, b.posts)),
      complaints: change(a.complaints, b.complaints),
      pillars: by('pillars'),
      touchpoints: by('touchpoints'),
    };
  });
}

/** The week's top revolts: opened this week, by severity, with how they ended. */
async function topRevoltsOf(ctx: AppContext, period: MomentsPeriod, effects: Awaited<ReturnType<typeof answerEffectiveness>>['revolts']) {
  const revolts = await topRevoltsOpenedBetween(ctx, { from: period.from, to: period.to, limit: 10 });
  const eff = new Map(effects.map((r) => [r.id, r]));
  return revolts.map((r) => {
    const e = eff.get(r.id);
    return {
      id: r.id,
      target: r.target_id,
      label: r.label,
      severity: Math.round(Number(r.severity)),
      stage: r.stage,
      openedAt: new Date(Number(r.opened_at)).toISOString(),
      resolvedAt: r.resolved_at === null ? null : new Date(Number(r.resolved_at)).toISOString(),
      lastedMs: r.resolved_at === null ? null : Number(r.resolved_at) - Number(r.opened_at),
      timeToAnswerMs: e?.timeToAnswerMs ?? null,
      afterAnswer: e?.effect ? { rateRatio: e.effect.rateRatio, trend: e.effect.trend } : null,
    };
  });
}

async function brokenPromiseRows(ctx: AppContext, promises: Map<string, { count: number; postIds: string[] }>, labels: Map<string, string>) {
  return Promise.all(
    [...promises]
      .sort((x, y) => y[1].count - x[1].count || x[0].localeCompare(y[0]))
      .slice(0, 10)
      .map(async ([key, v]) => {
        const [target, about] = key.split('|');
        const posts = await postTexts(ctx, v.postIds);
        return { target, about, label: labels.get(about) ?? about, complaints: v.count, examples: posts.map((p) => ({ id: p.id, text: p.text.length > 280 ? `${p.text.slice(0, 279)}…` : p.text })) };
      }),
  );
}

/** The report as flat rows (CSV and JSONL): one figure per row with its interval. */
export function reportRows(r: WeeklyReport): Record<string, string | number | null>[] {
  const rows: Record<string, string | number | null>[] = [];
  const add = (section: string, target: string | null, key: string, metric: string, value: number | string | null, low: number | null = null, high: number | null = null) => rows.push({ week: r.week, section, target, key, metric, value, low, high });
  for (const t of r.targets) {
    add('target', t.target, 'all', 'posts', t.posts);
    add('target', t.target, 'all', 'index', t.index?.value ?? null, t.index?.low ?? null, t.index?.high ?? null);
    add('target', t.target, 'all', 'complaint share', t.complaintShare?.value ?? null, t.complaintShare?.low ?? null, t.complaintShare?.high ?? null);
    add('target', t.target, 'all', 'complaints', t.complaints.complaints);
    add('target', t.target, 'all', 'complaints change', t.complaints.change?.value ?? null, t.complaints.change?.low ?? null, t.complaints.change?.high ?? null);
    for (const p of t.pillars) add('pillar', t.target, p.id, 'complaints', p.complaints, null, null), add('pillar', t.target, p.id, 'change', p.change?.value ?? null, p.change?.low ?? null, p.change?.high ?? null);
    for (const p of t.touchpoints) add('touchpoint', t.target, p.id, 'complaints', p.complaints, null, null), add('touchpoint', t.target, p.id, 'change', p.change?.value ?? null, p.change?.low ?? null, p.change?.high ?? null);
  }
  for (const h of r.headlines) add('headline', h.target, 'moment of truth', 'text', h.text);
  for (const v of r.topRevolts) add('revolt', v.target, v.id, v.label, v.stage), add('revolt', v.target, v.id, 'time to answer ms', v.timeToAnswerMs), add('revolt', v.target, v.id, 'after/before negative rate', v.afterAnswer?.rateRatio?.value ?? null, v.afterAnswer?.rateRatio?.low ?? null, v.afterAnswer?.rateRatio?.high ?? null);
  for (const g of r.sla) add('sla', null, g.key, 'first response met', g.firstResponseSla.share?.value ?? null, g.firstResponseSla.share?.low ?? null, g.firstResponseSla.share?.high ?? null), add('sla', null, g.key, 'resolution met', g.resolutionSla.share?.value ?? null, g.resolutionSla.share?.low ?? null, g.resolutionSla.share?.high ?? null);
  add('answers', null, 'all', 'after/before negative rate', r.answers.overall.rateRatio?.value ?? null, r.answers.overall.rateRatio?.low ?? null, r.answers.overall.rateRatio?.high ?? null);
  for (const p of r.brokenPromises) add('broken promise', p.target, p.about, 'complaints', p.complaints);
  return rows;
}
