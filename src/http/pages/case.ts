/**
 * One case: its posts (bulk answer, resolve, dismiss, split), the reply composer with the templates
 * that fit (holding statements for revolts, one-to-one replies for posts), replies and their
 * delivery, actions (claim, assign to a teammate or a team, respond, resolve, dismiss, reopen,
 * merge), internal notes and the audit trail. Live: a change by someone else is announced.
 */
import { html } from 'hono/html';
import type { QueueItemDetail } from '../../routing/detail.js';
import type { TeamLoad, PersonLoad } from '../../routing/team.js';
import type { Principal } from '../principal.js';
import { can, layout, time } from '../views/layout.js';
import { slaBadge, statusPill } from './desk-parts.js';
import { auditTrail, postsList, replyList } from './case-parts.js';

export interface CasePageData {
  item: QueueItemDetail;
  teams: { teams: TeamLoad[]; others: PersonLoad[] };
  mergeTargets: { id: string; title: string; priority: string }[];
  canApprove: boolean;
  principal: Principal | null;
  banner?: string;
  clock: { now: number; speed: number };
}

const OPEN = ['new', 'claimed', 'responded'];

function clockLine(label: string, c: { dueAt: string | null; state: string }, done: string | null) {
  if (!c.dueAt) return '';
  return html`<li>${label}: due ${time(c.dueAt)}${done ? html` · done ${time(done)} (${c.state === 'met-late' ? 'late' : 'in time'})` : c.state === 'breached' ? html` · <strong class="negative">breached</strong>` : c.state === 'near-breach' ? ' · near breach' : ''}</li>`;
}

function actions(d: CasePageData) {
  const i = d.item;
  const base = `/api/queue/${encodeURIComponent(i.id)}`;
  if (!can(d.principal, 'agent')) return '';
  if (i.status === 'merged') return html`<p>This item was merged into <a href="/cases/${i.mergedInto}">another case</a>: act there.</p>`;
  if (!OPEN.includes(i.status)) return html`<div class="actions"><form data-api="${base}/reopen" data-reload data-done="Reopened."><label for="reopen-why" class="hint">Why</label><input id="reopen-why" name="text" size="18"><button type="submit">Reopen</button></form></div>`;
  const person = (p: PersonLoad) => html`<option value="${p.id}"${p.id === i.assignee ? ' selected' : ''}>${p.id}${p.lead ? ' (lead)' : ''} — ${p.open}/${p.capacity} open${p.open >= p.capacity ? ', full' : ''}</option>`;
  return html`<div class="actions">
  ${i.status === 'new' ? html`<form data-api="${base}/claim" data-reload data-done="Claimed."><button type="submit">Claim</button></form>` : ''}
  <form data-api="${base}/assign" data-reload data-done="Assigned."><label for="assign-agent">Assign to</label>
    <select id="assign-agent" name="agent">${d.teams.teams.map((t) => html`<optgroup label="${t.id}">${t.people.map(person)}</optgroup>`)}${d.teams.others.length ? html`<optgroup label="other">${d.teams.others.map(person)}</optgroup>` : ''}</select><button type="submit" class="secondary">Assign</button></form>
  <form data-api="${base}/assign" data-reload data-done="Handed to the team."><label for="assign-team">Hand to team</label>
    <select id="assign-team" name="team">${d.teams.teams.map((t) => html`<option${t.id === i.team ? ' selected' : ''}>${t.id}</option>`)}</select><button type="submit" class="secondary">Hand over</button></form>
</div>
<div class="actions">
  ${i.status !== 'responded' ? html`<form data-api="${base}/respond" data-reload data-done="Marked responded."><label for="responded-elsewhere" class="hint">Answered elsewhere (phone, DM)</label><input id="responded-elsewhere" name="text" size="18" placeholder="what was said"><button type="submit" class="secondary">Mark responded</button></form>` : ''}
  <form data-api="${base}/resolve" data-reload data-done="Resolved."><button type="submit">Resolve</button></form>
  <form data-api="${base}/dismiss" data-reload data-done="Dismissed."><button type="submit" class="secondary">Dismiss</button></form>
  ${d.mergeTargets.length ? html`<form data-api="${base}/merge" data-reload data-done="Merged."><label for="merge-into">Merge into</label><select id="merge-into" name="into">${d.mergeTargets.map((m) => html`<option value="${m.id}">${m.priority} ${m.title}</option>`)}</select><button type="submit" class="secondary">Merge</button></form>` : ''}
</div>`;
}

function composer(d: CasePageData) {
  const i = d.item;
  if (!can(d.principal, 'agent') || !OPEN.includes(i.status)) return '';
  const group = i.kind !== 'post';
  const first = i.templates[0];
  return html`<form id="reply-form" class="stack" data-api="/api/queue/${encodeURIComponent(i.id)}/replies" data-picks="case-posts" data-reload data-done="${i.needsApproval ? 'Reply saved: waiting for a lead to approve it.' : 'Reply queued: sending now.'}">
  <label for="reply-template">Template</label>
  <select id="reply-template" name="template" data-fills="reply-text">${i.templates.map((t) => html`<option value="${t.id}" data-text="${t.text}">${t.label}</option>`)}</select>
  <label for="reply-text">Reply${group ? ' ({author} is filled for each post)' : ''}</label>
  <textarea id="reply-text" name="text" rows="5" required>${first?.text ?? ''}</textarea>
  <p class="hint">${group ? 'Goes to the posts you select below; with none selected, to every open post of the case. ' : 'Goes to the post, on its own network. '}${i.needsApproval ? 'A lead of the team approves it before it is published.' : 'Published as soon as you send it.'}</p>
  <button type="submit">${group ? 'Send to the selected posts' : 'Send reply'}</button>
</form>`;
}

