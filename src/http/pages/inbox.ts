/**
 * The inbox: cases and the posts that need their own answer, most urgent first (the clock that
 * runs out soonest, then priority), with a live countdown, near-breach and breach marked, views of
 * their own (mine, breached, awaiting approval…), and live over the event stream (client/desk.ts).
 */
import { html, raw } from 'hono/html';
import type { Principal } from '../principal.js';
import { can, layout } from '../views/layout.js';
import { caseRow, type CaseRowData } from '../views/case-row.js';
import { toHtml } from '../views/tree.js';

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

export type InboxRow = CaseRowData;

/** The row of views/case-row.ts, the one the desk's live script also builds. */
export function inboxRow(r: InboxRow, p: Principal | null, now: number) {
  return raw(toHtml(caseRow(r, { canClaim: can(p, 'agent'), now })));
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
