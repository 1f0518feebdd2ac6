/**
 * Tokeniser for Latin-script social text (English, Polish, and the undetected rest): URLs,
 * mentions, hashtags, emoticons, emoji, words with apostrophes, punctuation runs. Case, elongation
 * and shouting are kept as flags because the lexicon scorer uses them.
 */
import type { Unit } from './unit.js';

const TOKEN_RE = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+)`,
    String.raw`(@\w+)`,
    String.raw`((?<![\p{L}\p{N}])(?:[:;=8xX][\-o^'’]?[)(\]\[dDpP\/\\|*3oOsS$@]+|[)(\]\[][\-'’]?[:;=]|<\/?3+|\^_*\^|[tT]_[tT]|-_-|o_O|O_o)(?![\p{L}\p{N}])|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}])*)`,
    String.raw`(#?[\p{L}\p{M}]+(?:['’][\p{L}]+)*|[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*)`,
    String.raw`(\p{N}+(?:[.,:]\p{N}+)*)`,
    String.raw`([!?¡¿]+|[.,;:…()\-–—"“”]+|[，。！？；：、～…（）]+)`,
  ].join('|'),
  'gu',
);

const ELONG_RE = /(\p{L})\1{2,}/gu;
const ELONG_ONE_RE = /(\p{L})\1+/gu;

export type KeyFn = (word: string) => string;

/**
 * Fast path: a word of plain ASCII letters (the bulk of social text) is scanned by hand; at any
 * position where another alternative of TOKEN_RE could match first (URLs, mentions, emoticons
 * such as "xD" or "t_t", hashtags, numbers, punctuation, non-ASCII letters) the regular expression
 * takes over from that position. Gives exactly the units TOKEN_RE alone gives.
 */
export function tokenizeLatin(text: string, keyOf: KeyFn): Unit[] {
  const units: Unit[] = [];
  const cache = unitCache(keyOf);
  const table = wordTable(keyOf);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
      continue;
    }
    if (isAsciiLetter(c) && plainWordStart(text, i, c)) {
      const end = scanAsciiWord(text, i);
      if (end > 0) {
        units.push(table.unitAt(text, i, end, scanHash));
        i = end;
        continue;
      }
    }
    // everything else: the full expression, from here
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(text);
    if (m === null) break;
    pushMatch(units, m, keyOf, cache);
    i = TOKEN_RE.lastIndex;
  }
  return units;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Can no alternative before the word one (URL, emoticon) match at i? (mentions and # start with symbols) */
function plainWordStart(text: string, i: number, c: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (c === 104 /* h */) return !text.startsWith('http', i);
  if (c === 119 /* w */) return !text.startsWith('www.', i);
  if (c === 116 || c === 84 || c === 111 || c === 79) return next !== 95; /* t_t, o_O */
  if (c === 120 || c === 88) {
    /* x / X: an emoticon when followed by a nose or a mouth ("xD", "x-P") */
    return !(next === 45 || next === 111 || next === 94 || next === 39 || next === 0x2019 || next === 41 || next === 40 || next === 93 || next === 91 || next === 100 || next === 68 || next === 112 || next === 80 || next === 47 || next === 92 || next === 124 || next === 42 || next === 51 || next === 79 || next === 115 || next === 83 || next === 36 || next === 64);
  }
  return true;
}

/** FNV-1a hash of the word scanAsciiWord last scanned (set as a side effect: no allocation). */
let scanHash = 0;

/** End of an ASCII-letter word (with 'x / ’x parts) starting at i, or -1 when the regex must decide. */
function scanAsciiWord(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let h = 0x811c9dc5;
  for (;;) {
    let c = 0;
    while (j < n && isAsciiLetter((c = text.charCodeAt(j)))) {
      h = Math.imul(h ^ c, 0x01000193);
      j++;
    }
    if (j >= n) break;
    c = text.charCodeAt(j);
    if (c >= 0x80) return -1; // a letter or mark beyond ASCII (or a curly apostrophe) may continue the word
    if (c === 39 && j + 1 < n) {
      const d = text.charCodeAt(j + 1);
      if (isAsciiLetter(d)) {
        h = Math.imul(h ^ c, 0x01000193);
        j++;
        continue;
      }
      if (d >= 0x80) return -1;
    }
    break;
  }
  scanHash = h;
  return j;
}

function pushMatch(units: Unit[], m: RegExpExecArray, keyOf: KeyFn, cache: Map<string, Unit>): void {
  // groups: 1 url, 2 mention, 3 emoticon/emoji, 4 word, 5 number, 6 punctuation
  if (m[4] !== undefined) {
    let raw = m[4];
    if (raw.charCodeAt(0) === 35 /* # */) raw = raw.slice(1);
    units.push(cachedWordUnit(raw, keyOf, cache));
  } else if (m[3] !== undefined) {
    const e = m[3].codePointAt(0)! > 0x2000 ? m[3] : m[3].toLowerCase().replace(/(.)\1+$/, '$1');
    units.push({ text: e, key: e, kind: 'e', caps: false, elong: false });
  } else if (m[6] !== undefined) {
    const p = normalisePunct(m[6]);
    units.push({ text: p, key: p, kind: 'p', caps: false, elong: m[6].length > 1 });
  } else if (m[2] !== undefined) {
    units.push({ text: m[2].toLowerCase(), key: '@', kind: 'm', caps: false, elong: false });
  } else if (m[1] !== undefined) {
    units.push({ text: m[1], key: 'URL', kind: 'u', caps: false, elong: false });
  } else if (m[5] !== undefined) {
    units.push({ text: m[5], key: '#num', kind: 'n', caps: false, elong: false });
  }
}

/** The reference: TOKEN_RE alone (kept for tests that pin the fast path to it). */
export function tokenizeLatinRegex(text: string, keyOf: KeyFn): Unit[] {
  const units: Unit[] = [];
  const cache = new Map<string, Unit>();
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) pushMatch(units, m, keyOf, cache);
  return units;
}

