/**
 * The classifier: rules (always) plus a naive Bayes model (when given), combined per head.
 * Pure and runtime-agnostic: built from compiled rules and a loaded model, no I/O.
 */
import type { Classifier, EscalationHit, Sentiment, TopicHit, Verdict } from '../types.js';
import { applyCalibration } from './bayes/calibrate.js';
import { NO_TOPIC, type HeadName, type Model, type NbHead } from './bayes/model.js';
import { centredLogits, softmax, topFeatures } from './bayes/nb.js';
import { clamp, complaintCueSum, ruleComplaint, ruleSentiment, ruleSignals, RULE_INPUTS, type Evidence, type SentimentDecision } from './combine.js';
import { matchCues, type CueMatches } from './cues/match.js';
import { judgeEscalation, type Judgement } from './cues/escalation-judge.js';
import { describeFeature, scoreEscalationHead, setAside, strongestCue, type EscalationHead, type HeadScore } from './cues/escalation-head.js';
import { extractFeatureIds, extractFeatures, isServiceHandle } from './features.js';
import { buildFeatureTable, scoreIds } from './bayes/table.js';
import { scoreLexicon } from './lexicon/score.js';
import { findShape, type ShapeHit } from './lexicon/shapes.js';
import type { CompiledRules } from './rules/compile.js';
import { detectLanguage, isScoredLang, tokenize, type Unit } from './tokenize/index.js';
import { addZhWord, buildZhDict, type ZhDict } from './tokenize/zh-dict.js';

export interface Analysis {
  lang: string;
  units: Unit[];
  evidence: Evidence;
  features: string[];
  signals: number[];
  /** the context judge's view of the escalation matches (null: no candidate) */
  judgement: Judgement | null;
}

export interface ClassifyOptions {
  explain?: boolean;
}

export interface BacklashClassifier extends Classifier {
  readonly rules: CompiledRules;
  readonly model: Model | null;
  readonly escalationHead: EscalationHead | null;
  analyse(text: string, lang?: string | null): Analysis | null;
  classify(text: string, lang?: string | null, opts?: ClassifyOptions): Verdict;
}

const TOPIC_MIN_PROB = 0.5;
const TOPIC_TEMPERATURE = 3;
const REFINED_TOPIC_MIN_PROB = 0.2;

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

export function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const l = lang.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(l) ? l : null;
}

