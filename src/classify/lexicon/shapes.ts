/**
 * The shapes of real speech (rules/sentiment/shapes.yaml): sarcasm markers turn a positive reading
 * negative ("Oh great… really loving sleeping on the airport floor 🙄"), balanced phrases even a
 * polar reading out ("not great, not terrible"). A strong marker decides alone; a weak one ("love
 * how", "oh great") only beside negative evidence (a negative word, a complaint cue, an escalation cue). Scare quotes round a positive word ("helpful"
 * staff) are a marker of the shapes that ask for them. Pure.
 */
import type { ShapesFile } from '../rules/schema.js';
import type { LangRules } from '../rules/compile.js';

export interface ShapeMarker {
  id: string;
  kind: 'sarcasm' | 'balanced';
  strength: 'strong' | 'weak';
}

export interface CompiledShapes {
  /** per language: every marker of every shape (any-language markers included), longest first */
  markers: Map<string, { text: string; edges: boolean; shape: ShapeMarker }[]>;
  scareQuotes: ShapeMarker[];
  /** no shapes at all: nothing to look for */
  empty: boolean;
}

export interface ShapeHit extends ShapeMarker {
  marker: string;
}

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/…/g, '...').replace(/\s+/g, ' ');
const WORD = /[\p{L}\p{N}]/u;

export function compileShapes(shapes: ShapesFile['shapes']): CompiledShapes {
  const byLang = new Map<string, Map<string, ShapeMarker>>();
  const any = new Map<string, ShapeMarker>();
  const scareQuotes: ShapeMarker[] = [];
  for (const s of shapes) {
    const m: ShapeMarker = { id: s.id, kind: s.kind, strength: s.strength };
    if (s.scare_quotes) scareQuotes.push(m);
    for (const [lang, list] of Object.entries(s.markers)) {
      const target = lang === 'any' ? any : (byLang.get(lang) ?? byLang.set(lang, new Map()).get(lang)!);
      for (const w of list) target.set(norm(w), m);
    }
  }
  const markers = new Map<string, { text: string; edges: boolean; shape: ShapeMarker }[]>();
  for (const lang of new Set([...byLang.keys(), 'en', 'pl', 'zh'])) {
    const all = new Map([...any, ...(byLang.get(lang) ?? [])]);
    if (!all.size) continue;
    // longest first, so "not great, not terrible" wins over a shorter marker inside it; whole words
    // for Latin text (Chinese and emoji have no word edges to check)
    markers.set(lang, [...all].sort((a, b) => b[0].length - a[0].length).map(([text, shape]) => ({ text, edges: lang !== 'zh' && WORD.test(text[0]), shape })));
  }
  return { markers, scareQuotes, empty: shapes.length === 0 };
}

/** where `m` occurs in `s` as a whole word (or anywhere, without edges), or -1 */
function findMarker(s: string, m: string, edges: boolean): number {
  for (let i = s.indexOf(m); i >= 0; i = s.indexOf(m, i + 1)) {
    if (!edges) return i;
    const before = i > 0 ? s[i - 1] : ' ';
    const after = i + m.length < s.length ? s[i + m.length] : ' ';
    if (!WORD.test(before) && !WORD.test(after)) return i;
  }
  return -1;
}

const QUOTED = /["“]([^"”\n]{2,30})["”]/g;

function scareQuoted(text: string, r: LangRules | undefined): string | null {
  if (!r || (text.indexOf('"') < 0 && text.indexOf('“') < 0)) return null;
  for (const m of text.matchAll(QUOTED)) {
    const words = m[1].trim().toLowerCase().split(/\s+/);
    if (words.length > 2) continue;
    for (const w of words) {
      const weight = r.words.get(w) ?? r.keys.get(r.keyOf(w));
      if (weight !== undefined && weight > 0) return m[0];
    }
  }
  return null;
}

/**
 * The shape that decides a post's reading, if any: the first strong marker, else the first weak
 * one when the post carries negative evidence. `negative`: the post has a negative word, a
 * complaint cue or a topic of discontent.
 */
export function findShape(text: string, lang: string, shapes: CompiledShapes, r: LangRules | undefined, negative: boolean): ShapeHit | null {
  if (shapes.empty) return null;
  const list = shapes.markers.get(lang);
  let weak: ShapeHit | null = null;
  if (list) {
    // most posts hold no marker: one lower-cased copy and a substring search per marker
    let lower = text.toLowerCase();
    if (/[’‘…]|\s\s|[\t\n]/.test(lower)) lower = norm(lower);
    for (const m of list) {
      if (findMarker(lower, m.text, m.edges) < 0) continue;
      if (m.shape.strength === 'strong') return { ...m.shape, marker: m.text };
      weak ??= { ...m.shape, marker: m.text };
    }
  }
  if (!weak && shapes.scareQuotes.length) {
    const q = scareQuoted(text, r);
    if (q) weak = { ...shapes.scareQuotes[0], marker: q };
  }
  return weak && (negative || weak.kind === 'balanced') ? weak : null;
}
