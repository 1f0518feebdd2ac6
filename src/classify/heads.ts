/**
 * Per-head decisions of one post (sentiment, complaint, topics): the model's head when the model
 * has one, combined with the rule evidence through its calibration layer; the rules alone
 * otherwise. Each takes the post's scores and evidence and returns its part of the verdict.
 */
import type { Sentiment, TopicHit } from '../types.js';
import { applyCalibration } from './bayes/calibrate.js';
import { NO_TOPIC, type HeadName, type Model, type NbHead } from './bayes/model.js';
import { centredLogits, softmax, topFeatures } from './bayes/nb.js';
import { clamp, complaintCueSum, ruleComplaint, ruleSentiment, RULE_INPUTS, type Evidence, type SentimentDecision } from './combine.js';
import { findShape, type ShapeHit } from './lexicon/shapes.js';
import type { CompiledRules } from './rules/compile.js';

const TOPIC_MIN_PROB = 0.5;
const TOPIC_TEMPERATURE = 3;
const REFINED_TOPIC_MIN_PROB = 0.2;

/** One post's scoring state, shared by the heads. */
export interface PostScores {
  rules: CompiledRules;
  model: Model | null;
  evidence: Evidence;
  signals: number[];
  /** the joint log-likelihoods of a head, in its scratch array (used up before the next head is scored) */
  score(name: HeadName): Float64Array;
  /** the base model's centred sentiment log-odds, when a calibration layer weighs them */
  prior: number[] | null;
  /** the feature strings, only to name the deciding features in an explanation */
  features: string[];
  explain: boolean;
  /** per-head explanation parts, filled in when `explain` */
  explainModel: Record<string, unknown>;
}

/**
 * Input names of a head's calibration layer: the model's log-odds, then the rule evidence, then
 * (in a model trained on top of a base model) the base model's sentiment log-odds, "prior:<class>".
 */
export function headInputNames(name: HeadName, head: NbHead, prior: NbHead | null = null): string[] {
  const nb = name === 'complaint' ? ['nb:complaint'] : head.classes.map((c) => `nb:${c}`);
  return [...nb, ...RULE_INPUTS, ...(prior ? prior.classes.map((c) => `prior:${c}`) : [])];
}

/** The head whose log-odds are a model's "prior:*" calibration inputs: its own prior head, else its sentiment head. */
export function priorHeadName(model: Model): HeadName | null {
  return model.heads.prior ? 'prior' : model.heads.sentiment ? 'sentiment' : null;
}

export function headInputs(name: HeadName, head: NbHead, joint: Float64Array, signals: number[], prior: number[] | null = null): number[] {
  const logits = centredLogits(joint);
  let x: number[];
  if (name === 'complaint') {
    const t = head.classes.indexOf('true');
    x = [clamp((logits[t] - logits[1 - t]) / 2, -25, 25)];
  } else x = logits;
  for (let i = 0; i < signals.length; i++) x.push(signals[i]);
  // a calibration fitted without them has no weights for them: the extra inputs are then ignored
  if (prior) for (let i = 0; i < prior.length; i++) x.push(prior[i]);
  return x;
}

function headProbs(name: HeadName, head: NbHead, p: PostScores): Float64Array | number[] {
  const joint = p.score(name);
  return head.calibration ? applyCalibration(head.calibration, headInputs(name, head, joint, p.signals, p.prior)) : softmax(joint);
}

export function decideSentiment(p: PostScores): SentimentDecision {
  const sh = p.model?.heads.sentiment;
  if (!sh) return ruleSentiment(p.evidence, p.rules);
  const probs = headProbs('sentiment', sh, p);
  let best = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
  const prob = (cls: string) => {
    const i = sh.classes.indexOf(cls);
    return i < 0 ? 0 : probs[i];
  };
  const sentiment: SentimentDecision = {
    label: sh.classes[best] as Sentiment,
    score: clamp(prob('positive') - prob('negative'), -1, 1),
    confidence: probs[best],
    probs: p.explain ? Object.fromEntries(sh.classes.map((c, i) => [c, round(probs[i])])) : undefined,
  };
  if (p.explain) p.explainModel.sentiment = { probabilities: sentiment.probs, calibrated: !!sh.calibration, features: topFeatures(sh, p.features, best) };
  return sentiment;
}

