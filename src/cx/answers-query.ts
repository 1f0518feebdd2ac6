/**
 * "Did our answer work?" from the database: per revolt opened in the period, its first public
 * answer (a reply sent from its case, or a post of one of the target's brand accounts coming back
 * through the feeds), the target's negative voices in equal windows before and after it, and what
 * the answered authors posted next; per team, template and channel, the cases' response times, SLA
 * attainment and the pooled after-answer change.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AppContext } from '../context.js';
import { beforeAfter, caseFigures, normaliseAccount, pooledChange, type BeforeAfter, type CaseTimes, type WindowCounts } from './answers.js';
import { roundInterval, wilson } from './stats.js';
import type { MomentsPeriod } from './moments.js';

export const DEFAULT_WINDOW_MS = 6 * 3_600_000;
const MAX_REVOLTS = 200;

export function brandAccountsOf(ctx: Pick<AppContext, 'config'>, target: string): string[] {
  return (ctx.config.targets.find((t) => t.id === target)?.brandAccounts ?? []).map(normaliseAccount).filter(Boolean);
}

function variants(accounts: string[]): string[] {
  return accounts.flatMap((a) => [a, `@${a}`, `u/${a}`]);
}

/** SQL: the post p is by one of these accounts. */
function byOwn(accounts: string[]) {
  const v = variants(accounts);
  return sql<SqlBool>`(lower(p.author_id) in (${sql.join(v)}) or (p.author_handle is not null and lower(p.author_handle) in (${sql.join(v)})))`;
}

async function windowCounts(ctx: AppContext, target: string, own: string[], from: number, to: number): Promise<WindowCounts> {
  let q = ctx.db
    .selectFrom('classifications as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['c.sentiment'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.target_id', '=', target)
    .where('c.published_at', '>=', from)
    .where('c.published_at', '<', to)
    .groupBy('c.sentiment');
  if (own.length) q = q.where(sql<SqlBool>`not ${byOwn(own)}` as Expression<SqlBool>);
  const rows = await q.execute();
  let posts = 0;
  let negatives = 0;
  for (const r of rows) {
    posts += Number(r.n);
    if (r.sentiment === 'negative') negatives += Number(r.n);
  }
  return { from, to, posts, negatives };
}

/** The team's own posts seen through the feeds: by a brand account, or the very post a reply created (by URL or id). */
export async function ownPostsBack(ctx: Pick<AppContext, 'db'>, q: { target: string; own: string[]; from: number; to: number; remoteUrls: string[]; remoteIds: string[] }): Promise<{ id: string; at: number; source: string }[]> {
  if (!q.own.length && !q.remoteUrls.length && !q.remoteIds.length) return [];
  const rows = await ctx.db
    .selectFrom('posts as p')
    .select(['p.id', 'p.published_at', 'p.source_id'])
    .where('p.target_id', '=', q.target)
    .where('p.published_at', '>=', q.from)
    .where('p.published_at', '<=', q.to)
    .where((eb) => eb.or([...(q.own.length ? [byOwn(q.own) as Expression<SqlBool>] : []), ...(q.remoteUrls.length ? [eb('p.url', 'in', q.remoteUrls)] : []), ...(q.remoteIds.length ? [eb('p.external_id', 'in', q.remoteIds)] : [])]))
    .orderBy('p.published_at')
    .limit(50)
    .execute();
  return rows.map((b) => ({ id: b.id, at: Number(b.published_at), source: b.source_id }));
}

export interface RevoltEffect {
  id: string;
  target: string;
  label: string;
  openedAt: string;
  caseId: string | null;
  answer: null | { at: string; via: 'reply' | 'brand-post'; channel: string | null; postId: string | null };
  timeToAnswerMs: number | null;
  effect: BeforeAfter | null;
  authors: {
    answered: number;
    postedAgain: number;
    laterPosts: number;
    laterNegative: number;
    laterNeutral: number;
    laterPositive: number;
    laterNegativeShare: ReturnType<typeof roundInterval>;
  };
}

interface Internal {
  view: RevoltEffect;
  counts: { before: WindowCounts; after: WindowCounts } | null;
  caseId: string | null;
}

