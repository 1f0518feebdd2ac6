/**
 * Validated rule files → lookup structures the scorer walks in one pass: hash maps by surface form
 * and by stem, phrase indexes keyed by their first token, and a Chinese word dictionary.
 */
import { tokenizeLatin, type KeyFn } from '../tokenize/latin.js';
import { normalisePolish } from '../tokenize/normalise-pl.js';
import { stemEnglish } from '../tokenize/stem-en.js';
import { buildZhDict, type ZhDict } from '../tokenize/zh-dict.js';
import type { LocatedExample, RuleSet } from './parse.js';
import { compileEscalationJudge, type EscalationJudgeRules } from '../cues/escalation-rules.js';
import { compileShapes, type CompiledShapes } from '../lexicon/shapes.js';
import type { Factor, ScoringFile } from './schema.js';

export interface PhraseEntry<T> {
  keys: string[];
  payload: T;
}
export type PhraseIndex<T> = Map<string, PhraseEntry<T>[]>;

export interface CueRef {
  kind: 'complaint' | 'topic' | 'escalation';
  id: string;
  weight: number;
  phrase: string;
}

export interface LangRules {
  lang: string;
  keyOf: KeyFn;
  words: Map<string, number>;
  keys: Map<string, number>;
  phrases: PhraseIndex<{ weight: number; phrase: string }>;
  negators: Set<string>;
  intensifiers: Map<string, number>;
  afterContrast: Set<string>;
  concessive: Set<string>;
  cues: PhraseIndex<CueRef>;
  /** Chinese cues match as substrings of the text: first character → cues */
  charCues: Map<string, { phrase: string; ref: CueRef }[]>;
}

export interface TopicMeta {
  id: string;
  label: string;
  pillar: string;
  touchpoint: string;
  factor: Factor;
  complaint: number;
}

export interface CompiledRules {
  langs: Map<string, LangRules>;
  emoji: Map<string, number>;
  topics: Map<string, TopicMeta>;
  escalation: Map<string, { id: string; label: string }>;
  /** how escalation cue matches are judged in context (cues/escalation-judge.ts) */
  escalationJudge: EscalationJudgeRules;
  /** sarcasm and balanced phrases (sentiment/shapes.yaml) */
  shapes: CompiledShapes;
  scoring: ScoringFile;
  zhDict: ZhDict;
  examples: LocatedExample[];
  files: string[];
  /** short content hash: changes whenever any rule changes */
  version: string;
}

export const KEY_FNS: Record<string, KeyFn> = {
  en: stemEnglish,
  pl: normalisePolish,
  zh: (w) => w,
};
const identity: KeyFn = (w) => w.toLowerCase();

export function keyFnFor(lang: string): KeyFn {
  return KEY_FNS[lang] ?? identity;
}

function emptyLang(lang: string): LangRules {
  return {
    lang,
    keyOf: keyFnFor(lang),
    words: new Map(),
    keys: new Map(),
    phrases: new Map(),
    negators: new Set(),
    intensifiers: new Map(),
    afterContrast: new Set(),
    concessive: new Set(),
    cues: new Map(),
    charCues: new Map(),
  };
}

/** English phrases get their own key function, hence their own word-unit table (one per language, not per phrase) */
const PHRASE_KEY_FNS = new Map<string, KeyFn>();

/** Tokenise a rule phrase exactly as posts are tokenised; "{n}" stands for any number. */
export function phraseKeys(phrase: string, lang: string): string[] {
  const keyOf = keyFnFor(lang);
  let phraseKeyOf = PHRASE_KEY_FNS.get(lang);
  if (!phraseKeyOf) PHRASE_KEY_FNS.set(lang, (phraseKeyOf = lang === 'en' ? (w) => keyOf(w) : keyOf));
  return tokenizeLatin(phrase.replace(/\{n\}/g, '7'), phraseKeyOf)
    .filter((u) => u.kind !== 'p')
    .map((u) => (u.kind === 'w' ? u.key : u.key));
}

function addPhrase<T>(index: PhraseIndex<T>, keys: string[], payload: T): void {
  if (keys.length === 0) return;
  const list = index.get(keys[0]) ?? [];
  list.push({ keys, payload });
  list.sort((a, b) => b.keys.length - a.keys.length); // longest match wins
  index.set(keys[0], list);
}

