/**
 * The weekly report as a chat digest through the notification outbox (each provider escapes and
 * renders it), and the job that sends it once per ended week. The digest's event id is the week, so
 * a re-run or a second instance never sends it twice; "send now" uses an id of its own.
 */
import type { AppContext } from '../context.js';
import type { Notice } from '../notify/message.js';
import { channelsFor, dashboardLink, enqueueNotice } from '../notify/outbox.js';
import { lastCompleteWeek, weeklyReport, type WeeklyReport } from './report.js';
import { readKv, writeKv } from '../store/queries/kv.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

export function reportNotice(ctx: Pick<AppContext, 'config'>, r: WeeklyReport, eventId: string, at: number): Notice {
  const frt = r.sla.reduce((a, g) => ({ met: a.met + g.firstResponseSla.met, due: a.due + g.firstResponseSla.due }), { met: 0, due: 0 });
  const o = r.answers.overall;
  const fields = [
    ...r.targets.map((t) => ({ name: t.target, value: `${t.posts} posts · index ${t.index?.value ?? '—'} (${t.index?.low ?? '—'}–${t.index?.high ?? '—'}) · complaints ${t.complaints.complaints} (previous week ${t.complaints.previous}${t.complaints.trend === 'flat' ? ', no clear change' : `, ${t.complaints.trend}`})` })),
    { name: 'First response within SLA', value: frt.due ? `${frt.met} of ${frt.due} (${pct(frt.met / frt.due)})` : 'no cases due' },
    { name: 'After our answers', value: o.revolts ? `negative voices ×${o.rateRatio?.value ?? '∞'} (95 % ${o.rateRatio?.low ?? '—'}–${o.rateRatio?.high ?? '∞'}) over ${o.revolts} answered revolt(s)` : 'no answered revolts' },
    ...(r.brokenPromises[0] ? [{ name: 'Broken promise cited most', value: `${r.brokenPromises[0].label} (${r.brokenPromises[0].target}): ${r.brokenPromises[0].complaints}` }] : []),
  ];
  return {
    kind: 'digest',
    eventId,
    at,
    title: `Weekly CX report: week of ${r.week}`,
    summary: r.headlines[0]?.text ?? 'No complaint stood out this week.',
    target: r.targets.map((t) => t.target).join(', ') || '—',
    severity: 0,
    priority: 'low',
    fields,
    posts: [],
    link: dashboardLink(ctx, `/cx/report?week=${r.week}`),
    items: r.topRevolts.slice(0, 5).map((v) => ({ title: `${v.label} (${v.target}, ${v.resolvedAt ? 'resolved' : v.stage})`, kind: 'revolt.opened' as const, severity: v.severity, link: dashboardLink(ctx, `/revolts/${encodeURIComponent(v.id)}`) })),
  };
}

/** Build the report for `week` and queue it for every channel that is not escalation-only. */
export async function sendReport(ctx: AppContext, week: number, eventId = `cx-report:${new Date(week).toISOString().slice(0, 10)}`): Promise<number> {
  const channels = channelsFor(ctx, null);
  if (!channels.length) return 0;
  const at = ctx.clock.now();
  const r = await weeklyReport(ctx, week);
  return enqueueNotice(ctx, { notice: reportNotice(ctx, r, eventId, at), channels, subject: eventId, at });
}

/**
 * The job's tick: once a week has ended, send its report (once; the kv row remembers). The first
 * tick of a new installation only starts the schedule: the first report is the first week that ends
 * while Backlash runs, not a report of the time before it was watching.
 */
export async function weeklyReportTick(ctx: AppContext): Promise<number> {
  if (!ctx.config.reports.weekly) return 0;
  const week = lastCompleteWeek(ctx.clock.now());
  const key = 'cx-report:last-week';
  const last = await readKv(ctx, key);
  if (last !== null && Number(last) >= week) return 0;
  const n = last !== null ? await sendReport(ctx, week) : 0;
  await writeKv(ctx, key, String(week), ctx.clock.now());
  return n;
}
