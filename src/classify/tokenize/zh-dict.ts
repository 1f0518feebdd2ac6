/**
 * A word dictionary for Chinese forward maximum matching. Built from the rule files' Chinese entries
 * plus the words Intl.Segmenter found in the training corpus (stored in the model), so that
 * classification segments as training did, at a fraction of Intl.Segmenter's per-post cost.
 */
import type { Unit } from './unit.js';

export interface ZhDict {
  words: Set<string>;
  /** first character → longest word starting with it */
  maxLen: Map<string, number>;
}

export function buildZhDict(words: Iterable<string>): ZhDict {
  const dict: ZhDict = { words: new Set(), maxLen: new Map() };
  for (const w of words) addZhWord(dict, w);
  return dict;
}

export function addZhWord(dict: ZhDict, word: string): void {
  if (word.length < 2) return;
  dict.words.add(word);
  TRIES.delete(dict);
  const first = word[0];
  if ((dict.maxLen.get(first) ?? 0) < word.length) dict.maxLen.set(first, word.length);
}

export function mergeZhDicts(a: ZhDict, b: ZhDict): ZhDict {
  const out = buildZhDict(a.words);
  for (const w of b.words) addZhWord(out, w);
  return out;
}

/** A trie over UTF-16 code units: child nodes by code, `end` where a dictionary word ends. */
interface TrieNode {
  next: Map<number, TrieNode> | null;
  end: boolean;
  /** the unit of the word ending here (or of the single character, on a first-level node), made on first use */
  unit?: Unit;
}
const TRIES = new WeakMap<ZhDict, TrieNode>();

function trieOf(dict: ZhDict): TrieNode {
  let root = TRIES.get(dict);
  if (root) return root;
  root = { next: null, end: false };
  for (const w of dict.words) {
    let node = root;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: null, end: false }));
      node = child;
    }
    node.end = true;
  }
  TRIES.set(dict, root);
  return root;
}

/**
 * Split a run of Han characters into dictionary words, longest match first; unknown characters
 * alone. Walks a trie of the dictionary (one map lookup per character looked at) instead of
 * slicing candidate substrings.
 */
export function segmentHan(run: string, dict: ZhDict, out: string[]): void {
  const root = trieOf(dict);
  let i = 0;
  const n = run.length;
  while (i < n) {
    let len = 1;
    let node: TrieNode | undefined = root;
    for (let j = i; j < n && node.next; j++) {
      node = node.next.get(run.charCodeAt(j));
      if (!node) break;
      if (node.end && j + 1 - i >= 2) len = j + 1 - i;
    }
    out.push(len === 1 ? run[i] : run.substr(i, len));
    i += len;
  }
}

/** Single Han characters that start no dictionary word: their units, by code. */
const SINGLE_UNITS = new Map<number, Unit>();

function hanUnit(w: string): Unit {
  return { text: w, key: w, kind: 'w', caps: false, elong: false, alt: undefined, fx: null, lx: null, eh: null };
}

/**
 * segmentHan, producing the word units directly: each dictionary word's unit lives on its trie
 * node, so a post costs no substring and no extra lookup per word. Units are shared and immutable.
 */
export function segmentHanUnits(run: string, dict: ZhDict, out: Unit[]): void {
  const root = trieOf(dict);
  let i = 0;
  const n = run.length;
  while (i < n) {
    let len = 1;
    let best: TrieNode | undefined;
    let node: TrieNode | undefined = root;
    for (let j = i; j < n && node.next; j++) {
      node = node.next.get(run.charCodeAt(j));
      if (!node) break;
      if (node.end && j + 1 - i >= 2) {
        len = j + 1 - i;
        best = node;
      }
    }
    if (best) out.push((best.unit ??= hanUnit(run.substr(i, len))));
    else {
      const c = run.charCodeAt(i);
      let u = SINGLE_UNITS.get(c);
      if (u === undefined) {
        u = hanUnit(run[i]);
        if (SINGLE_UNITS.size < 100_000) SINGLE_UNITS.set(c, u);
      }
      out.push(u);
    }
    i += len;
  }
}

/** Words Intl.Segmenter finds in a text (used at training time to grow the dictionary). */
let segmenter: Intl.Segmenter | null = null;
export function segmenterWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike && /^\p{Script=Han}{2,}$/u.test(s.segment)) out.push(s.segment);
  return out;
}
