/**
 * The one message builder: every notification (revolt opened/escalated/resolved, SLA near-breach
 * and breach, a single flagged post, a digest) becomes a platform-neutral Notice of plain,
 * unescaped text. Providers render it and escape it for their platform; post text is
 * attacker-controlled and is never trusted here.
 */
export type NoticeKind = 'revolt.opened' | 'revolt.escalated' | 'revolt.updated' | 'revolt.resolved' | 'sla.near_breach' | 'sla.breach' | 'post.flagged' | 'digest';

export interface NoticePost {
  author: string;
  text: string;
  url: string | null;
  followers: number | null;
  source: string;
}

export interface NoticeField {
  name: string;
  value: string;
}

export interface Notice {
  kind: NoticeKind;
  eventId: string;
  at: number;
  title: string; // "Revolt opened: Lost luggage — Nimbus Air"
  summary: string; // one sentence
  target: string;
  severity: number;
  priority: string;
  fields: NoticeField[]; // what, target, size, trend, stage, team…
  posts: NoticePost[]; // top posts, most reach first
  link: string | null; // the item on the dashboard
  items?: { title: string; kind: NoticeKind; severity: number; link: string | null }[]; // digest entries
}

export const MAX_POSTS = 3;
export const MAX_POST_CHARS = 500;

const VERB: Record<NoticeKind, string> = {
  'revolt.opened': 'Revolt opened',
  'revolt.escalated': 'Revolt escalating',
  'revolt.updated': 'Revolt update',
  'revolt.resolved': 'Revolt resolved',
  'sla.near_breach': 'SLA near breach',
  'sla.breach': 'SLA breached',
  'post.flagged': 'Post needs an answer',
  digest: 'Digest',
};

const TREND: Record<string, string> = { emerging: 'new', escalating: 'rising', peaking: 'peaking', subsiding: 'falling', resolved: 'over' };

/**
 * The length platforms' limits are counted in, as far as we can tell: Slack, Discord and Teams
 * document "characters" without a unit; we count UTF-16 code units, which is never fewer than code
 * points (an emoji is 2 here, 1 as a code point), so a text that fits here fits under either
 * reading. Always measured on the text as sent: escaped, with links encoded.
 */
export function units(s: string): number {
  return s.length;
}

/** Cut to at most `max` UTF-16 units, on a code point boundary, marking the cut with "…". */
export function clipUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  let end = max - 1; // room for the ellipsis
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
  return s.slice(0, Math.max(0, end)) + '…';
}

/** Cut to n characters (code points), marking the cut. */
export function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : chars.slice(0, Math.max(0, n - 1)).join('') + '…';
}

/** Only http(s) URLs reach a message: a javascript: or data: link is dropped. */
export function safeUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function cleanPosts(posts: NoticePost[]): NoticePost[] {
  return [...posts]
    .sort((a, b) => (b.followers ?? 0) - (a.followers ?? 0))
    .slice(0, MAX_POSTS)
    .map((p) => ({ ...p, author: clip(p.author, 80), text: clip(p.text.replace(/\s+/g, ' ').trim(), MAX_POST_CHARS), url: safeUrl(p.url) }));
}

export interface RevoltNoticeInput {
  kind: 'revolt.opened' | 'revolt.escalated' | 'revolt.updated' | 'revolt.resolved';
  eventId: string;
  at: number;
  label: string;
  target: string;
  severity: number;
  priority: string;
  stage: string;
  posts: number;
  authors: number;
  team: string | null;
  topPosts: NoticePost[];
  link: string | null;
}

