/** The case page's parts: its posts (newest first, the rest behind "show all"), its replies, and its audit trail in sentences. */
import { html } from 'hono/html';
import type { CasePostView, ReplyView } from '../../routing/detail.js';
import type { AuditView } from '../../routing/views.js';
import type { Principal } from '../principal.js';
import { safeHref, time } from '../views/layout.js';
import { statusPill } from './desk-parts.js';

export const POSTS_SHOWN = 10;

function postItem(p: CasePostView, pick: boolean) {
  const href = safeHref(p.url);
  const c = p.classification;
  const who = p.author.handle ?? p.author.name ?? p.author.id;
  return html`<li id="post-${p.id}" class="st-${p.caseStatus}" data-post="${p.id}">
  <p class="meta">${pick ? html`<label class="pick"><input type="checkbox" data-pick value="${p.id}" aria-label="Select the post by ${who}"> </label>` : ''}<strong class="author">${who}</strong>${p.author.followers ? ` · ${p.author.followers.toLocaleString('en')} followers` : ''} · ${p.source} · ${time(p.publishedAt)} · ${statusPill(p.caseStatus)}${p.reply ? html` · reply ${statusPill(p.reply.status)}` : ''}</p>
  <blockquote class="text">${p.text}</blockquote>
  <p class="meta">${c ? html`<span class="${c.sentiment.label}">${c.sentiment.label}</span>${c.complaint.is ? ' · complaint' : ''}${c.topics.length ? ` · ${c.topics.map((t) => t.id).join(', ')}` : ''}${c.escalation.length ? ` · escalation: ${c.escalation.map((e) => e.id).join(', ')}` : ''}` : 'not classified yet'} · <a href="/posts/${p.id}">Why this post</a>${href ? html` · <a href="${href}" rel="noopener noreferrer nofollow">original</a>` : ''}${p.reply?.remoteUrl && safeHref(p.reply.remoteUrl) ? html` · <a href="${safeHref(p.reply.remoteUrl)!}" rel="noopener noreferrer nofollow">our reply</a>` : ''}</p>
</li>`;
}

/** Newest first; the first POSTS_SHOWN, the rest behind "Show all". */
export function postsList(posts: CasePostView[], total: number, pick: boolean) {
  const first = posts.slice(0, POSTS_SHOWN);
  const rest = posts.slice(POSTS_SHOWN);
  return html`<div id="case-posts">
${pick && posts.length > 1 ? html`<p><label class="pick"><input type="checkbox" id="pick-all"> Select all shown</label></p>` : ''}
<ul class="posts-list">${first.map((p) => postItem(p, pick))}</ul>
${rest.length ? html`<details class="more" id="more-posts"><summary>Show all ${total} posts (${rest.length} more${total > posts.length ? `; the newest ${posts.length} are listed` : ''})</summary><ul class="posts-list">${rest.map((p) => postItem(p, pick))}</ul></details>` : ''}
</div>`;
}

