/**
 * Lone complaints: a complaint with no other reason for an item of its own waits
 * (singlePosts.complaintWait) to see whether a revolt takes it. A tick over the stored verdicts,
 * in classification order behind a cursor in kv: a complaint that joined a revolt (or a case) is
 * answered there; a lone one gets an item when routing sends it to a team listed in
 * singlePosts.complaintTeams (any team when that list is absent). Idempotent: item ids derive from
 * the post, so a re-run or a second instance writes nothing twice. The same tick folds waiting
 * post items whose post has since joined a revolt into its case.
 */
import type { AppContext } from '../context.js';
import type { Post, Verdict } from '../types.js';
import { writeAudits } from '../store/audit.js';
import { routingOf } from './setup.js';
import { announcePostItem, auditOf, planPostItem, postTriggers, type PostItemPlan } from './post.js';
import { caseFor, foldIntoCases, joinCasesByAffinity, openRevoltCases, setCasePost } from './cases.js';
import { writeAudit } from '../store/audit.js';

const CURSOR_KEY = 'routing:lone-complaints';
// "RT @user: …", "repost @user …": passing on someone else's words (their author is the one to answer)
const REPOST = /^\s*(rt|repost(ed)?|retweet(ed)?)\b\s*@/iu;

export function isRepost(text: string): boolean {
  return REPOST.test(text);
}
const BATCH = 500;

type Cursor = { at: number; id: string };

async function readCursor(ctx: Pick<AppContext, 'db'>): Promise<Cursor> {
  const row = await ctx.db.selectFrom('kv').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  try {
    return row ? (JSON.parse(row.value) as Cursor) : { at: -1, id: '' };
  } catch {
    return { at: -1, id: '' };
  }
}

async function writeCursor(ctx: Pick<AppContext, 'db'>, c: Cursor, now: number): Promise<void> {
  const value = JSON.stringify(c);
  await ctx.db.insertInto('kv').values({ key: CURSOR_KEY, value, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now })).execute();
}

/** The open single-post case of this post's author on the same target, if any. */
async function openCaseOfAuthor(ctx: Pick<AppContext, 'db'>, post: Post): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('queue_items as q')
    .innerJoin('posts as p', 'p.id', 'q.post_id')
    .select('q.id')
    .where('q.kind', '=', 'post')
    .where('q.status', 'in', ['new', 'claimed', 'responded'])
    .where('q.target_id', '=', post.target)
    .where('p.author_id', '=', post.author.id)
    .where('p.source_id', '=', post.source)
    .orderBy('q.created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface LoneResult {
  considered: number;
  queued: number;
  /** Members of a revolt (the detector's) or already in a case. */
  inRevolt: number;
  /** Joined an open revolt's case by affinity (singlePosts.joinRevolts). */
  joined: number;
  /** Waiting post items folded into a case. */
  folded: number;
}

export async function queueLoneComplaints(ctx: AppContext, now: number = ctx.clock.now()): Promise<LoneResult> {
  const sp = routingOf(ctx).rules.singlePosts;
  const out: LoneResult = { considered: 0, queued: 0, inRevolt: 0, joined: 0, folded: (await foldIntoCases(ctx, now)) + (await joinCasesByAffinity(ctx, now)) };
  const cur = await readCursor(ctx);
  const rows = await classifiedSince(ctx, cur, now - sp.complaintWait);
  if (rows.length === 0) return out;
  const candidates = loneCandidates(ctx, rows);
  out.considered = candidates.length;
  if (candidates.length) await queueCandidates(ctx, candidates, out, now);
  const last = rows[rows.length - 1];
  await writeCursor(ctx, { at: last.classified_at, id: last.post_id }, now);
  return out;
}