export function revoltNotice(i: RevoltNoticeInput): Notice {
  return {
    kind: i.kind,
    eventId: i.eventId,
    at: i.at,
    title: `${VERB[i.kind]}: ${clip(i.label, 150)}`,
    summary: `${i.posts} posts from ${i.authors} authors about ${i.target}, severity ${Math.round(i.severity)}/100, trend ${TREND[i.stage] ?? i.stage}.`,
    target: i.target,
    severity: i.severity,
    priority: i.priority,
    fields: [
      { name: 'Target', value: i.target },
      { name: 'Size', value: `${i.posts} posts, ${i.authors} authors` },
      { name: 'Severity', value: `${Math.round(i.severity)}/100 (${i.priority})` },
      { name: 'Trend', value: TREND[i.stage] ?? i.stage },
      { name: 'Stage', value: i.stage },
      ...(i.team ? [{ name: 'Team', value: i.team }] : []),
    ],
    posts: cleanPosts(i.topPosts),
    link: safeUrl(i.link),
  };
}

export interface SlaNoticeInput {
  kind: 'sla.near_breach' | 'sla.breach';
  eventId: string;
  at: number;
  clock: 'first response' | 'resolution';
  dueAt: number;
  title: string;
  target: string;
  severity: number;
  priority: string;
  previousPriority: string;
  team: string | null;
  assignee: string | null;
  status: string;
  link: string | null;
}

export function slaNotice(i: SlaNoticeInput): Notice {
  const due = new Date(i.dueAt).toISOString().replace('.000Z', 'Z');
  const when = i.kind === 'sla.breach' ? `was due at ${due}` : `is due at ${due}`;
  return {
    kind: i.kind,
    eventId: i.eventId,
    at: i.at,
    title: `${VERB[i.kind]} (${i.clock}): ${clip(i.title, 150)}`,
    summary: `The ${i.clock} ${when}; priority ${i.previousPriority === i.priority ? 'stays' : `raised from ${i.previousPriority} to`} ${i.priority}.`,
    target: i.target,
    severity: i.severity,
    priority: i.priority,
    fields: [
      { name: 'Target', value: i.target },
      { name: 'Priority', value: i.priority },
      { name: 'Status', value: i.status },
      { name: 'Team', value: i.team ?? '-' },
      { name: 'Assignee', value: i.assignee ?? 'nobody' },
      { name: 'Due', value: due },
    ],
    posts: [],
    link: safeUrl(i.link),
  };
}

export interface PostNoticeInput {
  eventId: string;
  at: number;
  reasons: string[];
  target: string;
  severity: number;
  priority: string;
  team: string | null;
  post: NoticePost;
  link: string | null;
}

export function postNotice(i: PostNoticeInput): Notice {
  return {
    kind: 'post.flagged',
    eventId: i.eventId,
    at: i.at,
    title: `${VERB['post.flagged']}: ${clip(i.reasons.join(', '), 100)} — ${i.target}`,
    summary: `A post about ${i.target} needs its own answer (${i.reasons.join(', ')}).`,
    target: i.target,
    severity: i.severity,
    priority: i.priority,
    fields: [
      { name: 'Target', value: i.target },
      { name: 'Why', value: i.reasons.join(', ') },
      { name: 'Priority', value: i.priority },
      ...(i.team ? [{ name: 'Team', value: i.team }] : []),
    ],
    posts: cleanPosts([i.post]),
    link: safeUrl(i.link),
  };
}

/** Messages held during quiet hours (or superseded in a cool-down) folded into one. */
export function digestNotice(eventId: string, at: number, channel: string, held: Notice[], link: string | null): Notice {
  const top = Math.max(0, ...held.map((n) => n.severity));
  const byKind = new Map<string, number>();
  for (const n of held) byKind.set(VERB[n.kind], (byKind.get(VERB[n.kind]) ?? 0) + 1);
  return {
    kind: 'digest',
    eventId,
    at,
    title: `Digest: ${held.length} notification${held.length === 1 ? '' : 's'} held during quiet hours`,
    summary: [...byKind.entries()].map(([k, n]) => `${n} × ${k}`).join(', ') + '.',
    target: [...new Set(held.map((n) => n.target))].join(', '),
    severity: top,
    priority: held.map((n) => n.priority).sort()[0] ?? 'P4',
    fields: [{ name: 'Channel', value: channel }],
    posts: [],
    link: safeUrl(link),
    items: held.slice(0, 50).map((n) => ({ title: n.title, kind: n.kind, severity: n.severity, link: n.link })),
  };
}