export function replyList(replies: ReplyView[], posts: Map<string, string>, itemId: string, p: Principal | null, canApprove: boolean, isAgent: boolean) {
  if (!replies.length) return html`<p class="empty">No replies yet.</p>`;
  const base = `/api/queue/${encodeURIComponent(itemId)}/replies`;
  return html`<ul class="posts-list" id="replies">${replies.map((r) => {
    const url = safeHref(r.remoteUrl);
    return html`<li id="reply-${r.id}" data-status="${r.status}">
  <p class="meta">${statusPill(r.status)} to <strong>${posts.get(r.postId) ?? r.postId}</strong> on ${r.channel} · drafted by ${r.draftedBy} ${time(r.createdAt)}${r.decidedBy ? html` · ${r.status === 'rejected' ? 'rejected' : 'approved'} by ${r.decidedBy}` : ''}${r.note ? html` (“${r.note}”)` : ''}</p>
  <blockquote class="text">${r.text}</blockquote>
  ${r.status === 'sent' ? html`<p class="meta">Sent ${r.sentAt ? time(r.sentAt) : ''} as <code class="remote-id">${r.remoteId ?? '—'}</code>${url ? html` · <a class="remote-url" href="${url}" rel="noopener noreferrer nofollow">see it on ${r.channel}</a>` : ''}</p>` : ''}
  ${r.status === 'pending' ? html`<p class="meta">Sending${r.attempts ? html`: attempt ${r.attempts + 1}, next ${r.nextAttemptAt ? time(r.nextAttemptAt) : 'now'}; last error: ${r.lastError ?? '—'}` : '…'}</p>` : ''}
  ${r.status === 'dead' ? html`<p class="meta negative">Not delivered after ${r.attempts} attempts: ${r.lastError ?? ''}</p>` : ''}
  <div class="actions">
    ${r.status === 'awaiting_approval' && canApprove && p?.name !== r.draftedBy ? html`<form data-api="${base}/${r.id}/approve" data-reload data-done="Approved: sending."><button type="submit">Approve and send</button></form><form data-api="${base}/${r.id}/reject" data-reload data-done="Rejected."><label class="hint" for="rej-${r.id}">Why</label><input id="rej-${r.id}" name="text" size="16"><button type="submit" class="secondary">Reject</button></form>` : ''}
    ${r.status === 'awaiting_approval' && !canApprove ? html`<span class="hint">Waiting for a lead of the team to approve.</span>` : ''}
    ${(r.status === 'awaiting_approval' || (r.status === 'pending' && r.attempts === 0)) && isAgent && (p?.name === r.draftedBy || canApprove) ? html`<form data-api="${base}/${r.id}/cancel" data-reload data-done="Cancelled."><button type="submit" class="secondary">Cancel</button></form>` : ''}
    ${r.status === 'dead' && isAgent ? html`<form data-api="${base}/${r.id}/resend" data-reload data-done="Queued again."><button type="submit">Resend</button></form>` : ''}
  </div>
</li>`;
  })}</ul>`;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** One audit entry as a sentence. */
export function auditSentence(a: AuditView): string {
  const d = a.detail ?? {};
  const who = a.actor === 'system' ? 'Backlash' : a.actor;
  switch (a.action) {
    case 'queue.created':
      return d.splitFrom ? `${who} split it out of ${str(d.splitFrom)} (${str(d.posts)} posts).` : `${who} opened it${d.route ? ` on route ${str(d.route)}` : ''} for team ${str(d.team)}${d.priority ? ` at ${str(d.priority)}` : ''}${Array.isArray(d.reasons) ? ` (${(d.reasons as string[]).join(', ')})` : ''}.`;
    case 'queue.claim':
      return `${who} claimed it.`;
    case 'queue.assign':
      return d.assignee ? `${who} assigned it to ${str(d.assignee)}${d.team ? ` (team ${str(d.team)})` : ''}.` : `${who} gave it to team ${str(d.team)}.`;
    case 'queue.respond':
      return `${who} marked it responded${d.reply ? `: “${str(d.reply)}”` : ''}.`;
    case 'queue.resolve':
    case 'queue.dismiss':
    case 'queue.reopen':
      return `${who} ${a.action === 'queue.resolve' ? 'resolved' : a.action === 'queue.dismiss' ? 'dismissed' : 'reopened'} it${d.reason ? `: ${str(d.reason)}` : ''}.`;
    case 'queue.note':
      return `${who} noted: “${str(d.text)}”`;
    case 'queue.merge':
      return `${who} merged it into ${str(d.into)}${d.reason ? ` (${str(d.reason)})` : ''}.`;
    case 'queue.merged_in':
      return `${who} merged ${str(d.from)} (“${str(d.title)}”, ${str(d.posts)} posts) into it.`;
    case 'queue.split':
      return `${who} split ${str(d.posts)} post(s) out into ${str(d.to)}.`;
    case 'queue.reassign':
      return `${who} handed it from ${str(d.from) || 'nobody'} to ${str(d.to) || 'the team (back to new)'}: ${str(d.reason)}.`;
    case 'queue.sla.near_breach':
    case 'queue.sla.breach':
      return `The ${str(d.clock)} clock ${a.action.endsWith('near_breach') ? 'is near its deadline' : 'breached its deadline'}; priority ${str((d.priority as { from?: string })?.from)} → ${str((d.priority as { to?: string })?.to)}.`;
    case 'case.post_joined':
      return `${who} added a post to the case: ${str(d.reason)}.`;
    case 'reply.drafted':
      return `${who} wrote ${str(d.replies)} repl${d.replies === 1 ? 'y' : 'ies'}${d.awaitingApproval ? ', waiting for approval' : ''}: “${str(d.text)}”`;
    case 'reply.approved':
    case 'reply.rejected':
    case 'reply.cancelled':
      return `${who} ${a.action.slice(6)} the reply to ${str(d.post)}${d.note ? ` (“${str(d.note)}”)` : ''}.`;
    case 'reply.resend':
      return `${who} sent the reply to ${str(d.post)} again.`;
    case 'reply.sent':
      return `The reply to ${str(d.post)} reached ${str(d.channel)} as ${str(d.remoteId)}${d.attempts && Number(d.attempts) > 1 ? ` after ${str(d.attempts)} attempts` : ''}.`;
    case 'reply.dead':
      return `The reply to ${str(d.post)} could not be sent after ${str(d.attempts)} attempts: ${str(d.error)}.`;
    default:
      if (a.action.startsWith('case.posts_')) return `${who} marked ${str(d.posts)} post(s) ${a.action.slice('case.posts_'.length)}.`;
      return `${who}: ${a.action}.`;
  }
}

/** The trail in sentences; runs of posts joining the case are told once ("added 12 posts…"). */
export function auditTrail(audit: AuditView[]) {
  const lines: { a: AuditView; text: string }[] = [];
  for (let i = 0; i < audit.length; i++) {
    const a = audit[i];
    if (a.action !== 'case.post_joined') {
      lines.push({ a, text: auditSentence(a) });
      continue;
    }
    let j = i;
    while (j + 1 < audit.length && audit[j + 1].action === 'case.post_joined') j++;
    const run = audit.slice(i, j + 1);
    const why = [...new Set(run.map((x) => String(x.detail?.reason ?? '').replace(/ \(.*\)$/, '')).filter(Boolean))];
    lines.push({ a, text: run.length === 1 ? auditSentence(a) : `Backlash added ${run.length} posts to the case until ${time(run[run.length - 1].at)}${why.length ? `: ${why.join('; ')}` : ''}.` });
    i = j;
  }
  return html`<ol class="trail" id="audit">${lines.map(({ a, text }) => html`<li data-action="${a.action}"><span class="hint">${time(a.at)}</span> ${text}</li>`)}</ol>`;
}
