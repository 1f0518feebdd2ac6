/**
 * The classifier: rules (always) plus a naive Bayes model (when given), combined per head.
 * Pure and runtime-agnostic: built from compiled rules and a loaded model, no I/O.
 */
import type { Classifier, Verdict } from '../types.js';
import type { HeadName, Model } from './bayes/model.js';
import { centredLogits } from './bayes/nb.js';
import { ruleSignals, RULE_INPUTS, type Evidence } from './combine.js';
import { matchCues, type CueMatches } from './cues/match.js';
import { judgeEscalation, type Judgement } from './cues/escalation-judge.js';
import { scoreEscalationHead, type EscalationHead } from './cues/escalation-head.js';
import { decideEscalation } from './cues/escalation-decide.js';
import { extractFeatureIds, extractFeatures, isServiceHandle } from './features.js';
import { buildFeatureTable, scoreIds, type FeatureTable } from './bayes/table.js';
import { scoreLexicon } from './lexicon/score.js';
import type { ShapeHit } from './lexicon/shapes.js';
import type { CompiledRules } from './rules/compile.js';
import { applyShape, decideComplaint, decideSentiment, decideTopics, priorHeadName, round, type PostScores } from './heads.js';
import { detectLanguage, isScoredLang, tokenize, type Unit } from './tokenize/index.js';
import { addZhWord, buildZhDict, type ZhDict } from './tokenize/zh-dict.js';

export { headInputNames, headInputs, priorHeadName } from './heads.js';

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

export function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const l = lang.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(l) ? l : null;
}

/** Who a post addresses, and whether it asks a question, from its tokens. */
function scanUnits(units: Unit[]): { question: boolean; address: NonNullable<Evidence['address']> } {
  let question = false;
  const address = { mention: false, service: false, link: false };
  for (const u of units) {
    if (u.kind === 'p' && u.text[0] === '?') question = true;
    else if (u.kind === 'm') {
      address.mention = true;
      if (!address.service && isServiceHandle(u.text)) address.service = true;
    } else if (u.kind === 'u') address.link = true;
  }
  return { question, address };
}

function unscoredVerdict(lang: string, explain: boolean | undefined): Verdict {
  const v: Verdict = { lang, sentiment: { label: 'neutral', score: 0, confidence: 0.1 }, complaint: { is: false, score: 0 }, topics: [], escalation: [] };
  if (explain) v.explain = { note: `language "${lang}" is not scored: neutral with low confidence` };
  return v;
}

interface Scorer {
  rules: CompiledRules;
  model: Model | null;
  zhDict: ZhDict;
  table: FeatureTable | null;
  /** the base model's sentiment head, when a calibration layer weighs its log-odds */
  priorName: HeadName | null;
}

function makeScorer(rules: CompiledRules, model: Model | null): Scorer {
  let zhDict: ZhDict = rules.zhDict;
  if (model && model.zhWords.length) {
    zhDict = buildZhDict(rules.zhDict.words);
    for (const w of model.zhWords) addZhWord(zhDict, w);
  }
  const usesPrior = !!model && Object.values(model.heads).some((h) => h.calibration?.inputs.some((n) => n.startsWith('prior:')));
  return { rules, model, zhDict, table: model ? buildFeatureTable(model) : null, priorName: usesPrior && model ? priorHeadName(model) : null };
}

/** escalation candidates of the fast matcher, judged in context: only the hits stay in the evidence */
function judge(rules: CompiledRules, text: string, lang: string, cues: CueMatches): Judgement | null {
  if (cues.escalation.length === 0) return null;
  const j = judgeEscalation(text, rules.escalationJudge.langs.get(lang), rules.escalationJudge);
  cues.escalation = j.hits.map((h) => ({ id: h.id, cue: h.cue }));
  return j;
}

function analyse(s: Scorer, text: string, langIn?: string | null): Analysis | null {
  const lang = normaliseLang(langIn) ?? detectLanguage(text);
  if (!isScoredLang(lang)) return null;
  const units = tokenize(text, lang, s.zhDict);
  const lex = scoreLexicon(units, lang, s.rules);
  const cues = matchCues(units, text, lang, s.rules);
  const judgement = judge(s.rules, text, lang, cues);
  let question = false;
  for (const u of units) if (u.kind === 'p' && u.text[0] === '?') question = true;
  const evidence: Evidence = { lex, cues, question };
  const features = s.model ? extractFeatures(units, s.rules.langs.get(lang), lex, cues) : [];
  return { lang, units, evidence, features, signals: ruleSignals(evidence, s.rules), judgement };
}

