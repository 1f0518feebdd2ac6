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

export function tokenizeLatin(text: string, keyOf: KeyFn): Unit[] {
  const units: Unit[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    // groups: 1 url, 2 mention, 3 emoticon/emoji, 4 word, 5 number, 6 punctuation
    if (m[4] !== undefined) {
      let raw = m[4];
      if (raw.charCodeAt(0) === 35 /* # */) raw = raw.slice(1);
      units.push(wordUnit(raw, keyOf));
    } else if (m[3] !== undefined) {
      {
        const e = m[3].codePointAt(0)! > 0x2000 ? m[3] : m[3].toLowerCase().replace(/(.)\1+$/, '$1');
        units.push({ text: e, key: e, kind: 'e', caps: false, elong: false });
      }
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
  return units;
}

export function wordUnit(raw: string, keyOf: KeyFn): Unit {
  let lower = raw.toLowerCase();
  if (lower.includes('’')) lower = lower.replace(/’/g, "'");
  const caps = raw.length >= 2 && lower !== raw && raw.toUpperCase() === raw;
  const elong = hasTriple(lower);
  const text = elong ? lower.replace(ELONG_RE, '$1$1') : lower;
  const unit: Unit = { text, key: keyOf(text), kind: 'w', caps, elong };
  if (elong) unit.alt = lower.replace(ELONG_ONE_RE, '$1');
  return unit;
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
