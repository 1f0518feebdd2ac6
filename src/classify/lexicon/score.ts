/**
 * Lexicon sentiment in the VADER tradition, over our own rule files: weighted words and phrases,
 * shifted by negators, intensifiers and diminishers, capitals and elongation, "but" and "although",
 * and exclamation marks. Returns the evidence item by item so that verdicts can be explained.
 */
import type { CompiledRules, LangRules, PhraseEntry } from '../rules/compile.js';
import type { Unit } from '../tokenize/unit.js';

export interface LexiconHit {
  text: string;
  base: number;
  weight: number;
  why?: string[];
}

export interface LexiconResult {
  /** normalised to -1..1 */
  score: number;
  sum: number;
  pos: number;
  neg: number;
  hits: LexiconHit[];
}

const NO_LANG: LangRules | undefined = undefined;

function lookup(u: Unit, r: LangRules | undefined, emoji: Map<string, number>): number | undefined {
  if (u.kind === 'e') return emoji.get(u.text) ?? emoji.get(u.text.replace(/\uFE0F/g, ''));
  if (u.kind !== 'w' || !r) return undefined;
  return r.words.get(u.text) ?? (u.alt !== undefined ? r.words.get(u.alt) : undefined) ?? r.keys.get(u.key);
}

/** `detail` false: the same score, sum and masses, without the per-hit record (explanations only) */
export function scoreLexicon(units: Unit[], lang: string, rules: CompiledRules, detail = true): LexiconResult {
  const r = rules.langs.get(lang) ?? NO_LANG;
  const cfg = rules.scoring.lexicon;
  const n = units.length;
  const hits: LexiconHit[] = [];
  let capsWords = 0;
  let words = 0;
  for (const u of units) if (u.kind === 'w') (words++, u.caps && capsWords++);
  const shouting = words > 0 && capsWords / words > 0.6;

  const { butAt, concessive } = contrastOf(units, r, rules.emoji);

  let sum = 0;
  let pos = 0;
  let neg = 0;
  let bangs = 0;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (u.kind === 'p') {
      if (u.text[0] === '!' || u.text === '?!') bangs += u.text.length;
      continue;
    }
    const info = r && u.kind === 'w' ? lexInfo(u, r, rules.emoji) : null;
    const phrase = info?.cands ? phraseAt(units, i, info.cands) : null;
    const span = phrase ? phrase.keys.length : 1;
    const text = phrase ? phrase.payload.phrase : u.text;
    const base = phrase ? phrase.payload.weight : info ? info.base : lookup(u, r, rules.emoji);
    if (!base) {
      i += span - 1;
      continue;
    }
    // a word that intensifies the next sentiment word ("so", "pretty", "好") is a modifier there
    if (span === 1 && r?.intensifiers.has(u.text) && i + 1 < n && lookup(units[i + 1], r, rules.emoji)) continue;

    let w = base;
    const why: string[] | null = detail ? [] : null;
    if (r && u.kind === 'w') w = modifiedByPreceding(w, units, i, r, cfg, why);
    if (u.caps && !shouting) (w *= cfg.caps), why?.push('capitals');
    if (u.elong) (w *= cfg.elongation), why?.push('elongated');
    if (butAt >= 0) {
      if (i < butAt) (w *= cfg.before_contrast), why?.push('before "but"');
      else if (i > butAt) (w *= cfg.after_contrast), why?.push('after "but"');
    }
    if (concessive !== null && concessive[i]) (w *= cfg.concessive_clause), why?.push('concessive clause');
    sum += w;
    if (w > 0) pos += w;
    else neg -= w;
    if (why !== null) hits.push(why.length ? { text, base, weight: round(w), why } : { text, base, weight: round(w) });
    i += span - 1;
  }
  if (bangs > 0 && sum !== 0) {
    const boost = Math.min(bangs, cfg.exclamation_max) * cfg.exclamation;
    sum += sum > 0 ? boost : -boost;
  }
  if (shouting && sum !== 0) sum *= cfg.caps;
  const score = sum === 0 ? 0 : sum / Math.sqrt(sum * sum + cfg.normalise_alpha);
  return { score, sum, pos, neg, hits };
}

/** Contrast: the last "but" splits the post; an "although" clause runs to the next boundary. */
function contrastOf(units: Unit[], r: LangRules | undefined, emoji: Map<string, number>): { butAt: number; concessive: Uint8Array | null } {
  let butAt = -1;
  let concessive: Uint8Array | null = null;
  if (!r) return { butAt, concessive };
  const n = units.length;
  for (let i = 0; i < n; i++) {
    const u = units[i];
    if (u.kind !== 'w') continue;
    const info = lexInfo(u, r, emoji);
    if (info.after && i > 0) butAt = i;
    else if (info.conc) {
      concessive ??= new Uint8Array(n);
      for (let j = i + 1; j < n && units[j].kind !== 'p'; j++) concessive[j] = 1;
    }
  }
  return { butAt, concessive };
}

/** The first lexicon phrase that starts at unit `i`, if any. */
function phraseAt<T extends { keys: string[] }>(units: Unit[], i: number, cands: readonly T[]): T | null {
  for (const c of cands) if (matchAt(units, i, c.keys)) return c;
  return null;
}

/** A word's weight after the negators and intensifiers before it (within the negation window, up to a boundary). */
function modifiedByPreceding(w: number, units: Unit[], i: number, r: LangRules, cfg: CompiledRules['scoring']['lexicon'], why: string[] | null): number {
  let negated = false;
  let factor = 1;
  for (let k = 1, j = i - 1; j >= 0 && k <= cfg.negation_window; j--, k++) {
    const v = units[j];
    if (v.kind === 'p' || r.afterContrast.has(v.text)) break;
    if (v.kind !== 'w') continue;
    if (r.negators.has(v.text) || r.negators.has(v.key)) {
      negated = !negated;
      why?.push(`negated by "${v.text}"`);
    } else if (k <= 2) {
      const f = r.intensifiers.get(v.text) ?? (v.alt !== undefined ? r.intensifiers.get(v.alt) : undefined);
      if (f !== undefined) {
        factor *= f;
        why?.push(`${f > 1 ? 'intensified' : 'softened'} by "${v.text}"`);
      }
    }
  }
  w *= factor;
  if (negated) w *= w > 0 ? cfg.negated_positive : cfg.negated_negative;
  return w;
}

/**
 * A word's lexicon facts for one set of language rules, computed once and kept in the shared word
 * unit's `lx` slot (word units are shared between posts by the tokenisers): the same answers as
 * the lookups they replace.
 */
interface LexInfo {
  r: LangRules;
  after: boolean;
  conc: boolean;
  cands: PhraseEntry<{ weight: number; phrase: string }>[] | undefined;
  base: number | undefined;
}

function lexInfo(u: Unit, r: LangRules, emoji: Map<string, number>): LexInfo {
  const cached = u.lx as LexInfo | null | undefined;
  if (cached && cached.r === r) return cached;
  const info: LexInfo = { r, after: r.afterContrast.has(u.text), conc: r.concessive.has(u.text), cands: r.phrases.get(u.key), base: lookup(u, r, emoji) };
  u.lx = info;
  return info;
}

export function matchAt(units: Unit[], i: number, keys: string[]): boolean {
  let j = i;
  for (const k of keys) {
    if (j >= units.length) return false;
    const u = units[j];
    if (u.key !== k && u.text !== k) return false;
    j++;
  }
  return true;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