/** The authors the team answered, how many posted again after their answer, and the sentiment of what they posted. */
async function answeredAuthors(ctx: AppContext, targetId: string, sent: { post_id: string; sent_at: number | null }[]): Promise<{ answered: number; postedAgain: number; later: Record<'negative' | 'neutral' | 'positive', number> }> {
  const answeredPosts = sent.filter((s) => s.sent_at !== null);
  const firstAnswer = new Map<string, number>();
  if (answeredPosts.length) {
    const authors = await ctx.db.selectFrom('posts').select(['id', 'author_id']).where('id', 'in', [...new Set(answeredPosts.map((s) => s.post_id))]).execute();
    const authorOf = new Map(authors.map((a) => [a.id, a.author_id]));
    for (const s of answeredPosts) {
      const a = authorOf.get(s.post_id);
      if (a && !(firstAnswer.get(a)! <= Number(s.sent_at))) firstAnswer.set(a, Number(s.sent_at));
    }
  }
  let postedAgain = 0;
  const later = { negative: 0, neutral: 0, positive: 0 };
  if (firstAnswer.size) {
    const since = Math.min(...firstAnswer.values());
    const rows = await ctx.db
      .selectFrom('posts as p')
      .leftJoin('classifications as c', 'c.post_id', 'p.id')
      .select(['p.author_id', 'p.published_at', 'c.sentiment'])
      .where('p.target_id', '=', targetId)
      .where('p.author_id', 'in', [...firstAnswer.keys()])
      .where('p.published_at', '>', since)
      .limit(10_000)
      .execute();
    const again = new Set<string>();
    for (const p of rows) {
      if (Number(p.published_at) <= firstAnswer.get(p.author_id)!) continue;
      again.add(p.author_id);
      const s = p.sentiment === 'negative' || p.sentiment === 'positive' ? p.sentiment : 'neutral';
      later[s]++;
    }
    postedAgain = again.size;
  }
  return { answered: firstAnswer.size, postedAgain, later };
}

async function revoltEffect(ctx: AppContext, r: { id: string; target_id: string; label: string; opened_at: number; resolved_at: number | null }, windowMs: number, now: number): Promise<Internal> {
  const own = brandAccountsOf(ctx, r.target_id);
  const item = await ctx.db.selectFrom('queue_items').select(['id', 'merged_into']).where('revolt_id', '=', r.id).executeTakeFirst();
  const caseId = item ? (item.merged_into ?? item.id) : null;
  const sent = caseId
    ? await ctx.db.selectFrom('replies').select(['post_id', 'channel', 'sent_at', 'remote_id', 'remote_url']).where('item_id', '=', caseId).where('status', '=', 'sent').orderBy('sent_at').limit(1000).execute()
    : [];
  const candidates: { at: number; via: 'reply' | 'brand-post'; channel: string | null; postId: string | null }[] = sent.filter((s) => s.sent_at !== null).map((s) => ({ at: Number(s.sent_at), via: 'reply', channel: s.channel, postId: null }));
  // the team's own posts seen through the feeds: by a brand account, or the very post a reply created
  // a brand post answers the revolt from its first member post (the detector may open it later) to its end
  const firstMember = await ctx.db.selectFrom('revolt_posts as rp').innerJoin('posts as p', 'p.id', 'rp.post_id').select((eb) => eb.fn.min('p.published_at').as('at')).where('rp.revolt_id', '=', r.id).executeTakeFirst();
  const start = Math.min(r.opened_at, firstMember?.at == null ? Infinity : Number(firstMember.at));
  const end = r.resolved_at ?? now;
  const remoteUrls = sent.map((s) => s.remote_url).filter((u): u is string => !!u);
  const remoteIds = sent.map((s) => s.remote_id).filter((u): u is string => !!u);
  for (const b of await ownPostsBack(ctx, { target: r.target_id, own, from: start, to: end, remoteUrls, remoteIds })) candidates.push({ at: b.at, via: 'brand-post', channel: b.source, postId: b.id });
  candidates.sort((a, b) => a.at - b.at);
  const first = candidates[0] ?? null;
  let counts: Internal['counts'] = null;
  if (first) {
    const afterEnd = Math.min(first.at + windowMs, Math.max(now, first.at + 1));
    counts = { before: await windowCounts(ctx, r.target_id, own, first.at - windowMs, first.at), after: await windowCounts(ctx, r.target_id, own, first.at, afterEnd) };
  }
  // the answered authors, and what they posted after their answer
  const { answered, postedAgain, later } = await answeredAuthors(ctx, r.target_id, sent);
  const laterPosts = later.negative + later.neutral + later.positive;
  return {
    caseId,
    counts,
    view: {
      id: r.id,
      target: r.target_id,
      label: r.label,
      openedAt: new Date(r.opened_at).toISOString(),
      caseId,
      answer: first ? { at: new Date(first.at).toISOString(), via: first.via, channel: first.channel, postId: first.postId } : null,
      timeToAnswerMs: first ? first.at - r.opened_at : null,
      effect: counts ? beforeAfter(counts.before, counts.after) : null,
      authors: { answered, postedAgain, laterPosts, laterNegative: later.negative, laterNeutral: later.neutral, laterPositive: later.positive, laterNegativeShare: roundInterval(wilson(later.negative, laterPosts)) },
    },
  };
}

