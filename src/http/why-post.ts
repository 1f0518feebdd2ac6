/**
 * "Why this post": the classifier's explanation (stored with the verdict) and the desk's routing
 * decision, turned into sentences and tables a person reads. The explanation object is read
 * defensively: a field the classifier did not write is left out, never guessed.
 */
import type { AppContext } from '../context.js';
import type { PostView } from './queries.js';
import { routingOf } from '../routing/setup.js';
import { postTriggers } from '../routing/post.js';
import type { Verdict } from '../types.js';
import { complaintThreshold, knownTopics } from './topics.js';
import { caseLinksOfPost } from '../store/queries/queue-items.js';

export interface Feature {
  feature: string;
  reads: string;
  weight: number;
}

const LEXICON_BUCKET: Record<string, string> = { '-3': 'very negative', '-2': 'strongly negative', '-1': 'negative', '0': 'neutral', '1': 'positive', '2': 'strongly positive', '3': 'very positive' };

/** A model feature in words: "§lex:-2" is the rules' lexicon bucket, "§c:x" a complaint cue, "a_b" two words together. */
export function readFeature(f: string): string {
  const m = /^§([a-z]+):(.*)$/.exec(f);
  if (m) {
    const [, kind, v] = m;
    if (kind === 'lex') return `the lexicon found the words ${LEXICON_BUCKET[v] ?? `at level ${v}`} (rules)`;
    if (kind === 'c') return `complaint cue “${v}” (rules)`;
    if (kind === 't') return `topic cue for “${v}” (rules)`;
    if (kind === 'e') return `escalation cue “${v}” (rules)`;
    return `rule signal ${kind} = ${v}`;
  }
  if (f.startsWith('§')) return `rule signal ${f.slice(1)}`;
  if (f.includes('_')) return `the words “${f.replace(/_/g, ' ')}” together (stems)`;
  return `the word “${f}” (stem)`;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const numOr = (v: unknown, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

function features(v: unknown): Feature[] {
  return arr(v)
    .map(obj)
    .filter((x): x is Obj => x !== null && typeof x.feature === 'string')
    .map((x) => ({ feature: String(x.feature), reads: readFeature(String(x.feature)), weight: numOr(x.weight) }));
}

export interface WhyPost {
  post: PostView;
  summary: string[];
  sentiment: { label: string; score: number; probabilities: Record<string, number> | null; how: string | null; lexicon: { text: string; base: number; weight: number }[]; features: Feature[] } | null;
  complaint: { is: boolean; score: number; threshold: number | null; how: string | null; cues: { id: string; phrase: string; weight: number }[] } | null;
  topics: { id: string; label: string | null; score: number; pillar: string | null; touchpoint: string | null; cues: string[] }[];
  topicModel: { best: string; probability: number; features: Feature[] } | null;
  escalation: { id: string; cue: string | null }[];
  routing: { ownItem: boolean; reasons: string[]; sentences: string[]; item: { id: string; status: string; title: string } | null; case: { id: string; title: string; status: string } | null };
}

/** Pure: the classification part of the explanation. */
export function explainVerdict(post: PostView, threshold: number | null, topicLabels: Map<string, string>): Omit<WhyPost, 'routing'> {
  const c = post.classification;
  if (!c) return { post, summary: ['This post has not been classified yet.'], sentiment: null, complaint: null, topics: [], topicModel: null, escalation: [] };
  const e = obj(c.explain) ?? {};
  const lex = obj(e.lexicon);
  const cues = obj(e.cues);
  const model = obj(e.model);
  const comb = obj(e.combination);
  const sentimentModel = obj(model?.sentiment);
  const topicModel = obj(model?.topic);
  const topicCues = obj(cues?.topics) ?? {};
  const lexicon = arr(lex?.hits).map(obj).filter((x): x is Obj => x !== null).map((x) => ({ text: String(x.text ?? ''), base: numOr(x.base), weight: numOr(x.weight) }));
  const complaintCues = arr(cues?.complaint).map(obj).filter((x): x is Obj => x !== null).map((x) => ({ id: String(x.id ?? ''), phrase: String(x.phrase ?? ''), weight: numOr(x.weight) }));
  const sFeatures = features(sentimentModel?.features);
  const summary: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const probs = obj(sentimentModel?.probabilities) as Record<string, number> | null;
  const strongest = [...lexicon].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 3).map((h) => `“${h.text}”`);
  summary.push(`Read as ${c.sentiment.label} (score ${c.sentiment.score.toFixed(2)}${probs?.[c.sentiment.label] !== undefined ? `, ${pct(probs[c.sentiment.label])} sure` : ''})${strongest.length ? `, mostly because of ${strongest.join(', ')}` : ''}.`);
  summary.push(
    c.complaint.is
      ? `A complaint (score ${c.complaint.score.toFixed(2)}${threshold !== null ? ` ≥ ${threshold}` : ''})${complaintCues.length ? `: the complaint cues ${[...new Set(complaintCues.map((x) => `“${x.phrase}”`))].slice(0, 4).join(', ')}` : ''}.`
      : `Not a complaint (score ${c.complaint.score.toFixed(2)}${threshold !== null ? ` < ${threshold}` : ''}).`,
  );
  if (c.topics.length) summary.push(`About ${c.topics.map((t) => `${topicLabels.get(t.id) ?? t.id}${t.pillar ? ` (${t.pillar}, ${t.touchpoint})` : ''}`).join('; ')}.`);
  // the escalation judge's reasons (why each cue counted, why look-alikes were set aside) and a shape
  // of speech that turned the reading, when the explanation carries them
  const judged = obj(e.escalation);
  const why = (x: unknown) => {
    const o = obj(x);
    return o && typeof o.why === 'string' ? `${String(o.id ?? '')}: ${o.why}` : null;
  };
  const hitWhy = arr(judged?.hits).map(why).filter((x): x is string => x !== null);
  const setAside = arr(judged?.suppressed).map(why).filter((x): x is string => x !== null);
  if (c.escalation.length) summary.push(hitWhy.length ? `Escalation cues — ${hitWhy.join('; ')}.` : `Escalation cues: ${c.escalation.map((x) => `${x.id}${x.cue ? ` (“${x.cue}”)` : ''}`).join(', ')}.`);
  if (setAside.length) summary.push(`Not counted as escalation — ${setAside.join('; ')}.`);
  const shape = obj(e.shape);
  if (shape && typeof shape.marker === 'string') summary.push(`Read against its words: “${shape.marker}” (${String(shape.kind)}, rules/sentiment/shapes.yaml) turned a ${String(shape.was)} reading ${c.sentiment.label}.`);
  return {
    post,
    summary,
    sentiment: { label: c.sentiment.label, score: c.sentiment.score, probabilities: probs, how: typeof comb?.sentiment === 'string' ? comb.sentiment : null, lexicon, features: sFeatures },
    complaint: { is: c.complaint.is, score: c.complaint.score, threshold, how: typeof comb?.complaint === 'string' ? comb.complaint : null, cues: complaintCues },
    topics: c.topics.map((t) => ({ id: t.id, label: topicLabels.get(t.id) ?? null, score: t.score, pillar: t.pillar ?? null, touchpoint: t.touchpoint ?? null, cues: arr(topicCues[t.id]).map(String) })),
    topicModel: topicModel && typeof topicModel.best === 'string' ? { best: topicModel.best, probability: numOr(topicModel.probability), features: features(topicModel.features) } : null,
    escalation: c.escalation.map((x) => ({ id: x.id, cue: x.cue ?? null })),
  };
}

const REASON: Record<string, string> = { legal: 'a legal threat', regulator: 'a regulator is named', safety: 'a safety issue', press: 'the press', reach: 'a large audience', complaint: 'a complaint outside any revolt' };

export async function whyPost(ctx: AppContext, post: PostView): Promise<WhyPost> {
  const labels = new Map((knownTopics(ctx) ?? []).map((t) => [t.id, t.label]));
  const base = explainVerdict(post, complaintThreshold(ctx), labels);
  const rules = routingOf(ctx).rules;
  const sp = rules.singlePosts;
  const c = post.classification;
  const { own, inRevolt, joined } = await caseLinksOfPost(ctx, post.id);
  const sentences: string[] = [];
  let reasons: string[] = [];
  if (c) {
    const verdict: Verdict = { lang: c.lang, sentiment: { label: c.sentiment.label as Verdict['sentiment']['label'], score: c.sentiment.score }, complaint: c.complaint, topics: c.topics, escalation: c.escalation };
    const trig = postTriggers(rules, { author: { id: post.author.id, followers: post.author.followers } }, verdict);
    reasons = trig?.reasons ?? [];
    for (const r of reasons) {
      if (r === 'reach') sentences.push(`Its author has ${(post.author.followers ?? 0).toLocaleString('en')} followers, at least the ${sp.reachThreshold.toLocaleString('en')} of singlePosts.reachThreshold.`);
      else if (r === 'complaint') sentences.push(`A negative complaint scored ${c.complaint.score.toFixed(2)}, at least the ${sp.complaintScore} of singlePosts.complaintScore: it waits ${Math.round(sp.complaintWait / 60_000)} min for a revolt to take it before it gets an item of its own.`);
      else sentences.push(`It carries the escalation cue “${r}” (${REASON[r] ?? r}), listed in singlePosts.escalation: it always gets an item of its own.`);
    }
    if (!reasons.length) sentences.push(c.complaint.is || c.sentiment.label === 'negative' ? `Nothing in it needs an answer of its own: no escalation cue, fewer followers than ${sp.reachThreshold.toLocaleString('en')}, and a complaint score of ${c.complaint.score.toFixed(2)} below ${sp.complaintScore} (singlePosts in rules/routing.yaml).` : 'It is not negative and not a complaint: the desk leaves it alone.');
  }
  const caseOf = inRevolt ?? joined ?? null;
  if (own && own.merged_into) sentences.push('Its own item was folded into a case: the post is answered there.');
  if (caseOf) sentences.push(`It is answered in the case “${caseOf.title}”${inRevolt ? ' (a member of the revolt)' : ''}.`);
  return { ...base, routing: { ownItem: Boolean(own && !own.merged_into), reasons: reasons.map((r) => REASON[r] ?? r), sentences, item: own ? { id: own.id, status: own.status, title: own.title } : null, case: caseOf } };
}
