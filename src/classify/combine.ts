/**
 * How rule evidence and the model meet. The rule evidence is summarised as a few numbers
 * (RULE_INPUTS); with a trained head, a calibration layer weighs them against the model's
 * log-odds; without one, scoring.yaml's hand-set weights decide.
 */
import type { CueMatches } from './cues/match.js';
import type { LexiconResult } from './lexicon/score.js';
import type { CompiledRules } from './rules/compile.js';
import type { Sentiment } from '../types.js';

export interface Evidence {
  lex: LexiconResult;
  cues: CueMatches;
  question: boolean;
  /** whom the post addresses: an @mention, a customer-service handle among them, a link (rule complaint only) */
  address?: { mention: boolean; service: boolean; link: boolean };
  /** the post's language: scoring.yaml may set complaint weights per language */
  lang?: string;
}

export const RULE_INPUTS = ['lex_score', 'lex_pos', 'lex_neg', 'complaint_cues', 'topic_cues', 'escalation', 'question'] as const;

export function complaintCueSum(cues: CueMatches): number {
  let s = 0;
  for (const c of cues.complaint) s += c.weight;
  return Math.max(-4, Math.min(6, s));
}

export function topicCueSum(cues: CueMatches, rules: CompiledRules): number {
  let s = 0;
  for (const id of cues.topics.keys()) s += rules.topics.get(id)?.complaint ?? 1;
  return Math.min(4, s);
}

export function ruleSignals(e: Evidence, rules: CompiledRules): number[] {
  return [
    e.lex.score,
    e.lex.pos / (1 + e.lex.pos),
    e.lex.neg / (1 + e.lex.neg),
    complaintCueSum(e.cues),
    topicCueSum(e.cues, rules),
    Math.min(2, e.cues.escalation.length),
    e.question ? 1 : 0,
  ];
}

export interface SentimentDecision {
  label: Sentiment;
  score: number;
  confidence: number;
  probs?: Record<string, number>;
}

/** Rules only: the lexicon score, nudged toward negative by complaint cues, against two thresholds. */
export function ruleSentiment(e: Evidence, rules: CompiledRules): SentimentDecision {
  const s = rules.scoring.sentiment;
  const cue = complaintCueSum(e.cues) + 0.5 * topicCueSum(e.cues, rules);
  const score = clamp(e.lex.score - (cue > 0 ? s.complaint_cue_push * Math.min(cue, 3) / 3 : 0), -1, 1);
  const label: Sentiment = score >= s.positive_above ? 'positive' : score <= s.negative_below ? 'negative' : 'neutral';
  const margin = label === 'positive' ? score - s.positive_above : label === 'negative' ? s.negative_below - score : Math.min(s.positive_above - score, score - s.negative_below);
  return { label, score, confidence: clamp(0.5 + margin, 0.34, 0.95) };
}

/** Rules only: a logistic function of negativity, complaint cues, topics and escalation cues. */
export function ruleComplaint(e: Evidence, rules: CompiledRules, signals: number[] = ruleSignals(e, rules)): number {
  const base = rules.scoring.complaint;
  const over = e.lang ? base.by_lang?.[e.lang] : undefined;
  const w = over ? { ...base, ...over } : base;
  const [score, pos, neg, cues, topics, esc, question] = signals;
  const a = e.address;
  const to = a ? w.mention * +a.mention + w.service_handle * +a.service + w.link * +a.link : 0;
  const z = w.bias + w.score * score + w.negativity * neg + w.positivity * pos + w.cues * cues + w.topics * topics + w.escalation * esc + w.question * question + to;
  return 1 / (1 + Math.exp(-z));
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
