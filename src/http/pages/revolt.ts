/**
 * One revolt: charts with axes (volume against the expected range, negativity in its own panel,
 * the team's answers marked; assets/revolt-chart.js draws them with uPlot from the data table,
 * which stays as the accessible version), why it opened in sentences, its case, and its posts.
 */
import { html } from 'hono/html';
import type { Revolt } from '../../types.js';
import type { PostView } from '../queries.js';
import type { RevoltInsight } from '../timeline.js';
import type { Principal } from '../principal.js';
import type { QueueItemView } from '../../routing/views.js';
import { explainRevolt } from '../revolt-explain.js';
import { can, layout, safeHref, time } from '../views/layout.js';
import { slaBadge, statusPill } from './desk-parts.js';

const n = (v: number | null, d = 2) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(d));
const SHOWN = 10;

function memberPost(p: PostView) {
  const href = safeHref(p.url);
  const c = p.classification;
  return html`<li id="post-${p.id}"><p class="meta"><strong>${p.author.handle ?? p.author.name ?? p.author.id}</strong> · ${p.source} · ${time(p.publishedAt)}${c ? html` · <span class="${c.sentiment.label}">${c.sentiment.label}</span>${c.topics.length ? ` · ${c.topics.map((t) => t.id).join(', ')}` : ''}` : ''}</p>
<blockquote class="text">${p.text}</blockquote><p class="meta"><a href="/posts/${p.id}">Why this post / correct it</a>${href ? html` · <a href="${href}" rel="noopener noreferrer nofollow">original</a>` : ''}</p></li>`;
}

export function revoltPage(d: { revolt: Revolt & { posts: PostView[] }; insight: RevoltInsight; item: QueueItemView | null; principal: Principal | null; banner?: string; clock: { now: number; speed: number } }) {
  const r = d.revolt;
  const t = d.insight.timeline;
  const x = explainRevolt(r.explain);
  const posts = [...r.posts].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || (a.id < b.id ? 1 : -1));
  const item = d.item;
  const body = html`<h2><span class="prio ${r.priority}">${r.priority}</span> ${r.label}</h2>
<p class="meta">${r.target} · key <code>${r.key}</code> · stage <strong>${r.stage}</strong> · severity <strong>${Math.round(r.severity)}</strong> · ${r.postIds.length} posts · opened ${time(r.openedAt)} · updated ${time(r.updatedAt)}${r.resolvedAt ? html` · resolved ${time(r.resolvedAt)}` : ''}</p>
<section aria-labelledby="case-h" class="card"><h3 id="case-h">Its case</h3>
${item
  ? html`<p><a href="/cases/${item.id}" id="case-link">${item.title}</a> · ${statusPill(item.status)} · team ${item.team ?? '—'} · ${item.assignee ?? 'unassigned'} · ${slaBadge(item, d.clock.now)}</p>
${can(d.principal, 'agent') && item.status === 'new' ? html`<form data-api="/api/queue/${item.id}/claim" data-reload data-done="Claimed."><button type="submit">Claim the case</button></form>` : ''}`
  : html`<p class="empty">No case.</p>`}
</section>
<section aria-labelledby="tl-h"><h3 id="tl-h">Timeline</h3>
<div id="chart-volume" class="chart-box" aria-hidden="true"></div>
<div id="chart-negativity" class="chart-box" aria-hidden="true"></div>
<p class="hint">Red: the revolt's posts per ${Math.round(d.insight.bucketMs / 60_000)} minutes; dashed grey: expected, with the expected range shaded (expected ± 2√expected); green dashed lines: when the team answered.</p>
<details><summary>The numbers (table)</summary><div class="table-wrap">
<table class="data" id="timeline-data"><caption class="hint">Per interval: posts, expected range, negativity</caption>
<thead><tr><th scope="col">From (UTC)</th><th scope="col">Posts</th><th scope="col">Expected</th><th scope="col">Range</th><th scope="col">Negative</th><th scope="col">Reach</th></tr></thead>
<tbody>${t.map((p) => html`<tr data-at="${p.at}" data-volume="${p.volume}" data-expected="${p.expected ?? ''}" data-low="${p.low ?? ''}" data-high="${p.high ?? ''}" data-negativity="${p.negativity}"><td>${time(p.at)}</td><td>${p.volume}</td><td>${n(p.expected)}</td><td>${p.low === null ? '—' : `${n(p.low)}–${n(p.high)}`}</td><td>${Math.round(p.negativity * 100)} %</td><td>${p.reach.toLocaleString('en')}</td></tr>`)}</tbody></table></div>
<ul id="answers-data">${d.insight.answers.map((a) => html`<li data-at="${a.at}" data-label="${a.label}">${time(a.at)}: ${a.label}</li>`)}</ul>
${d.insight.answers.length ? '' : html`<p class="hint">The team has not answered yet.</p>`}
</details>
</section>
<section aria-labelledby="why-h"><h3 id="why-h">Why it opened</h3>
<div id="why-opened">${x.sentences.length ? x.sentences.map((s) => html`<p>${s}</p>`) : html`<p class="empty">The detector left no explanation.</p>`}</div>
${x.now.length ? html`<h4>Where it stands</h4><ul>${x.now.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${x.mergedKeys.length ? html`<h4>Keys merged into this revolt</h4><div class="table-wrap"><table class="posts" id="merged-keys"><thead><tr><th scope="col">Key</th><th scope="col">Voices</th><th scope="col">Expected</th><th scope="col">Score</th><th scope="col">How it joined</th></tr></thead><tbody>${x.mergedKeys.map((k) => html`<tr><td><code>${k.key}</code></td><td>${n(k.observed)}</td><td>${n(k.expected)}</td><td>${n(k.score)}</td><td>${k.note ?? 'at opening'}</td></tr>`)}</tbody></table></div>` : ''}
${x.levels.length ? html`<h4>Levels that fired</h4><div class="table-wrap"><table class="posts" id="levels"><thead><tr><th scope="col">Level</th><th scope="col">Key</th><th scope="col">Observed</th><th scope="col">Expected</th><th scope="col">Score</th><th scope="col">Window</th></tr></thead><tbody>${x.levels.map((l) => html`<tr><td>${l.level}</td><td><code>${l.key}</code></td><td>${n(l.observed)}</td><td>${n(l.expected)}</td><td>${n(l.score)}</td><td>${l.windowMinutes === null ? '—' : `${l.windowMinutes} min`}</td></tr>`)}</tbody></table></div>` : ''}
<details><summary>The detector's full explanation (JSON)</summary><pre class="result">${JSON.stringify(r.explain, null, 1)}</pre></details>
</section>
<section aria-labelledby="m-h"><h3 id="m-h">Posts (${posts.length}), newest first</h3>
<ul class="posts-list">${posts.slice(0, SHOWN).map(memberPost)}</ul>
${posts.length > SHOWN ? html`<details class="more"><summary>Show all ${posts.length} posts</summary><ul class="posts-list">${posts.slice(SHOWN).map(memberPost)}</ul></details>` : ''}
</section>`;
  return layout(r.label, body, { principal: d.principal, nav: 'board', banner: d.banner, scripts: ['revolt-chart.js', 'desk.js'], styles: ['uplot.css'], clock: d.clock });
}