export function createClassifier(rules: CompiledRules, model: Model | null = null, escalationHead: EscalationHead | null = null): BacklashClassifier {
  let zhDict: ZhDict = rules.zhDict;
  if (model && model.zhWords.length) {
    zhDict = buildZhDict(rules.zhDict.words);
    for (const w of model.zhWords) addZhWord(zhDict, w);
  }
  const version = `rules-${rules.version}` + (model ? `+nb-${model.version}` : '') + (escalationHead ? `+esc-${escalationHead.version}` : '');
  const table = model ? buildFeatureTable(model) : null;
  // the base model's sentiment log-odds, when a calibration layer weighs them
  const priorName = model ? priorHeadName(model) : null;
  const usesPrior = !!model && Object.values(model.heads).some((h) => h.calibration?.inputs.some((n) => n.startsWith('prior:')));

  /** escalation candidates of the fast matcher, judged in context: only the hits stay in the evidence */
  function judge(text: string, lang: string, cues: CueMatches): Judgement | null {
    if (cues.escalation.length === 0) return null;
    const j = judgeEscalation(text, rules.escalationJudge.langs.get(lang), rules.escalationJudge);
    cues.escalation = j.hits.map((h) => ({ id: h.id, cue: h.cue }));
    return j;
  }

  function analyse(text: string, langIn?: string | null): Analysis | null {
    const lang = normaliseLang(langIn) ?? detectLanguage(text);
    if (!isScoredLang(lang)) return null;
    const units = tokenize(text, lang, zhDict);
    const lex = scoreLexicon(units, lang, rules);
    const cues = matchCues(units, text, lang, rules);
    const judgement = judge(text, lang, cues);
    let question = false;
    for (const u of units) if (u.kind === 'p' && u.text[0] === '?') question = true;
    const evidence: Evidence = { lex, cues, question };
    const features = model ? extractFeatures(units, rules.langs.get(lang), lex, cues) : [];
    return { lang, units, evidence, features, signals: ruleSignals(evidence, rules), judgement };
  }

  function classify(text: string, langIn?: string | null, opts: ClassifyOptions = {}): Verdict {
    const lang = normaliseLang(langIn) ?? detectLanguage(text);
    if (!isScoredLang(lang)) {
      const v: Verdict = { lang, sentiment: { label: 'neutral', score: 0, confidence: 0.1 }, complaint: { is: false, score: 0 }, topics: [], escalation: [] };
      if (opts.explain) v.explain = { note: `language "${lang}" is not scored: neutral with low confidence` };
      return v;
    }
    const units = tokenize(text, lang, zhDict);
    const lex = scoreLexicon(units, lang, rules, opts.explain === true);
    const cues = matchCues(units, text, lang, rules);
    const judged = judge(text, lang, cues);
    let question = false;
    const address = { mention: false, service: false, link: false };
    for (const u of units) {
      if (u.kind === 'p' && u.text[0] === '?') question = true;
      else if (u.kind === 'm') {
        address.mention = true;
        if (!address.service && isServiceHandle(u.text)) address.service = true;
      } else if (u.kind === 'u') address.link = true;
    }
    const evidence: Evidence = { lex, cues, question, address, lang };
    const signals = ruleSignals(evidence, rules);
    const nIds = table ? extractFeatureIds(units, rules.langs.get(lang), lex, cues, table) : 0;
    // the feature strings are only needed to name the deciding features in an explanation
    const features = opts.explain && model ? extractFeatures(units, rules.langs.get(lang), lex, cues) : [];
    const a = { lang };
    const explainModel: Record<string, unknown> = {};
    const heads = model?.heads ?? {};
    // the sums go to the head's scratch array: each is used up before the next post
    const score = (name: HeadName): Float64Array => scoreIds(table!.heads[name]!, table!.buf, nIds, table!.heads[name]!.out);
    // copied out first: the prior head may be the sentiment head, whose scratch array is reused below
    const prior = usesPrior && priorName ? centredLogits(score(priorName)) : null;

    let sentiment: SentimentDecision;
    const sh = heads.sentiment;
    if (sh) {
      const joint = score('sentiment');
      const probs = sh.calibration ? applyCalibration(sh.calibration, headInputs('sentiment', sh, joint, signals, prior)) : softmax(joint);
      let best = 0;
      for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
      const p = (cls: string) => {
        const i = sh.classes.indexOf(cls);
        return i < 0 ? 0 : probs[i];
      };
      sentiment = { label: sh.classes[best] as Sentiment, score: clamp(p('positive') - p('negative'), -1, 1), confidence: probs[best], probs: opts.explain ? Object.fromEntries(sh.classes.map((c, i) => [c, round(probs[i])])) : undefined };
      if (opts.explain) explainModel.sentiment = { probabilities: sentiment.probs, calibrated: !!sh.calibration, features: topFeatures(sh, features, best) };
    } else sentiment = ruleSentiment(evidence, rules);
    const shape = applyShape(text, lang, evidence, sentiment);

    let complaintScore: number;
    const ch = heads.complaint;
    if (ch) {
      const joint = score('complaint');
      const t = ch.classes.indexOf('true');
      const probs = ch.calibration ? applyCalibration(ch.calibration, headInputs('complaint', ch, joint, signals, prior)) : softmax(joint);
      complaintScore = probs[t];
      if (opts.explain) explainModel.complaint = { probability: round(complaintScore), calibrated: !!ch.calibration, features: topFeatures(ch, features, complaintScore >= 0.5 ? t : 1 - t) };
    } else complaintScore = ruleComplaint(evidence, rules, signals);

    // most posts name no topic: the map is made for the first one
    let topics: Map<string, TopicHit> | null = null;
    for (const [id, phrases] of evidence.cues.topics) {
      topics ??= new Map();
      const meta = rules.topics.get(id)!;
      topics.set(id, { id, score: round(1 - 0.4 * 0.5 ** (phrases.length - 1)), pillar: meta.pillar, touchpoint: meta.touchpoint });
    }
    const th = heads.topic;
    // learned topics are reasons for discontent: only worth scoring on posts that are not positive
    if (th && (sentiment.label !== 'positive' || opts.explain)) {
      const joint = score('topic');
      const temperature = th.refined ? 1 : TOPIC_TEMPERATURE;
      for (let c = 0; c < joint.length; c++) joint[c] /= temperature;
      const probs = softmax(joint);
      let best = -1;
      for (let c = 0; c < probs.length; c++) if (th.classes[c] !== NO_TOPIC && (best < 0 || probs[c] > probs[best])) best = c;
      if (best >= 0) {
        const id = th.classes[best];
        // a refined (discriminative) head spreads probability more thinly over 20 classes: there the
        // best topic counts when it beats "no topic" (and is not a near-uniform guess)
        const none = th.classes.indexOf(NO_TOPIC);
        const accept = th.refined ? probs[best] >= REFINED_TOPIC_MIN_PROB && (none < 0 || probs[best] >= probs[none]) : probs[best] >= TOPIC_MIN_PROB;
        // scored for the explanation on positive posts too, but only returned on the others: the
        // verdict must not depend on whether an explanation was asked for
        if (accept && sentiment.label !== 'positive') {
          const meta = rules.topics.get(id);
          topics ??= new Map();
          const prev = topics.get(id);
          const score = round(Math.max(prev?.score ?? 0, probs[best]));
          topics.set(id, meta ? { id, score, pillar: meta.pillar, touchpoint: meta.touchpoint } : { id, score });
        }
        if (opts.explain) explainModel.topic = { best: id, probability: round(probs[best]), features: topFeatures(th, features, best) };
      }
    }

    let escalation: EscalationHit[] = evidence.cues.escalation.length ? evidence.cues.escalation.map((e) => ({ id: e.id, cue: e.cue })) : [];
    let headExplain: Record<string, number> | undefined;
    let judgedOut = judged;
    if (escalationHead) {
      const scores = scoreEscalationHead(escalationHead, units, text, lang, judged, opts.explain === true, lex);
      if (scores) {
        const hl = escalationHead.langs.get(lang)!;
        const decided = decideEscalation(scores, escalation, judged, hl.threshold, hl.keep, units);
        escalation = decided.escalation;
        judgedOut = decided.judgement;
        if (opts.explain) headExplain = Object.fromEntries(scores.map((x) => [x.id, round(x.p)]));
      }
    }
    const complaintIs = ch ? complaintScore >= 0.5 : complaintScore >= rules.scoring.complaint.threshold;
    const verdict: Verdict = {
      lang: a.lang,
      sentiment: { label: sentiment.label, score: round(sentiment.score), confidence: round(sentiment.confidence) },
      complaint: { is: complaintIs, score: round(complaintScore) },
      topics: topics === null ? [] : topics.size === 1 ? [...topics.values()] : [...topics.values()].sort((x, y) => y.score - x.score),
      escalation,
    };
    if (opts.explain) {
      verdict.explain = {
        lexicon: { score: round(evidence.lex.score), hits: evidence.lex.hits },
        cues: {
          complaint: evidence.cues.complaint,
          topics: Object.fromEntries(evidence.cues.topics),
          escalation: evidence.cues.escalation,
        },
        // why each escalation cue counted, and why the matches that did not count were set aside
        escalation: { hits: judgedOut?.hits ?? [], suppressed: judgedOut?.suppressed ?? [], ...(headExplain ? { head: headExplain } : {}) },
        // a sarcasm marker or a balanced phrase that changed the reading (rules/sentiment/shapes.yaml)
        ...(shape ? { shape } : {}),
        signals: Object.fromEntries(RULE_INPUTS.map((n, i) => [n, round(signals[i])])),
        combination: {
          sentiment: sh ? (sh.calibration ? 'model + rules, calibrated' : 'model only') : 'rules only (scoring.yaml thresholds)',
          complaint: ch ? (ch.calibration ? 'model + rules, calibrated' : 'model only') : 'rules only (scoring.yaml logistic weights)',
        },
        ...(model ? { model: { version: model.version, ...explainModel } } : {}),
      };
    }
    return verdict;
  }

  /**
   * Sarcasm turns a positive (or a neutral reading of positive words) negative; a balanced phrase
   * evens a polar reading out. Returns the shape that changed the reading, with what it changed.
   */
  function applyShape(text: string, lang: string, e: Evidence, s: SentimentDecision): (ShapeHit & { was: Sentiment }) | null {
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

  return { version, rules, model, escalationHead, analyse, classify };
}

/**
 * The learned head decides each cue type: a rule hit it scores below `keep` is set aside (with the
 * head's probability and features as the reason), a type it scores at or above `threshold`
 * without a rule hit is added (its cue: the strongest word feature).
 */
function decideEscalation(scores: HeadScore[], ruleHits: EscalationHit[], judged: Judgement | null, threshold: number, keep: number, units: Unit[]): { escalation: EscalationHit[]; judgement: Judgement | null } {
  let changed = false;
  const out: EscalationHit[] = [];
  const hits = judged ? [...judged.hits] : [];
  const suppressed = judged ? [...judged.suppressed] : [];
  const why = (s: HeadScore) => `learned head p=${round(s.p)}` + (s.top.length ? ` (${s.top.map((f) => `${describeFeature(f.feature)} ${f.weight > 0 ? '+' : ''}${f.weight}`).join(', ')})` : '');
  for (const s of scores) {
    const rule = ruleHits.find((e) => e.id === s.id);
    if (s.p >= (rule ? keep : threshold) && (rule || !setAside(judged, s.id))) {
      if (rule) out.push(rule);
      else {
        const cue = strongestCue(s.top, units);
        out.push({ id: s.id, cue });
        hits.push({ id: s.id, cue, why: why(s) });
        changed = true;
      }
    } else if (rule) {
      changed = true;
      const i = hits.findIndex((h) => h.id === s.id);
      const h = i >= 0 ? hits.splice(i, 1)[0] : { id: s.id, cue: rule.cue ?? '', why: `matches the cue "${rule.cue ?? ''}"` };
      suppressed.push({ id: s.id, cue: h.cue, why: `${h.why}, but ${why(s)}`, kind: 'head' });
    }
  }
  // a type the head was not trained for is the rules' alone
  for (const r of ruleHits) if (!scores.some((s) => s.id === r.id)) out.push(r);
  if (!changed) return { escalation: ruleHits, judgement: judged };
  // keep the rules' order, then the head's additions
  out.sort((a, b) => idx(ruleHits, a) - idx(ruleHits, b));
  return { escalation: out, judgement: { hits, suppressed } };
}

function idx(list: EscalationHit[], e: EscalationHit): number {
  const i = list.findIndex((x) => x.id === e.id);
  return i < 0 ? list.length : i;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