function bulk(d: CasePageData) {
  const i = d.item;
  if (!can(d.principal, 'agent') || !OPEN.includes(i.status) || i.postCount < 2) return '';
  const base = `/api/queue/${encodeURIComponent(i.id)}`;
  return html`<div class="actions bulk" aria-label="Act on the selected posts">
  <form data-api="${base}/posts" data-picks="case-posts" data-reload data-done="Posts resolved."><input type="hidden" name="status" value="resolved"><button type="submit" class="secondary">Resolve selected</button></form>
  <form data-api="${base}/posts" data-picks="case-posts" data-reload data-done="Posts dismissed."><input type="hidden" name="status" value="dismissed"><button type="submit" class="secondary">Dismiss selected</button></form>
  <form data-api="${base}/split" data-picks="case-posts" data-picks-required data-done="Split into a new case." data-go="item.id" data-go-prefix="/cases/"><label for="split-title" class="hint">New case title</label><input id="split-title" name="title" size="16"><button type="submit" class="secondary">Split selected into a new case</button></form>
  <p class="hint">With nothing selected, resolve and dismiss act on every open post.</p>
</div>`;
}

export function casePage(d: CasePageData) {
  const i = d.item;
  const me = d.principal?.name;
  const byOther = i.assignee && i.assignee !== me && OPEN.includes(i.status);
  const postAuthors = new Map(i.posts.map((p) => [p.id, p.author.handle ?? p.author.name ?? p.author.id]));
  const body = html`<article id="case" data-id="${i.id}" data-status="${i.status}" data-assignee="${i.assignee ?? ''}">
<h2><span class="prio ${i.priority}">${i.priority}</span> ${i.title}</h2>
<p class="meta">${i.kind === 'revolt' ? 'Revolt case' : i.kind === 'case' ? 'Case' : 'Post that needs its own answer'} · ${i.target} · team <strong>${i.team ?? '—'}</strong> · ${statusPill(i.status)} · assignee <strong class="assignee">${i.assignee ?? 'nobody'}</strong>${i.revoltId ? html` · <a href="/revolts/${i.revoltId}">the revolt</a>` : ''}${i.reasons.length ? ` · why its own item: ${i.reasons.join(', ')}` : ''}</p>
<p>${slaBadge(i, d.clock.now)}</p>
<p class="warning" id="claimed-warning" role="status"${byOther ? '' : ' hidden'}>${byOther ? `${i.assignee} holds this case. Agree with them before you act on it.` : ''}</p>
<div class="case-layout">
<div>
<section aria-labelledby="posts-h"><h3 id="posts-h">Posts (${i.postCount}: ${i.postCounts.open} open, ${i.postCounts.answered} answered, ${i.postCounts.resolved} resolved, ${i.postCounts.dismissed} dismissed)</h3>
${bulk(d)}
${postsList(i.posts, i.postCount, can(d.principal, 'agent') && OPEN.includes(i.status) && i.kind !== 'post')}
</section>
${i.linkedItems.length ? html`<section aria-labelledby="linked-h"><h3 id="linked-h">Posts of this revolt with items of their own</h3><ul>${i.linkedItems.map((x) => html`<li><a href="/cases/${x.id}">${x.title}</a> · ${x.status} · ${x.reasons.join(', ')}</li>`)}</ul></section>` : ''}
${i.mergedItems.length ? html`<section aria-labelledby="merged-h"><details><summary><h3 id="merged-h" class="inline">Merged into this case (${i.mergedItems.length})</h3></summary><ul>${i.mergedItems.map((x) => html`<li><a href="/cases/${x.id}">${x.title}</a></li>`)}</ul></details></section>` : ''}
</div>
<div>
<section aria-labelledby="act-h"><h3 id="act-h">Work the case</h3>
<ul class="meta">${clockLine('First response', i.sla.firstResponse, i.sla.firstResponse.respondedAt)}${clockLine('Resolution', i.sla.resolution, i.sla.resolution.resolvedAt)}${i.sla.pausesOutsideHours ? html`<li>Clocks pause outside the team's hours (${i.sla.timezone}).</li>` : ''}</ul>
${actions(d)}
</section>
<section aria-labelledby="reply-h"><h3 id="reply-h">Answer the customer</h3>
${composer(d)}
<h4>Replies</h4>
${replyList(i.replies, postAuthors, i.id, d.principal, d.canApprove, can(d.principal, 'agent'))}
</section>
<section aria-labelledby="notes-h"><h3 id="notes-h">Internal notes</h3>
${i.notes.length ? html`<ul>${i.notes.map((n) => html`<li><strong>${n.actor}</strong> <span class="hint">${time(n.at)}</span>: ${n.text}</li>`)}</ul>` : html`<p class="empty">No notes.</p>`}
${can(d.principal, 'agent') ? html`<form class="stack" data-api="/api/queue/${encodeURIComponent(i.id)}/note" data-reload data-done="Note added."><label for="note-text">Note for the team (never sent to the customer)</label><textarea id="note-text" name="text" rows="2" required></textarea><button type="submit" class="secondary">Add note</button></form>` : ''}
</section>
<section aria-labelledby="audit-h"><h3 id="audit-h">Audit trail</h3>${auditTrail(i.audit)}</section>
</div>
</div>
</article>`;
  return layout(i.title, body, { principal: d.principal, nav: 'inbox', banner: d.banner, scripts: ['desk.js'], clock: d.clock });
}
