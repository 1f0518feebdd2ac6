/**
 * "Did our answer work?" from the database: per revolt opened in the period, its first public
 * answer (a reply sent from its case, or a post of one of the target's brand accounts coming back
 * through the feeds), the target's negative voices in equal windows before and after it, and what
 * the answered authors posted next; per team, template and channel, the cases' response times, SLA
 * attainment and the pooled after-answer change.
 */
import type { AppContext } from '../context.js';
import { authorsOfPosts, laterPostsOfAuthors, ownPostsBack, sentimentCounts } from '../store/queries/answers.js';
import { casesCreatedBetween, answerCaseIdOfRevolt } from '../store/queries/queue-items.js';
import { sentRepliesOfCase, sentRepliesOfCases } from '../store/queries/replies.js';
import { firstMemberPublishedAt, revoltsOpenedBetween } from '../store/queries/revolt-list.js';
import { beforeAfter, caseFigures, normaliseAccount, pooledChange, type BeforeAfter, type CaseTimes, type WindowCounts } from './answers.js';
import { roundInterval, wilson } from './stats.js';
import type { MomentsPeriod } from './moments.js';

export const DEFAULT_WINDOW_MS = 6 * 3_600_000;
const MAX_REVOLTS = 200;

export function brandAccountsOf(ctx: Pick<AppContext, 'config'>, target: string): string[] {
  return (ctx.config.targets.find((t) => t.id === target)?.brandAccounts ?? []).map(normaliseAccount).filter(Boolean);
}

async function windowCounts(ctx: AppContext, target: string, own: string[], from: number, to: number): Promise<WindowCounts> {
  return { from, to, ...(await sentimentCounts(ctx, { target, own, from, to })) };
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
    const authorOf = await authorsOfPosts(ctx, [...new Set(answeredPosts.map((s) => s.post_id))]);
    for (const s of answeredPosts) {
      const a = authorOf.get(s.post_id);
      if (a && !(firstAnswer.get(a)! <= Number(s.sent_at))) firstAnswer.set(a, Number(s.sent_at));
    }
  }
  let postedAgain = 0;
  const later = { negative: 0, neutral: 0, positive: 0 };
  if (firstAnswer.size) {
    const since = Math.min(...firstAnswer.values());
    const rows = await laterPostsOfAuthors(ctx, { target: targetId, authors: [...firstAnswer.keys()], since, limit: 10_000 });
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
  const caseId = await answerCaseIdOfRevolt(ctx, r.id);
  const sent = caseId ? await sentRepliesOfCase(ctx, caseId, 1000) : [];
  const candidates: { at: number; via: 'reply' | 'brand-post'; channel: string | null; postId: string | null }[] = sent.filter((s) => s.sent_at !== null).map((s) => ({ at: Number(s.sent_at), via: 'reply', channel: s.channel, postId: null }));
  // the team's own posts seen through the feeds: by a brand account, or the very post a reply created
  // a brand post answers the revolt from its first member post (the detector may open it later) to its end
  const firstMember = await firstMemberPublishedAt(ctx, r.id);
  const start = Math.min(r.opened_at, firstMember ?? Infinity);
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
  const revolts = await revoltsOpenedBetween(ctx, { from: q.period.from, to: q.period.to, target: q.target, limit: MAX_REVOLTS });
  const effects: Internal[] = [];
  for (const r of revolts) effects.push(await revoltEffect(ctx, { ...r, opened_at: Number(r.opened_at), resolved_at: r.resolved_at === null ? null : Number(r.resolved_at) }, windowMs, now));
  const byRevolt = new Map(effects.filter((e) => e.counts).map((e) => [e.view.id, e.counts!]));

  // cases created in the period, grouped by team, by the template and by the channel of their first reply
  const items = await casesCreatedBetween(ctx, { from: q.period.from, to: q.period.to, target: q.target, limit: 50_000 });
  const firstReply = new Map<string, { template: string | null; channel: string }>();
  for (let i = 0; i < items.length; i += 500) {
    const ids = items.slice(i, i + 500).map((x) => x.id);
    const rows = await sentRepliesOfCases(ctx, ids);
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