/**
 * The fast path's cache of word units: open addressing over the hash computed while scanning, and
 * the candidate compared in place, so a word seen before costs neither a substring nor a lookup
 * of a fresh string in a Map.
 */
class WordTable {
  private keys: (string | undefined)[] = new Array(1 << 14);
  private hashes = new Int32Array(1 << 14);
  private units: Unit[] = new Array(1 << 14);
  private size = 0;
  constructor(private readonly keyOf: KeyFn) {}

  unitAt(text: string, start: number, end: number, hash: number): Unit {
    const keys = this.keys;
    const len = end - start;
    const mask = keys.length - 1;
    let i = hash & mask;
    for (let k = keys[i]; k !== undefined; k = keys[(i = (i + 1) & mask)]) {
      if (this.hashes[i] === hash && k.length === len && sameAt(k, text, start)) return this.units[i];
    }
    const raw = text.slice(start, end);
    const u = wordUnit(raw, this.keyOf);
    if (this.size >= UNIT_CACHE_MAX) this.rebuild(keys.length, false);
    else if ((this.size + 1) * 2 > keys.length) this.rebuild(keys.length * 2, true);
    this.insert(raw, hash, u);
    return u;
  }

  private insert(raw: string, hash: number, u: Unit): void {
    const mask = this.keys.length - 1;
    let i = hash & mask;
    while (this.keys[i] !== undefined) i = (i + 1) & mask;
    this.keys[i] = raw;
    this.hashes[i] = hash;
    this.units[i] = u;
    this.size++;
  }

  /** grow, keeping the entries, or (at the cap) start again empty */
  private rebuild(capacity: number, keep: boolean): void {
    const { keys, hashes, units } = this;
    this.keys = new Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.units = new Array(capacity);
    this.size = 0;
    if (keep) for (let i = 0; i < keys.length; i++) if (keys[i] !== undefined) this.insert(keys[i]!, hashes[i], units[i]);
  }
}

function sameAt(k: string, text: string, start: number): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

const WORD_TABLES = new WeakMap<KeyFn, WordTable>();

function wordTable(keyOf: KeyFn): WordTable {
  let t = WORD_TABLES.get(keyOf);
  if (!t) WORD_TABLES.set(keyOf, (t = new WordTable(keyOf)));
  return t;
}

/** Word units are immutable and depend only on the raw word and the key function: shared. */
const UNIT_CACHES = new WeakMap<KeyFn, Map<string, Unit>>();
const UNIT_CACHE_MAX = 200_000;

function unitCache(keyOf: KeyFn): Map<string, Unit> {
  let c = UNIT_CACHES.get(keyOf);
  if (!c) UNIT_CACHES.set(keyOf, (c = new Map()));
  return c;
}

function cachedWordUnit(raw: string, keyOf: KeyFn, cache: Map<string, Unit>): Unit {
  let u = cache.get(raw);
  if (u === undefined) {
    u = wordUnit(raw, keyOf);
    if (cache.size >= UNIT_CACHE_MAX) cache.clear();
    cache.set(raw, u);
  }
  return u;
}

export function wordUnit(raw: string, keyOf: KeyFn): Unit {
  let lower = raw.toLowerCase();
  if (lower.includes('’')) lower = lower.replace(/’/g, "'");
  const caps = raw.length >= 2 && lower !== raw && raw.toUpperCase() === raw;
  const elong = hasTriple(lower);
  const text = elong ? lower.replace(ELONG_RE, '$1$1') : lower;
  // one shape for every word unit: alt and the feature slot are always present
  return { text, key: keyOf(text), kind: 'w', caps, elong, alt: elong ? lower.replace(ELONG_ONE_RE, '$1') : undefined, fx: null, lx: null, eh: null };
}

function hasTriple(s: string): boolean {
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) === s.charCodeAt(i - 1) && s.charCodeAt(i) === s.charCodeAt(i - 2)) return true;
  return false;
}

/** "!!!" → "!!", "?!?" → "?!", "..." → "." : few enough shapes for features and boundaries. */
function normalisePunct(p: string): string {
  const c = p[0];
  if (c === '!' || c === '?' || c === '¡' || c === '¿' || c === '！' || c === '？') {
    const q = /[?¿？]/.test(p);
    const b = /[!¡！]/.test(p);
    if (q && b) return '?!';
    const mark = q ? '?' : '!';
    return p.length > 1 ? mark + mark : mark;
  }
  if (c === ',' || c === '，' || c === '、' || c === ';' || c === '；' || c === ':' || c === '：') return ',';
  if (c === '(' || c === ')' || c === '（' || c === '）' || c === '"' || c === '“' || c === '”' || c === '-' || c === '–' || c === '—') return ',';
  return '.';
}
