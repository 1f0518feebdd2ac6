/**
 * The inbox: cases and the posts that need their own answer, most urgent first (the clock that
 * runs out soonest, then priority), with a live countdown, near-breach and breach marked, views of
 * their own (mine, breached, awaiting approval…), and live over the event stream (assets/desk.js).
 */
import { html } from 'hono/html';
import type { QueueItemView } from '../../routing/views.js';
import type { Principal } from '../principal.js';
import { can, layout } from '../views/layout.js';
import { slaBadge, statusPill } from './desk-parts.js';

export interface InboxFilters {
  view: string;
  target: string;
  team: string;
  priority: string;
  topic: string;
  assignee: string;
}

export const VIEWS: [string, string][] = [
  ['open', 'Open'],
  ['mine', 'Mine'],
  ['breached', 'Breached'],
  ['near-breach', 'Near breach'],
  ['awaiting-approval', 'Awaiting approval'],
  ['unassigned', 'Unassigned'],
  ['closed', 'Resolved and dismissed'],
];

export interface InboxRow {
  item: QueueItemView;
  excerpt: string | null;
  posts: { total: number; open: number } | null;
}

function kindLine(r: InboxRow) {
  const i = r.item;
  if (i.kind === 'post') return html`Post${i.reasons.length ? html` · needs its own answer: ${i.reasons.join(', ')}` : ''}`;
  return html`${i.kind === 'revolt' ? 'Revolt case' : 'Case'}${r.posts ? html` · <span class="posts-count">${r.posts.total}</span> posts, <span class="posts-open">${r.posts.open}</span> open` : ''}`;
}

export function inboxRow(r: InboxRow, p: Principal | null, now: number) {
  const i = r.item;
  return html`<li class="case-row prio-${i.priority} sla-${i.sla.state}" id="case-${i.id}" data-id="${i.id}" data-status="${i.status}" data-assignee="${i.assignee ?? ''}">
  <div>
    <h3><span class="prio ${i.priority}">${i.priority}</span> <a href="/cases/${i.id}">${i.title}</a></h3>
    <p class="meta">${kindLine(r)} · ${i.target} · team <span class="team">${i.team ?? '—'}</span> · ${statusPill(i.status)} · <span class="assignee">${i.assignee ?? 'unassigned'}</span></p>
    ${r.excerpt ? html`<blockquote class="text">${r.excerpt}</blockquote>` : ''}
    <p class="meta">${slaBadge(i, now)}</p>
    <p class="warning claimed-warning" role="status" hidden></p>
  </div>
  <div class="row-actions">
    ${can(p, 'agent') && i.status === 'new' ? html`<form data-api="/api/queue/${i.id}/claim" data-done="Claimed." data-refresh><button type="submit">Claim</button></form>` : ''}
    <a class="button secondary" href="/cases/${i.id}">Open case</a>
  </div>
</li>`;
}

export function inboxPage(d: { rows: InboxRow[]; counts: { open: number; breached: number; nearBreach: number; awaitingApproval: number }; filters: InboxFilters; query: string; targets: string[]; teams: string[]; principal: Principal | null; banner?: string; clock: { now: number; speed: number } }) {
  const f = d.filters;
  const count: Record<string, number | undefined> = { open: d.counts.open, breached: d.counts.breached, 'near-breach': d.counts.nearBreach, 'awaiting-approval': d.counts.awaitingApproval };
  const link = (view: string) => `/inbox?${new URLSearchParams({ ...Object.fromEntries(Object.entries({ ...f, view }).filter(([, v]) => v)) }).toString()}`;
  const body = html`<h2>Inbox</h2>
<nav aria-label="Views"><ul class="views">${VIEWS.map(([id, label]) => html`<li><a href="${link(id)}"${id === f.view ? html` aria-current="page"` : ''} data-view="${id}">${label}${count[id] !== undefined ? html` <span class="count" data-count="${id}">${count[id]}</span>` : ''}</a></li>`)}</ul></nav>
<details class="card"${f.target || f.team || f.priority || f.topic || f.assignee ? ' open' : ''}><summary>Filters</summary>
<form method="get" action="/inbox" class="filters" aria-label="Filters">
  <input type="hidden" name="view" value="${f.view}">
  <label for="f-target">Target</label><select id="f-target" name="target"><option value="">all</option>${d.targets.map((t) => html`<option${t === f.target ? ' selected' : ''}>${t}</option>`)}</select>
  <label for="f-team">Team</label><select id="f-team" name="team"><option value="">all</option>${d.teams.map((t) => html`<option${t === f.team ? ' selected' : ''}>${t}</option>`)}</select>
  <label for="f-prio">Priority</label><select id="f-prio" name="priority"><option value="">all</option>${['P1', 'P2', 'P3', 'P4'].map((p) => html`<option${p === f.priority ? ' selected' : ''}>${p}</option>`)}</select>
  <label for="f-topic">Topic</label><input id="f-topic" name="topic" value="${f.topic}" size="12">
  <label for="f-assignee">Assignee</label><input id="f-assignee" name="assignee" value="${f.assignee}" size="10">
  <button type="submit">Filter</button>
</form></details>
<p class="hint">Most urgent first: the clock that runs out soonest, then priority. Live: items appear, move and leave without reloading.</p>
<p id="inbox-empty" class="empty"${d.rows.length ? html` hidden` : ''}>Nothing here for this view.</p>
<ol class="inbox" id="inbox" data-query="${d.query}" aria-live="polite">${d.rows.map((r) => inboxRow(r, d.principal, d.clock.now))}</ol>`;
  return layout('Inbox', body, { principal: d.principal, nav: 'inbox', banner: d.banner, scripts: ['desk.js'], clock: d.clock });
}
