/** The weekly CX report as a printable page (/cx/report?week=): every text from posts is escaped. */
import { html } from 'hono/html';
import type { Principal } from '../principal.js';
import type { WeeklyReport } from '../../cx/report.js';
import { layout, time } from '../views/layout.js';
import { duration, interval } from './cx-answers.js';

const trendWord = (t: string) => (t === 'up' ? '▲ up' : t === 'down' ? '▼ down' : 'no clear change');

export function reportPage(d: { r: WeeklyReport; principal: Principal | null; banner?: string; prev: string; next: string }) {
  const r = d.r;
  const body = html`<article class="report" id="cx-report" data-week="${r.week}">
<h2>Weekly CX report: week of ${r.week}</h2>
<p class="meta">${time(r.from)} – ${time(r.to)}. Intervals are 95 %. <span class="noprint"><a href="/cx/report?week=${d.prev}">previous week</a> · <a href="/cx/report?week=${d.next}">next week</a> · <a href="/api/cx/report.csv?week=${r.week}">CSV</a> · <a href="/api/cx/report.jsonl?week=${r.week}">JSONL</a></span></p>
<section aria-labelledby="rp-head"><h3 id="rp-head">Where the experience broke</h3>
${r.headlines.length ? html`<ul>${r.headlines.map((h) => html`<li><strong>${h.target}</strong>: ${h.text}</li>`)}</ul>` : html`<p class="empty">No complaint stood out.</p>`}</section>
<section aria-labelledby="rp-targets"><h3 id="rp-targets">Targets</h3>
<table class="posts stack" id="report-targets"><thead><tr><th scope="col">Target</th><th scope="col">Posts</th><th scope="col">Index (previous week)</th><th scope="col">Complaint share (previous week)</th><th scope="col">Complaints vs previous week</th></tr></thead>
<tbody>${r.targets.map((t) => html`<tr data-target="${t.target}" data-posts="${t.posts}" data-complaints="${t.complaints.complaints}" data-previous="${t.complaints.previous}"><td data-label="Target">${t.target}</td><td data-label="Posts">${t.posts}</td><td data-label="Index">${interval(t.index)} (${interval(t.previousIndex)})</td><td data-label="Complaint share">${interval(t.complaintShare, { pct: true })} (${interval(t.previousComplaintShare, { pct: true })})</td><td data-label="Complaints">${t.complaints.complaints} vs ${t.complaints.previous}: ${interval(t.complaints.change, { times: true })} ${trendWord(t.complaints.trend)}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="rp-pillars"><h3 id="rp-pillars">Pillars and touchpoints</h3>
${r.targets.map((t) => html`<h4>${t.target}</h4><table class="posts stack report-pillars"><thead><tr><th scope="col">Pillar or touchpoint</th><th scope="col">Complaints (previous week)</th><th scope="col">Change</th></tr></thead>
<tbody>${[...t.pillars.map((p) => ({ ...p, kind: 'pillar' })), ...t.touchpoints.map((p) => ({ ...p, kind: 'touchpoint' }))].map((p) => html`<tr><td data-label="${p.kind}">${p.kind} <code>${p.id}</code></td><td data-label="Complaints">${p.complaints} (${p.previous})</td><td data-label="Change">${interval(p.change, { times: true })} ${trendWord(p.trend)}</td></tr>`)}</tbody></table>`)}</section>
<section aria-labelledby="rp-revolts"><h3 id="rp-revolts">Top revolts and how they ended</h3>
${r.topRevolts.length ? html`<table class="posts stack" id="report-revolts"><thead><tr><th scope="col">Revolt</th><th scope="col">Severity</th><th scope="col">Ended</th><th scope="col">First answer</th><th scope="col">Negative voices after / before</th></tr></thead>
<tbody>${r.topRevolts.map((v) => html`<tr data-revolt="${v.id}"><td data-label="Revolt"><a href="/revolts/${v.id}">${v.label}</a> <span class="hint">${v.target}</span></td><td data-label="Severity">${v.severity}</td><td data-label="Ended">${v.resolvedAt ? `resolved after ${duration(v.lastedMs)}` : `still ${v.stage}`}</td><td data-label="First answer">${v.timeToAnswerMs === null ? 'not answered' : `after ${duration(v.timeToAnswerMs)}`}</td><td data-label="After the answer">${v.afterAnswer ? `${interval(v.afterAnswer.rateRatio, { times: true })} ${trendWord(v.afterAnswer.trend)}` : '—'}</td></tr>`)}</tbody></table>` : html`<p class="empty">No revolt opened this week.</p>`}</section>
<section aria-labelledby="rp-sla"><h3 id="rp-sla">SLA attainment per team</h3>
${r.sla.length ? html`<table class="posts stack" id="report-sla"><thead><tr><th scope="col">Team</th><th scope="col">Cases</th><th scope="col">First response met</th><th scope="col">Resolution met</th><th scope="col">Median first response</th></tr></thead>
<tbody>${r.sla.map((g) => html`<tr data-team="${g.key}"><td data-label="Team">${g.key}</td><td data-label="Cases">${g.cases}</td><td data-label="First response">${g.firstResponseSla.met}/${g.firstResponseSla.due} ${interval(g.firstResponseSla.share, { pct: true })}</td><td data-label="Resolution">${g.resolutionSla.met}/${g.resolutionSla.due} ${interval(g.resolutionSla.share, { pct: true })}</td><td data-label="Median">${duration(g.firstResponse.medianMs)}</td></tr>`)}</tbody></table>` : html`<p class="empty">No cases this week.</p>`}</section>
<section aria-labelledby="rp-ans"><h3 id="rp-ans">Did our answers work?</h3>
<p id="report-answers">${r.answers.overall.revolts ? html`Over ${r.answers.overall.revolts} answered revolt(s), negative voices after the first public answer / before it: <strong>${interval(r.answers.overall.rateRatio, { times: true })}</strong>, ${trendWord(r.answers.overall.trend)} (${r.answers.overall.negativesAfter} vs ${r.answers.overall.negativesBefore}).` : 'No revolt was answered this week.'}</p>
${r.answers.byTemplate.length ? html`<ul>${r.answers.byTemplate.map((g) => html`<li>template <code>${g.key}</code>: ${g.afterAnswer.revolts ? html`${interval(g.afterAnswer.rateRatio, { times: true })} ${trendWord(g.afterAnswer.trend)}` : 'no answered revolt'}</li>`)}</ul>` : ''}</section>
<section aria-labelledby="rp-prom"><h3 id="rp-prom">Broken promises customers cite most</h3>
${r.brokenPromises.length ? html`<ol id="report-promises">${r.brokenPromises.map((p) => html`<li><strong>${p.label}</strong> (${p.target}): ${p.complaints} complaint(s)<ul>${p.examples.map((e) => html`<li class="post-text"><a href="/posts/${e.id}">“${e.text}”</a></li>`)}</ul></li>`)}</ol>` : html`<p class="empty">No broken promise cited this week.</p>`}</section>
</article>`;
  return layout(`CX report ${r.week}`, body, { principal: d.principal, nav: 'cx', banner: d.banner });
}
