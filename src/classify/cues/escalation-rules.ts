/**
 * escalation.yaml (cue words, exact words, look-alikes, context) and regulators.yaml compiled for
 * the escalation judge: per language, phrase indexes over the judge's own word keys (en, pl) or
 * substring lists (zh). Pure.
 */
import type { RuleSet } from '../rules/parse.js';
import type { KeyFn } from '../tokenize/latin.js';

export interface CueSpec {
  type: string;
  phrase: string;
  /** how it matched: a cue word, an exact word, a regulator's name or abbreviation */
  via: 'cue' | 'exact' | 'regulator';
  /** the regulator's name, country and sector, for the explanation */
  regulator?: string;
}

export interface Phrase<T> {
  words: string[];
  spec: T;
}

export interface JudgeLang {
  lang: string;
  zh: boolean;
  keyOf: KeyFn;
  /** en/pl: first key → phrases over keys; zh: substrings */
  cues: Map<string, Phrase<CueSpec>[]>;
  exact: Map<string, Phrase<CueSpec>[]>;
  unless: Map<string, Phrase<{ type: string; phrase: string }>[]>;
  brand: Map<string, Phrase<{ phrase: string }>[]>;
  zhCues: { text: string; spec: CueSpec }[];
  zhUnless: { text: string; type: string }[];
  zhBrand: string[];
  negators: Set<string>;
  zhNegators: string[];
  skip: Set<string>;
  breakers: Set<string>;
  window: number;
}

export interface EscalationJudgeRules {
  langs: Map<string, JudgeLang>;
  /** abbreviations as written (any language) → what they name */
  acronyms: Map<string, CueSpec>;
  /** cue types whose matches in a question still count */
  keepQuestions: Set<string>;
  /** false: no context section, every match counts (the plain rule-word behaviour) */
  judged: boolean;
}

/** the judge's word scanner: words (apostrophes kept, ’ as '), sentence and clause marks, quote marks */
export const JUDGE_TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;:,…()\-–—]+|["“”„«»]/gu;

export function judgeWords(text: string, keyOf: KeyFn): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(JUDGE_TOKEN_RE)) if (/[\p{L}\p{N}]/u.test(m[0])) out.push(keyOf(m[0].replace(/’/g, "'")));
  return out;
}

function add<T>(index: Map<string, Phrase<T>[]>, words: string[], spec: T): void {
  if (!words.length) return;
  const list = index.get(words[0]) ?? [];
  list.push({ words, spec });
  list.sort((a, b) => b.words.length - a.words.length);
  index.set(words[0], list);
}

export function compileEscalationJudge(set: RuleSet, keyFnFor: (lang: string) => KeyFn): EscalationJudgeRules {
  const langs = new Map<string, JudgeLang>();
  const get = (lang: string): JudgeLang => {
    let j = langs.get(lang);
    if (!j) {
      const keyOf = keyFnFor(lang);
      langs.set(lang, (j = { lang, zh: lang === 'zh', keyOf, cues: new Map(), exact: new Map(), unless: new Map(), brand: new Map(), zhCues: [], zhUnless: [], zhBrand: [], negators: new Set(), zhNegators: [], skip: new Set(), breakers: new Set(), window: 3 }));
    }
    return j;
  };
  const identity: KeyFn = (w) => w;
  const addCue = (lang: string, phrase: string, spec: CueSpec, exact = false) => {
    const j = get(lang);
    if (j.zh) j.zhCues.push({ text: phrase.toLowerCase(), spec });
    else add(exact ? j.exact : j.cues, judgeWords(phrase, exact ? identity : j.keyOf), spec);
  };
  const keepQuestions = new Set<string>();
  for (const e of set.escalation) {
    if (e.questions === 'keep') keepQuestions.add(e.id);
    for (const [lang, phrases] of Object.entries(e.cues)) for (const p of phrases) addCue(lang, p, { type: e.id, phrase: p, via: 'cue' });
    for (const [lang, phrases] of Object.entries(e.exact ?? {})) for (const p of phrases) addCue(lang, p, { type: e.id, phrase: p, via: 'exact' }, true);
    for (const [lang, phrases] of Object.entries(e.unless ?? {})) {
      const j = get(lang);
      for (const p of phrases) {
        if (j.zh) j.zhUnless.push({ text: p.toLowerCase(), type: e.id });
        else add(j.unless, judgeWords(p, j.keyOf), { type: e.id, phrase: p });
      }
    }
  }
  const acronyms = new Map<string, CueSpec>();
  for (const r of set.regulators) {
    const about = `${r.name} (${r.country}, ${r.sector})`;
    for (const [lang, names] of Object.entries(r.names)) for (const n of names) addCue(lang, n, { type: r.cue, phrase: n, via: 'regulator', regulator: about });
    for (const a of r.acronyms) {
      const spec: CueSpec = { type: r.cue, phrase: a, via: 'regulator', regulator: about };
      acronyms.set(a, spec);
      acronyms.set(a.toUpperCase(), spec); // "UOKIK" for "UOKiK"
    }
  }
  for (const [lang, c] of Object.entries(set.escalationContext ?? {})) {
    const j = get(lang);
    j.window = c.window;
    for (const w of c.negators) {
      if (j.zh) j.zhNegators.push(w);
      else j.negators.add(w.toLowerCase().replace(/’/g, "'"));
    }
    for (const w of c.skip) j.skip.add(w.toLowerCase());
    for (const w of c.breakers) j.breakers.add(w.toLowerCase().replace(/’/g, "'"));
    for (const p of c.brand_voice) {
      if (j.zh) j.zhBrand.push(p.toLowerCase());
      else add(j.brand, judgeWords(p, j.keyOf), { phrase: p });
    }
  }
  return { langs, acronyms, keepQuestions, judged: set.escalationContext !== undefined };
}
