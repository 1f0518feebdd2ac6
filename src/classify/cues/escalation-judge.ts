/**
 * The escalation judge: every match of an escalation cue (or of a regulator's name) in a post is
 * judged in its context, and each judgement says why. A match is not a threat when
 *   - the post is the brand speaking (a phrase of its own replies: "please DM us"),
 *   - it lies inside a look-alike phrase (press "reporting" in "great reporting by the crew"),
 *   - it is quoted ("the ad says “switch to us”"),
 *   - its sentence is a question ("is the lawyer discount still available?"), unless the cue type
 *     keeps questions (requests such as "can we get this trending?"),
 *   - a negator comes shortly before it in the same clause ("I'm not going to sue").
 * Pure: text and compiled rules in, hits and suppressed matches out. Runs only on the posts where
 * the fast cue matcher already saw a candidate, so it costs nothing on the rest.
 */
import { JUDGE_TOKEN_RE, type CueSpec, type EscalationJudgeRules, type JudgeLang, type Phrase } from './escalation-rules.js';

export interface JudgedCue {
  id: string;
  cue: string;
  why: string;
  /** a match set aside: what set it aside (brand, unless, quoted, question, negated) */
  kind?: 'brand' | 'unless' | 'quoted' | 'question' | 'negated' | 'head';
}

export interface Judgement {
  hits: JudgedCue[];
  suppressed: JudgedCue[];
}

interface Tok {
  surf: string;
  orig: string;
  key: string;
  start: number;
  end: number;
  word: boolean;
}

interface Match {
  spec: CueSpec;
  start: number;
  end: number;
  /** index of the first word token (en, pl) */
  tok: number;
  text: string;
}

const QUOTE_OPEN = new Set(['"', '“', '„', '«', '「', '『']);
const QUOTE_CLOSE: Record<string, string> = { '"': '"', '“': '”“', '„': '”“"', '«': '»', '「': '」', '『': '』' };
const SENTENCE_END = /[.!?。！？\n]/;
const ZH_CLAUSE = /[，。！？,.!?；;、：:\s]/;

export function quoteRegions(text: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  let opener = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open >= 0 && QUOTE_CLOSE[opener].includes(ch)) {
      out.push([open, i]);
      open = -1;
    } else if (open < 0 && QUOTE_OPEN.has(ch)) {
      open = i;
      opener = ch;
    }
  }
  return out;
}

function scan(text: string, j: JudgeLang): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(JUDGE_TOKEN_RE)) {
    const orig = m[0];
    const word = /[\p{L}\p{N}]/u.test(orig);
    const surf = orig.toLowerCase().replace(/’/g, "'");
    toks.push({ surf, orig, key: word ? j.keyOf(surf) : surf, start: m.index, end: m.index + orig.length, word });
  }
  return toks;
}

/** phrases of an index matched at word position w (over word tokens only) */
function phrasesAt<T>(index: Map<string, Phrase<T>[]>, words: Tok[], w: number, field: 'key' | 'surf'): { p: Phrase<T>; end: number }[] {
  const out: { p: Phrase<T>; end: number }[] = [];
  const list = index.get(words[w][field]);
  if (!list) return out;
  for (const p of list) {
    let ok = w + p.words.length <= words.length;
    for (let k = 1; ok && k < p.words.length; k++) if (words[w + k][field] !== p.words[k] && words[w + k].surf !== p.words[k]) ok = false;
    if (ok) out.push({ p, end: w + p.words.length - 1 });
  }
  return out;
}

function findLatin(text: string, j: JudgeLang, rules: EscalationJudgeRules) {
  const toks = scan(text, j);
  const words = toks.filter((t) => t.word);
  const matches: Match[] = [];
  const unless: { type: string; phrase: string; start: number; end: number }[] = [];
  let brand: string | null = null;
  for (let w = 0; w < words.length; w++) {
    const at = (spec: CueSpec, end: number) => matches.push({ spec, start: words[w].start, end: words[end].end, tok: toks.indexOf(words[w]), text: text.slice(words[w].start, words[end].end) });
    for (const { p, end } of phrasesAt(j.cues, words, w, 'key')) at(p.spec, end);
    for (const { p, end } of phrasesAt(j.exact, words, w, 'surf')) at(p.spec, end);
    const acr = rules.acronyms.get(words[w].orig);
    if (acr) at(acr, w);
    for (const { p, end } of phrasesAt(j.unless, words, w, 'key')) unless.push({ ...p.spec, start: words[w].start, end: words[end].end });
    if (!brand) for (const { p } of phrasesAt(j.brand, words, w, 'key')) brand = p.spec.phrase;
  }
  return { toks, matches, unless, brand };
}

