/**
 * Naive Bayes features of a post: stems (or Chinese words), negation-scoped stems ("¬good"),
 * adjacent-word bigrams, Chinese character bigrams, emoji, punctuation shapes, and the rule
 * evidence as pseudo-features ("§lex:-2", "§c:waiting", "§t:billing") so that a trained model
 * learns how far to trust each rule on the team's own data.
 */
import type { CueMatches } from './cues/match.js';
import type { LexiconResult } from './lexicon/score.js';
import type { LangRules } from './rules/compile.js';
import type { Unit } from './tokenize/unit.js';
import type { FeatureTable } from './bayes/table.js';

const NEGATION_SCOPE = 3;

/**
 * English function words: kept out of unigram features (and of bigrams made only of them) because
 * on a small corpus they pick up spurious class associations ("in the", "that", "me").
 */
const STOP_EN = new Set(
  'a an the and or of to in on at for from by with about as into than then so if is are was were be been being am do does did has have had i me my we our you your he she it its they them their this that these those there here what which who whom when where how just also too very really still again s t d ll m re ve'.split(' '),
);

/** a handle that names a customer-service account ("@sho_help", "@askamex", "@delta_care") */
const CS_HANDLE = /help|support|care|service|ask|team|desk|cs$/;

/** "@sho_help" names a customer-service account (the handle with its @) */
export const isServiceHandle = (handle: string): boolean => CS_HANDLE.test(handle.slice(1));
const HANDLE_PARTS = /_|(?<=[a-z])(?=(?:help|support|cares?|service|team)$)/;
const HANDLE_CACHE = new Map<string, string[]>();

/**
 * Features of an @mention: the handle itself ("@h:fc.help"; the team's own brand accounts learn
 * how often they are complained to), its parts ("@p:help"), and "§cs" for a customer-service
 * account. Posts to a brand's help account and replies between people read alike word by word.
 */
export function mentionFeatures(handle: string): string[] {
  let f = HANDLE_CACHE.get(handle);
  if (f) return f;
  const name = handle.slice(1);
  f = ['@h:' + name.replace(/_/g, '.')];
  const parts = name.split(HANDLE_PARTS).filter((p) => p.length > 1);
  if (parts.length > 1) for (const p of parts) f.push('@p:' + p);
  if (CS_HANDLE.test(name)) f.push('§cs');
  if (HANDLE_CACHE.size >= 100_000) HANDLE_CACHE.clear();
  HANDLE_CACHE.set(handle, f);
  return f;
}

export function lexBucket(score: number): string {
  return '§lex:' + lexBucketIndex(score);
}

function lexBucketIndex(score: number): number {
  return Math.max(-3, Math.min(3, Math.round(score * 3)));
}

export function extractFeatures(units: Unit[], r: LangRules | undefined, lex: LexiconResult | null, cues: CueMatches | null): string[] {
  const f = new Set<string>();
  let negLeft = 0;
  let prev: string | null = null;
  let prevStop = false;
  let han = '';
  const flushHan = () => {
    for (let i = 0; i + 1 < han.length; i++) f.add(han.substr(i, 2));
    han = '';
  };
  for (const u of units) {
    if (u.kind === 'w') {
      const isHan = u.text.charCodeAt(0) >= 0x3400;
      if (isHan) han += u.text;
      else if (han) flushHan();
      const key = u.key;
      if (r && (r.negators.has(u.text) || r.negators.has(key))) {
        negLeft = NEGATION_SCOPE;
        f.add(key);
        prev = key;
        continue;
      }
      const stop = STOP_EN.has(u.text);
      if (negLeft > 0) {
        if (!stop) f.add('¬' + key);
        negLeft--;
      } else if (!stop) f.add(key);
      if (prev !== null && !(stop && prevStop)) f.add(prev + '_' + key);
      prev = key;
      prevStop = stop;
      if (u.caps) f.add('§caps');
      if (u.elong) f.add('§elong');
    } else {
      if (han) flushHan();
      prev = null;
      if (u.kind === 'p') {
        negLeft = 0;
        if (u.text !== '.' && u.text !== ',') f.add(u.text);
      } else {
        f.add(u.key);
        if (u.kind === 'm') for (const m of mentionFeatures(u.text)) f.add(m);
      }
    }
  }
  if (han) flushHan();
  if (lex) f.add(lexBucket(lex.score));
  if (cues) {
    for (const c of cues.complaint) f.add('§c:' + c.id);
    for (const t of cues.topics.keys()) f.add('§t:' + t);
    for (const e of cues.escalation) f.add('§e:' + e.id);
  }
  return [...f];
}

