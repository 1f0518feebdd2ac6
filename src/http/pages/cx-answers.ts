/** The CX page's "did our answer work?" section: per revolt, then per team, template and channel. */
import { html } from 'hono/html';
import type { AnswerEffectiveness } from '../../cx/answers-query.js';
import type { RoundedInterval } from '../../cx/stats.js';
import { time } from '../views/layout.js';

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const neg = ms < 0;
  const m = Math.round(Math.abs(ms) / 60_000);
  const text = m < 60 ? `${m} min` : m < 48 * 60 ? `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}` : `${Math.round(m / 1440)} d`;
  return neg ? `−${text}` : text;
}

export function interval(i: RoundedInterval | null, opts: { pct?: boolean; times?: boolean } = {}): string {
  if (!i) return '—';
  const f = (v: number | null) => (v === null ? '∞' : opts.pct ? `${Math.round(v * 1000) / 10}%` : `${opts.times ? '×' : ''}${Math.round(v * 100) / 100}`);
  return `${f(i.value)} (${f(i.low)}–${f(i.high)})`;
}

const trendWord = (t: string) => (t === 'down' ? '▼ fewer' : t === 'up' ? '▲ more' : 'no clear change');

function groupTable(title: string, id: string, rows: AnswerEffectiveness['team']) {
  return html`<h4 id="${id}-h">${title}</h4>
${rows.length ? html`<table class="posts stack answers-groups" id="${id}" aria-labelledby="${id}-h"><thead><tr><th scope="col">${title.replace(/^Per /, '')}</th><th scope="col">Cases</th><th scope="col">First response (median)</th><th scope="col">Resolution (median)</th><th scope="col">First-response SLA met</th><th scope="col">Resolution SLA met</th><th scope="col">Negative voices after / before the answer</th></tr></thead>
<tbody>${rows.map((g) => html`<tr data-key="${g.key}" data-cases="${g.cases}" data-frt-met="${g.firstResponseSla.met}" data-frt-due="${g.firstResponseSla.due}" data-res-met="${g.resolutionSla.met}" data-res-due="${g.resolutionSla.due}">
<td data-label="Group"><code>${g.key}</code></td><td data-label="Cases">${g.cases}</td>
<td data-label="First response">${duration(g.firstResponse.medianMs)} <span class="hint">(${g.firstResponse.count} answered)</span></td>
<td data-label="Resolution">${duration(g.resolution.medianMs)} <span class="hint">(${g.resolution.count} resolved)</span></td>
<td data-label="First-response SLA">${g.firstResponseSla.met}/${g.firstResponseSla.due} · ${interval(g.firstResponseSla.share, { pct: true })}</td>
<td data-label="Resolution SLA">${g.resolutionSla.met}/${g.resolutionSla.due} · ${interval(g.resolutionSla.share, { pct: true })}</td>
<td data-label="After the answer">${g.afterAnswer.revolts ? html`${g.afterAnswer.negativesAfter} vs ${g.afterAnswer.negativesBefore} over ${g.afterAnswer.revolts} revolt(s): ${interval(g.afterAnswer.rateRatio, { times: true })} ${trendWord(g.afterAnswer.trend)}` : '—'}</td></tr>`)}</tbody></table>` : html`<p class="empty">None in this period.</p>`}`;
}

export function answersSection(a: AnswerEffectiveness) {
  return html`<section aria-labelledby="ans-h"><h3 id="ans-h">Did our answer work?</h3>
<p class="hint">For each revolt opened in the period: the first public answer (a reply sent from its case, or a post by one of the target's brand accounts seen through the feeds), and the target's negative voices (the brand's own posts left out) in the ${duration(a.windowMs)} before and after it: negative posts per hour (Poisson 95 % interval) and their share of all posts (Wilson 95 % interval). ▼ only when the interval of the after/before ratio excludes 1.</p>
${a.revolts.length ? html`<table class="posts stack answers" id="answers-revolts"><thead><tr><th scope="col">Revolt</th><th scope="col">First public answer</th><th scope="col">Negative per hour before → after</th><th scope="col">Negative share before → after</th><th scope="col">Change</th><th scope="col">Answered authors</th></tr></thead>
<tbody>${a.revolts.map((r) => {
    const e = r.effect;
    return html`<tr data-revolt="${r.id}" data-time-to-answer="${r.timeToAnswerMs ?? ''}" data-before-neg="${e?.before.negatives ?? ''}" data-after-neg="${e?.after.negatives ?? ''}" data-before-posts="${e?.before.posts ?? ''}" data-after-posts="${e?.after.posts ?? ''}">
<td data-label="Revolt"><a href="/revolts/${r.id}">${r.label}</a> <span class="hint">${r.target} · opened ${time(r.openedAt)}</span></td>
<td data-label="First answer">${r.answer ? html`after <strong class="tta">${duration(r.timeToAnswerMs)}</strong> <span class="hint">(${r.answer.via === 'reply' ? `reply, ${r.answer.channel}` : `brand post in ${r.answer.channel}`})</span>` : 'not answered yet'}</td>
<td data-label="Negative per hour">${e ? html`${interval(e.before.negativePerHour)} → ${interval(e.after.negativePerHour)}` : '—'}</td>
<td data-label="Negative share">${e ? html`${e.before.negatives}/${e.before.posts} ${interval(e.before.negativeShare, { pct: true })} → ${e.after.negatives}/${e.after.posts} ${interval(e.after.negativeShare, { pct: true })}` : '—'}</td>
<td data-label="Change">${e ? html`${interval(e.rateRatio, { times: true })} <strong>${trendWord(e.trend)}</strong>` : '—'}</td>
<td data-label="Answered authors">${r.authors.answered ? html`${r.authors.postedAgain} of ${r.authors.answered} posted again: ${r.authors.laterPosts} post(s), ${r.authors.laterNegative} negative, ${r.authors.laterPositive} positive` : '—'}</td></tr>`;
  })}</tbody></table>` : html`<p class="empty">No revolts opened in this period.</p>`}
${groupTable('Per team', 'answers-team', a.team)}
${groupTable('Per template', 'answers-template', a.template)}
${groupTable('Per channel', 'answers-channel', a.channel)}
</section>`;
}