function classify(s: Scorer, head: EscalationHead | null, text: string, langIn?: string | null, opts: ClassifyOptions = {}): Verdict {
  const { rules, model, table } = s;
  const lang = normaliseLang(langIn) ?? detectLanguage(text);
  if (!isScoredLang(lang)) return unscoredVerdict(lang, opts.explain);
  const units = tokenize(text, lang, s.zhDict);
  const lex = scoreLexicon(units, lang, rules, opts.explain === true);
  const cues = matchCues(units, text, lang, rules);
  const judged = judge(rules, text, lang, cues);
  const evidence: Evidence = { lex, cues, ...scanUnits(units), lang };
  const nIds = table ? extractFeatureIds(units, rules.langs.get(lang), lex, cues, table) : 0;
  // the sums go to the head's scratch array: each is used up before the next post
  const score = (name: HeadName): Float64Array => scoreIds(table!.heads[name]!, table!.buf, nIds, table!.heads[name]!.out);
  const p: PostScores = {
    rules,
    model,
    evidence,
    signals: ruleSignals(evidence, rules),
    score,
    // copied out first: the prior head may be the sentiment head, whose scratch array is reused below
    prior: s.priorName ? centredLogits(score(s.priorName)) : null,
    features: opts.explain && model ? extractFeatures(units, rules.langs.get(lang), lex, cues) : [],
    explain: opts.explain === true,
    explainModel: {},
  };
  const sentiment = decideSentiment(p);
  const shape = applyShape(rules, text, lang, evidence, sentiment);
  const complaintScore = decideComplaint(p);
  const complaintIs = model?.heads.complaint ? complaintScore >= 0.5 : complaintScore >= rules.scoring.complaint.threshold;
  let escalation: Verdict['escalation'] = evidence.cues.escalation.length ? evidence.cues.escalation.map((e) => ({ id: e.id, cue: e.cue })) : [];
  let judgedOut = judged;
  let headExplain: Record<string, number> | undefined;
  const scores = head ? scoreEscalationHead(head, units, text, lang, judged, opts.explain === true, lex) : null;
  if (head && scores) {
    ({ escalation, judgement: judgedOut } = decideEscalation(scores, escalation, judged, units));
    if (opts.explain) headExplain = Object.fromEntries(scores.map((x) => [x.id, round(x.p)]));
  }
  const verdict: Verdict = {
    lang,
    sentiment: { label: sentiment.label, score: round(sentiment.score), confidence: round(sentiment.confidence) },
    complaint: { is: complaintIs, score: round(complaintScore) },
    topics: decideTopics(p, sentiment.label),
    escalation,
  };
  if (opts.explain) verdict.explain = explanation(p, judgedOut, shape, headExplain);
  return verdict;
}

function explanation(p: PostScores, judged: Judgement | null, shape: (ShapeHit & { was: string }) | null, head?: Record<string, number>): Record<string, unknown> {
  const { evidence, model } = p;
  const sh = model?.heads.sentiment;
  const ch = model?.heads.complaint;
  return {
    lexicon: { score: round(evidence.lex.score), hits: evidence.lex.hits },
    cues: { complaint: evidence.cues.complaint, topics: Object.fromEntries(evidence.cues.topics), escalation: evidence.cues.escalation },
    // why each escalation cue counted, and why the matches that did not count were set aside
    escalation: { hits: judged?.hits ?? [], suppressed: judged?.suppressed ?? [], ...(head ? { head } : {}) },
    // a sarcasm marker or a balanced phrase that changed the reading (rules/sentiment/shapes.yaml)
    ...(shape ? { shape } : {}),
    signals: Object.fromEntries(RULE_INPUTS.map((n, i) => [n, round(p.signals[i])])),
    combination: {
      sentiment: sh ? (sh.calibration ? 'model + rules, calibrated' : 'model only') : 'rules only (scoring.yaml thresholds)',
      complaint: ch ? (ch.calibration ? 'model + rules, calibrated' : 'model only') : 'rules only (scoring.yaml logistic weights)',
    },
    ...(model ? { model: { version: model.version, ...p.explainModel } } : {}),
  };
}

export function createClassifier(rules: CompiledRules, model: Model | null = null, escalationHead: EscalationHead | null = null): BacklashClassifier {
  const scorer = makeScorer(rules, model);
  const version = `rules-${rules.version}` + (model ? `+nb-${model.version}` : '') + (escalationHead ? `+esc-${escalationHead.version}` : '');
  return {
    version,
    rules,
    model,
    escalationHead,
    analyse: (text, lang) => analyse(scorer, text, lang),
    classify: (text, lang, opts) => classify(scorer, escalationHead, text, lang, opts),
  };
}