export async function answerEffectiveness(ctx: AppContext, q: { period: MomentsPeriod; target?: string; windowMs?: number }) {
  const windowMs = q.windowMs ?? DEFAULT_WINDOW_MS;
  const now = ctx.clock.now();
  let rq = ctx.db.selectFrom('revolts').select(['id', 'target_id', 'label', 'opened_at', 'resolved_at']).where('opened_at', '>=', q.period.from).where('opened_at', '<', q.period.to).orderBy('opened_at', 'desc').limit(MAX_REVOLTS);
  if (q.target) rq = rq.where('target_id', '=', q.target);
  const revolts = await rq.execute();
  const effects: Internal[] = [];
  for (const r of revolts) effects.push(await revoltEffect(ctx, { ...r, opened_at: Number(r.opened_at), resolved_at: r.resolved_at === null ? null : Number(r.resolved_at) }, windowMs, now));
  const byRevolt = new Map(effects.filter((e) => e.counts).map((e) => [e.view.id, e.counts!]));

  // cases created in the period, grouped by team, by the template and by the channel of their first reply
  let iq = ctx.db
    .selectFrom('queue_items')
    .select(['id', 'team', 'revolt_id', 'created_at', 'first_responded_at', 'resolved_at', 'due_first_response_at', 'due_resolve_at'])
    .where('created_at', '>=', q.period.from)
    .where('created_at', '<', q.period.to)
    .where('status', '!=', 'merged')
    .limit(50_000);
  if (q.target) iq = iq.where('target_id', '=', q.target);
  const items = await iq.execute();
  const firstReply = new Map<string, { template: string | null; channel: string }>();
  for (let i = 0; i < items.length; i += 500) {
    const ids = items.slice(i, i + 500).map((x) => x.id);
    const rows = await ctx.db.selectFrom('replies').select(['item_id', 'template', 'channel', 'sent_at']).where('item_id', 'in', ids).where('status', '=', 'sent').orderBy('sent_at').execute();
    for (const r of rows) if (!firstReply.has(r.item_id)) firstReply.set(r.item_id, { template: r.template, channel: r.channel });
  }
  const n = (v: number | null) => (v === null ? null : Number(v));
  const groups = (keyOf: (it: (typeof items)[number]) => string | null) => {
    const m = new Map<string, (typeof items)[number][]>();
    for (const it of items) {
      const k = keyOf(it);
      if (k === null) continue;
      m.set(k, [...(m.get(k) ?? []), it]);
    }
    return [...m]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, list]) => {
        const times: CaseTimes[] = list.map((it) => ({ createdAt: Number(it.created_at), firstRespondedAt: n(it.first_responded_at), resolvedAt: n(it.resolved_at), dueFirstResponseAt: n(it.due_first_response_at), dueResolveAt: n(it.due_resolve_at) }));
        const revoltEffects = list.map((it) => (it.revolt_id ? byRevolt.get(it.revolt_id) : undefined)).filter((e): e is NonNullable<typeof e> => !!e);
        return { key, ...caseFigures(times, now), afterAnswer: pooledChange(revoltEffects) };
      });
  };
  return {
    windowMs,
    revolts: effects.map((e) => e.view),
    team: groups((it) => it.team ?? '(no team)'),
    template: groups((it) => (firstReply.has(it.id) ? (firstReply.get(it.id)!.template ?? '(no template)') : null)),
    channel: groups((it) => firstReply.get(it.id)?.channel ?? null),
  };
}
export type AnswerEffectiveness = Awaited<ReturnType<typeof answerEffectiveness>>;