/** The complaint probability (the model's head) or the rules' logistic score. */
export function decideComplaint(p: PostScores): number {
  const ch = p.model?.heads.complaint;
  if (!ch) return ruleComplaint(p.evidence, p.rules, p.signals);
  const t = ch.classes.indexOf('true');
  const score = headProbs('complaint', ch, p)[t];
  if (p.explain)
    p.explainModel.complaint = { probability: round(score), calibrated: !!ch.calibration, features: topFeatures(ch, p.features, score >= 0.5 ? t : 1 - t) };
  return score;
}

/** Topics named by the rules' cues, plus the model's best topic on posts that are not positive. */
export function decideTopics(p: PostScores, sentiment: Sentiment): TopicHit[] {
  // most posts name no topic: the map is made for the first one
  let topics: Map<string, TopicHit> | null = null;
  for (const [id, phrases] of p.evidence.cues.topics) {
    topics ??= new Map();
    const meta = p.rules.topics.get(id)!;
    topics.set(id, { id, score: round(1 - 0.4 * 0.5 ** (phrases.length - 1)), pillar: meta.pillar, touchpoint: meta.touchpoint });
  }
  const th = p.model?.heads.topic;
  // learned topics are reasons for discontent: only worth scoring on posts that are not positive
  if (th && (sentiment !== 'positive' || p.explain)) topics = modelTopic(p, th, sentiment, topics);
  if (topics === null) return [];
  return topics.size === 1 ? [...topics.values()] : [...topics.values()].sort((x, y) => y.score - x.score);
}

function modelTopic(p: PostScores, th: NbHead, sentiment: Sentiment, found: Map<string, TopicHit> | null): Map<string, TopicHit> | null {
  let topics = found;
  const joint = p.score('topic');
  const temperature = th.refined ? 1 : TOPIC_TEMPERATURE;
  for (let c = 0; c < joint.length; c++) joint[c] /= temperature;
  const probs = softmax(joint);
  let best = -1;
  for (let c = 0; c < probs.length; c++) if (th.classes[c] !== NO_TOPIC && (best < 0 || probs[c] > probs[best])) best = c;
  if (best < 0) return topics;
  const id = th.classes[best];
  // a refined (discriminative) head spreads probability more thinly over 20 classes: there the
  // best topic counts when it beats "no topic" (and is not a near-uniform guess)
  const none = th.classes.indexOf(NO_TOPIC);
  const accept = th.refined ? probs[best] >= REFINED_TOPIC_MIN_PROB && (none < 0 || probs[best] >= probs[none]) : probs[best] >= TOPIC_MIN_PROB;
  // scored for the explanation on positive posts too, but only returned on the others: the
  // verdict must not depend on whether an explanation was asked for
  if (accept && sentiment !== 'positive') {
    const meta = p.rules.topics.get(id);
    topics ??= new Map();
    const prev = topics.get(id);
    const score = round(Math.max(prev?.score ?? 0, probs[best]));
    topics.set(id, meta ? { id, score, pillar: meta.pillar, touchpoint: meta.touchpoint } : { id, score });
  }
  if (p.explain) p.explainModel.topic = { best: id, probability: round(probs[best]), features: topFeatures(th, p.features, best) };
  return topics;
}

/**
 * Sarcasm turns a positive (or a neutral reading of positive words) negative; a balanced phrase
 * evens a polar reading out. Returns the shape that changed the reading, with what it changed.
 */
export function applyShape(rules: CompiledRules, text: string, lang: string, e: Evidence, s: SentimentDecision): (ShapeHit & { was: Sentiment }) | null {
  if (rules.shapes.empty) return null;
  // nothing to turn: a neutral reading with no positive word (sarcasm needs one, balance needs a polar reading)
  if (s.label === 'neutral' && e.lex.pos === 0) return null;
  // negative evidence: a real negative word (not the -0.5 chatter), a net complaint cue, an escalation cue
  const negative = e.lex.neg >= 1 || complaintCueSum(e.cues) > 0 || e.cues.escalation.length > 0;
  const hit = findShape(text, lang, rules.shapes, rules.langs.get(lang), negative);
  if (!hit) return null;
  const was = s.label;
  if (hit.kind === 'sarcasm' && (s.label === 'positive' || (s.label === 'neutral' && e.lex.pos > 0))) {
    s.label = 'negative';
    s.score = -Math.max(Math.abs(s.score), 0.3);
    s.confidence = 0.6;
  } else if (hit.kind === 'balanced' && s.label !== 'neutral') {
    s.label = 'neutral';
    s.score = 0;
    s.confidence = 0.6;
  } else return null;
  return { ...hit, was };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