/**
 * The same features as extractFeatures, but only those the model knows, as ids, without building
 * bigram or negation strings: the classification hot path. Writes into `t.buf` and returns the count.
 */
export function extractFeatureIds(units: Unit[], r: LangRules | undefined, lex: LexiconResult | null, cues: CueMatches | null, t: FeatureTable): number {
  const ids = t.ids;
  const rule = t.rule;
  const sink = idSink(t);
  const take = sink.take;
  let negLeft = 0;
  let prev: WordInfo | null = null;
  let prevStop = false;
  const hanPairs = t.hanPairs;
  const han = t.han;
  let hanN = 0;
  const flushHan = () => {
    for (let i = 0; i + 1 < hanN; i++) take(hanPairs.get((han[i] << 16) | han[i + 1]));
    hanN = 0;
  };
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.kind === 'w') {
      const w = u.text;
      if (w.charCodeAt(0) >= 0x3400) {
        for (let i = 0; i < w.length && hanN < han.length; i++) han[hanN++] = w.charCodeAt(i);
      } else if (hanN) flushHan();
      const key = u.key;
      const info = wordInfo(u, r, t);
      if (info.neg) {
        negLeft = NEGATION_SCOPE;
        take(info.id);
        prev = info;
        continue;
      }
      const stop = info.stop;
      if (negLeft > 0) {
        if (!stop) take(info.nid);
        negLeft--;
      } else if (!stop) take(info.id);
      if (prev !== null && !(stop && prevStop) && prev.big !== undefined) take(prev.big.get(key));
      prev = info;
      prevStop = stop;
      if (u.caps) take(rule.caps);
      if (u.elong) take(rule.elong);
    } else {
      if (hanN) flushHan();
      prev = null;
      if (u.kind === 'p') {
        negLeft = 0;
        if (u.text !== '.' && u.text !== ',') take(ids.get(u.text));
      } else {
        take(ids.get(u.key));
        if (u.kind === 'm') for (const m of mentionFeatures(u.text)) take(ids.get(m));
      }
    }
  }
  if (hanN) flushHan();
  takeRuleIds(take, t.rule, lex, cues);
  return sink.count();
}

/** Collects a post's feature ids into `t.buf`, each once: `t.stamp[id]` marks the ids this post took. */
function idSink(t: FeatureTable): { take: (id: number | undefined) => void; count: () => number } {
  const stamp = t.stamp;
  let post = ++t.post;
  if (post === 0xffffffff) {
    stamp.fill(0);
    post = t.post = 1;
  }
  let n = 0;
  const take = (id: number | undefined) => {
    if (id === undefined || stamp[id] === post) return;
    stamp[id] = post;
    if (n === t.buf.length) {
      const grown = new Int32Array(n * 2);
      grown.set(t.buf);
      t.buf = grown;
    }
    t.buf[n++] = id;
  };
  return { take, count: () => n };
}

/** The rule evidence as features: the lexicon score's bucket and each cue that matched. */
function takeRuleIds(take: (id: number | undefined) => void, rule: FeatureTable['rule'], lex: LexiconResult | null, cues: CueMatches | null): void {
  if (lex) take(rule.lex[lexBucketIndex(lex.score) + 3]);
  if (cues) {
    for (const c of cues.complaint) take(rule.complaint.get(c.id));
    for (const tp of cues.topics.keys()) take(rule.topic.get(tp));
    for (const e of cues.escalation) take(rule.escalation.get(e.id));
  }
}

/**
 * What the feature extractor needs to know about a word, computed once per (word unit, rules,
 * model) and kept in the shared word unit's `fx` slot (see tokenize/latin.ts): whether it is a
 * negator or a stop word, its feature ids plain and negated, and the bigrams it starts.
 */
interface WordInfo {
  /** FeatureTable.serial of the classifier that computed it, and the language rules it used */
  serial: number;
  r: LangRules | undefined;
  neg: boolean;
  stop: boolean;
  id: number | undefined;
  nid: number | undefined;
  big: Map<string, number> | undefined;
}

function wordInfo(u: Unit, r: LangRules | undefined, t: FeatureTable): WordInfo {
  const cached = u.fx as WordInfo | null | undefined;
  if (cached && cached.serial === t.serial && cached.r === r) return cached;
  const key = u.key;
  const info: WordInfo = {
    serial: t.serial,
    r,
    neg: !!r && (r.negators.has(u.text) || r.negators.has(key)),
    stop: STOP_EN.has(u.text),
    id: t.ids.get(key),
    nid: t.negated.get(key),
    big: t.bigrams.get(key),
  };
  // word units are shared and otherwise immutable; units built elsewhere simply gain the slot
  u.fx = info;
  return info;
}