export function compileRules(set: RuleSet): CompiledRules {
  const langs = new Map<string, LangRules>();
  const emoji = new Map<string, number>();
  const zhWords: string[] = [];
  const get = (lang: string) => {
    let r = langs.get(lang);
    if (!r) langs.set(lang, (r = emptyLang(lang)));
    return r;
  };
  for (const file of set.sentiment) {
    if (file.lang === 'any') {
      for (const g of file.lexicon) for (const w of g.words) emoji.set(w.toLowerCase(), g.weight);
      continue;
    }
    addSentimentFile(get(file.lang), file, zhWords);
  }
  const addCue = (lang: string, phrase: string, ref: CueRef) => {
    const r = get(lang);
    if (lang === 'zh') {
      phrase = phrase.toLowerCase();
      const list = r.charCues.get(phrase[0]) ?? [];
      list.push({ phrase, ref });
      list.sort((a, b) => b.phrase.length - a.phrase.length);
      r.charCues.set(phrase[0], list);
    } else addPhrase(r.cues, phraseKeys(phrase.toLowerCase(), lang), ref);
  };
  const { topics, escalation } = addCues(set, addCue);
  return {
    langs,
    emoji,
    topics,
    escalation,
    escalationJudge: compileEscalationJudge(set, keyFnFor),
    shapes: compileShapes(set.shapes),
    scoring: set.scoring,
    zhDict: buildZhDict(zhWords),
    examples: set.examples,
    files: set.files,
    version: hashRules(set),
  };
}

/** One language's sentiment file: its lexicon words and phrases, neutral words, negators, contrast words and intensifiers. */
function addSentimentFile(r: LangRules, file: RuleSet['sentiment'][number], zhWords: string[]): void {
  const isZh = file.lang === 'zh';
  const single = (w: string) => isZh || !/\s/.test(w.trim());
  for (const g of file.lexicon) {
    for (const raw of g.words) {
      const w = raw.toLowerCase().trim();
      if (isZh) zhWords.push(w);
      if (single(w)) {
        r.words.set(w, g.weight);
        const k = r.keyOf(w);
        if (!r.keys.has(k) || Math.abs(g.weight) > Math.abs(r.keys.get(k)!)) r.keys.set(k, g.weight);
      } else addPhrase(r.phrases, phraseKeys(w, file.lang), { weight: g.weight, phrase: w });
    }
  }
  for (const raw of file.neutral) {
    const w = raw.toLowerCase().trim();
    if (isZh) zhWords.push(w);
    if (single(w)) {
      r.words.set(w, 0);
      if (!isZh && !r.keys.has(r.keyOf(w))) r.keys.set(r.keyOf(w), 0);
    } else addPhrase(r.phrases, phraseKeys(w, file.lang), { weight: 0, phrase: w });
  }
  const addSet = (set: Set<string>, words: string[]) => {
    for (const raw of words) {
      const w = raw.toLowerCase();
      set.add(w);
      if (!isZh) set.add(r.keyOf(w));
      if (isZh) zhWords.push(w);
    }
  };
  addSet(r.negators, file.negators);
  addSet(r.afterContrast, file.contrast.after);
  addSet(r.concessive, file.contrast.concessive);
  for (const g of [...file.intensifiers, ...file.diminishers]) {
    for (const raw of g.words) {
      const w = raw.toLowerCase();
      r.intensifiers.set(w, g.factor);
      if (isZh) zhWords.push(w);
    }
  }
}

/** The cue phrases of complaints, topics, escalation and regulators, each added under its language. */
function addCues(set: RuleSet, addCue: (lang: string, phrase: string, ref: CueRef) => void): Pick<CompiledRules, 'topics' | 'escalation'> {
for (const file of set.complaint) {
  for (const c of file.cues) for (const p of c.phrases) addCue(file.lang, p, { kind: 'complaint', id: c.id, weight: c.weight, phrase: p });
}
const topics = new Map<string, TopicMeta>();
for (const t of set.topics) {
  topics.set(t.id, { id: t.id, label: t.label, pillar: t.pillar, touchpoint: t.touchpoint, factor: t.factor, complaint: t.complaint });
  for (const [lang, phrases] of Object.entries(t.cues)) for (const p of phrases) addCue(lang, p, { kind: 'topic', id: t.id, weight: 1, phrase: p });
}
const escalation = new Map<string, { id: string; label: string }>();
for (const e of set.escalation) {
  escalation.set(e.id, { id: e.id, label: e.label });
  for (const [lang, phrases] of Object.entries(e.cues)) for (const p of phrases) addCue(lang, p, { kind: 'escalation', id: e.id, weight: 1, phrase: p });
  // exact words are candidates here by their stems: the judge checks the form as written
  for (const [lang, phrases] of Object.entries(e.exact ?? {})) for (const p of phrases) addCue(lang, p, { kind: 'escalation', id: e.id, weight: 1, phrase: p });
}
// regulators: names, and abbreviations in lower case as candidates (the judge wants them in capitals)
for (const r of set.regulators) {
  for (const [lang, names] of Object.entries(r.names)) for (const n of names) addCue(lang, n, { kind: 'escalation', id: r.cue, weight: 1, phrase: n });
  for (const a of r.acronyms) for (const lang of ['en', 'pl', 'zh']) addCue(lang, a, { kind: 'escalation', id: r.cue, weight: 1, phrase: a });
}
  return { topics, escalation };
}

function hashRules(set: RuleSet): string {
  const s = JSON.stringify([set.sentiment, set.complaint, set.topics, set.escalation, set.escalationContext ?? null, set.regulators, set.shapes, set.scoring]);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