/** The next batch of classified posts after the cursor, classified no later than `until`, with their posts. */
function classifiedSince(ctx: AppContext, cur: Cursor, until: number) {
  return ctx.db
    .selectFrom('classifications as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['c.post_id', 'c.classified_at', 'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.complaint_score', 'c.topics', 'c.escalation', 'c.lang as c_lang', 'p.source_id', 'p.target_id', 'p.external_id', 'p.url', 'p.author_id', 'p.author_name', 'p.author_handle', 'p.author_followers', 'p.text', 'p.lang', 'p.published_at', 'p.fetched_at', 'p.duplicate_of'])
    .where('c.classified_at', '<=', until)
    .where((eb) => eb.or([eb('c.classified_at', '>', cur.at), eb.and([eb('c.classified_at', '=', cur.at), eb('c.post_id', '>', cur.id)])]))
    .orderBy('c.classified_at')
    .orderBy('c.post_id')
    .limit(BATCH)
    .execute();
}

type LoneRow = Awaited<ReturnType<typeof classifiedSince>>[number];

type Candidate = { post: Post; verdict: Verdict; at: number };
type Sp = ReturnType<typeof routingOf>['rules']['singlePosts'];

/** Complaints (not reposts, not duplicates) whose only trigger was being a complaint: they waited to see whether a revolt takes them. */
function loneCandidates(ctx: AppContext, rows: LoneRow[]): Candidate[] {
  const sp = routingOf(ctx).rules.singlePosts;
  const candidates: Candidate[] = [];
  for (const r of rows) {
    if (r.complaint !== 1 || r.duplicate_of) continue;
    if (!sp.answerReposts && isRepost(r.text)) continue;
    const verdict: Verdict = { lang: r.c_lang, sentiment: { label: r.sentiment as Verdict['sentiment']['label'], score: r.sentiment_score }, complaint: { is: true, score: r.complaint_score }, topics: JSON.parse(r.topics), escalation: JSON.parse(r.escalation) };
    const post: Post = { id: r.post_id, source: r.source_id, target: r.target_id, externalId: r.external_id, url: r.url, author: { id: r.author_id, name: r.author_name, handle: r.author_handle, followers: r.author_followers }, text: r.text, lang: r.lang, publishedAt: r.published_at, fetchedAt: r.fetched_at };
    const trig = postTriggers(routingOf(ctx).rules, post, verdict);
    // only complaint-only triggers waited; the others were queued when classified
    if (!trig || trig.reasons.length !== 1 || trig.reasons[0] !== 'complaint') continue;
    candidates.push({ post, verdict, at: r.classified_at });
  }
  return candidates;
}

/** Posts already in a revolt or a case. */
async function takenPostIds(ctx: AppContext, ids: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    for (const x of await ctx.db.selectFrom('revolt_posts').select('post_id').where('post_id', 'in', part).execute()) taken.add(x.post_id);
    for (const x of await ctx.db.selectFrom('case_posts').select('post_id').where('post_id', 'in', part).execute()) taken.add(x.post_id);
  }
  return taken;
}

async function queueCandidates(ctx: AppContext, candidates: Candidate[], out: LoneResult, now: number): Promise<void> {
  const sp = routingOf(ctx).rules.singlePosts;
  const taken = await takenPostIds(ctx, candidates.map((c) => c.post.id));
  const plans: PostItemPlan[] = [];
  const cases = await openRevoltCases(ctx);
  for (const c of candidates) {
    if (taken.has(c.post.id)) {
      out.inRevolt++;
      continue;
    }
    if (await joinOpenCase(ctx, sp, cases, c, now)) {
      out.joined++;
      continue;
    }
    const plan = planPostItem(ctx, c.post, c.verdict, undefined, { reasons: ['complaint'], priority: (sp.priorities.complaint ?? 'P3') as never }, c.at);
    if (!plan) continue;
    if (sp.complaintTeams && !sp.complaintTeams.includes(plan.decision.team.id)) continue;
    plans.push(plan);
  }
  for (const plan of plans) {
    const inserted = await ctx.db.insertInto('queue_items').values(plan.row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    if (inserted.length === 0) continue;
    await writeAudits(ctx, [auditOf(plan)]);
    await announcePostItem(ctx, plan).catch((err: Error) => ctx.log.error('announcing a lone complaint failed', { postId: plan.post.id, error: err.message }));
    out.queued++;
  }
}

/** Joins the post to an open revolt's case by affinity, or else to its author's open case (singlePosts.sameAuthor). */
async function joinOpenCase(ctx: AppContext, sp: Sp, cases: Awaited<ReturnType<typeof openRevoltCases>>, c: Candidate, now: number): Promise<boolean> {
  const hit = caseFor(ctx, cases, { target: c.post.target, text: c.post.text, topics: c.verdict.topics.map((t) => t.id), publishedAt: c.post.publishedAt });
  const caseId = hit ? hit.case.caseId : sp.sameAuthor ? await openCaseOfAuthor(ctx, c.post) : null;
  if (!caseId) return false;
  const reason = hit ? `part of the revolt: ${hit.why}` : 'the same customer’s open case';
  await setCasePost(ctx, caseId, c.post.id, 'open', 'system', now);
  await writeAudit(ctx, { at: now, actor: 'system', action: 'case.post_joined', entityType: 'queue_item', entityId: caseId, detail: { post: c.post.id, reason } });
  ctx.bus.publish({ topic: 'queue', id: caseId, type: 'post_joined', at: now });
  return true;
}