function findChinese(text: string, j: JudgeLang, rules: EscalationJudgeRules) {
  const lower = text.toLowerCase();
  const matches: Match[] = [];
  const unless: { type: string; phrase: string; start: number; end: number }[] = [];
  for (const c of j.zhCues) for (let i = lower.indexOf(c.text); i >= 0; i = lower.indexOf(c.text, i + 1)) matches.push({ spec: c.spec, start: i, end: i + c.text.length, tok: -1, text: text.slice(i, i + c.text.length) });
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const acr = rules.acronyms.get(m[0]);
    if (acr) matches.push({ spec: acr, start: m.index, end: m.index + m[0].length, tok: -1, text: m[0] });
  }
  for (const u of j.zhUnless) for (let i = lower.indexOf(u.text); i >= 0; i = lower.indexOf(u.text, i + 1)) unless.push({ type: u.type, phrase: u.text, start: i, end: i + u.text.length });
  const brand = j.zhBrand.find((b) => lower.includes(b)) ?? null;
  return { toks: [] as Tok[], matches, unless, brand };
}

function isQuestion(text: string, m: Match): boolean {
  let i = m.end;
  while (i < text.length && !SENTENCE_END.test(text[i])) i++;
  if (i < text.length && (text[i] === '?' || text[i] === '？')) return true;
  // Chinese: a sentence-final 吗 asks
  let k = i - 1;
  while (k > m.end && /\s/.test(text[k])) k--;
  return k >= m.end && text[k] === '吗';
}

function negatorLatin(toks: Tok[], m: Match, j: JudgeLang): string | null {
  let counted = 0;
  for (let t = m.tok - 1; t >= 0 && counted < j.window; t--) {
    const tk = toks[t];
    if (!tk.word) {
      if (QUOTE_OPEN.has(tk.surf) || tk.surf === '”') continue;
      return null; // a clause or sentence mark
    }
    if (j.negators.has(tk.surf) || j.negators.has(tk.key)) return tk.orig;
    if (j.breakers.has(tk.surf)) return null;
    if (!j.skip.has(tk.surf)) counted++;
  }
  return null;
}

function negatorChinese(text: string, m: Match, j: JudgeLang): string | null {
  let from = m.start;
  while (from > 0 && m.start - from < j.window && !ZH_CLAUSE.test(text[from - 1])) from--;
  let before = text.slice(from, m.start);
  for (const b of j.breakers) {
    const at = before.lastIndexOf(b);
    if (at >= 0) before = before.slice(at + b.length);
  }
  return j.zhNegators.find((n) => before.includes(n)) ?? null;
}

const describe = (m: Match) =>
  m.spec.via === 'regulator' ? `names ${m.spec.regulator} (rules/regulators.yaml)` : `"${m.text}" matches the ${m.spec.via === 'exact' ? 'exact word' : 'cue'} "${m.spec.phrase}"`;

/** Judge every escalation cue match of a post. `j` is the post's language; null when it has no cue rules. */
export function judgeEscalation(text: string, j: JudgeLang | undefined, rules: EscalationJudgeRules): Judgement {
  const out: Judgement = { hits: [], suppressed: [] };
  if (!j) return out;
  const found = j.zh ? findChinese(text, j, rules) : findLatin(text, j, rules);
  const quotes = found.matches.length ? quoteRegions(text) : [];
  const hit = new Set<string>();
  const seen = new Set<string>();
  // a regulator named outranks a generic phrase of the same type: the explanation names the body
  const matches = found.matches.length > 1 ? [...found.matches].sort((a, b) => (a.spec.via === 'regulator' ? 0 : 1) - (b.spec.via === 'regulator' ? 0 : 1) || a.start - b.start) : found.matches;
  for (const m of matches) {
    if (hit.has(m.spec.type)) continue;
    let not: string | null = null;
    let kind: JudgedCue['kind'];
    if (rules.judged) {
      const u = found.unless.find((x) => x.type === m.spec.type && x.start < m.end && m.start < x.end);
      const neg = j.zh ? negatorChinese(text, m, j) : negatorLatin(found.toks, m, j);
      if (found.brand) (not = `the brand's own words ("${found.brand}")`), (kind = 'brand');
      else if (u) (not = `a look-alike: "${m.text}" in "${text.slice(u.start, u.end)}" (unless "${u.phrase}")`), (kind = 'unless');
      else if (quotes.some(([a, b]) => a < m.start && m.end <= b)) (not = `quoted`), (kind = 'quoted');
      else if (!rules.keepQuestions.has(m.spec.type) && isQuestion(text, m)) (not = `asked about in a question`), (kind = 'question');
      else if (neg) (not = `negated by "${neg}"`), (kind = 'negated');
    }
    // phrases that stem alike match the same words: one judgement for them
    const at = `${m.spec.type}:${m.start}:${m.end}`;
    if (seen.has(at)) continue;
    seen.add(at);
    if (not) out.suppressed.push({ id: m.spec.type, cue: m.spec.phrase, why: `${describe(m)}, but ${not}`, kind });
    else {
      hit.add(m.spec.type);
      out.hits.push({ id: m.spec.type, cue: m.spec.phrase, why: describe(m) });
    }
  }
  out.suppressed = out.suppressed.filter((s) => !hit.has(s.id));
  return out;
}
