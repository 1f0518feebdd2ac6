/**
 * One input line of `backlash classify` → one output line: the JSONL contract, shared by the main
 * thread and the worker threads.
 */
import { normaliseLang, type BacklashClassifier } from '../../classify/classifier.js';
import { isScoredLang, SCORED_LANGS } from '../../classify/tokenize/index.js';
import type { Verdict } from '../../types.js';

/** What a worker needs to build the same classifier as the main thread. */
export interface WorkerSetup {
  rulesDir: string;
  modelPath: string | null;
  explain: boolean;
}

const NO_EXPLAIN = { explain: false };

const ZEROS = ['', '0', '00'];

/**
 * A number as JSON writes it. Verdict scores are rounded to thousandths, which are written from the
 * integer count of thousandths (String(double) is the slow part of writing a verdict); anything
 * else takes the general path.
 */
export function num(x: number): string {
  const k = Math.round(x * 1000);
  if (k / 1000 !== x || k > 1e9 || k < -1e9) return Number.isFinite(x) ? String(x) : 'null';
  if (k === 0) return '0';
  const a = k < 0 ? -k : k;
  const whole = Math.floor(a / 1000);
  let frac = a - whole * 1000;
  const head = (k < 0 ? '-' : '') + whole;
  if (frac === 0) return head;
  let digits = 3;
  while (frac % 10 === 0) (frac /= 10), digits--;
  const f = String(frac);
  return head + '.' + ZEROS[digits - f.length] + f;
}

/** JSON of the few strings a verdict repeats (labels, topic ids, pillars, cues): made once */
const JSON_STRINGS = new Map<string, string>();
function jsonString(x: string): string {
  let j = JSON_STRINGS.get(x);
  if (j === undefined) {
    j = JSON.stringify(x);
    if (JSON_STRINGS.size < 10_000) JSON_STRINGS.set(x, j);
  }
  return j;
}

/** JSON.stringify({id, ...verdict}) written out by hand for the hot path: same text, no spread. */
export function verdictLine(id: unknown, v: Verdict): string {
  return idPrefix(id) + verdictBody(v);
}

/** `{"id":…,` or `{` when the input line had no id */
function idPrefix(id: unknown): string {
  return id !== undefined ? '{"id":' + JSON.stringify(id) + ',' : '{';
}

/** The verdict's members after the id: `"lang":…,"escalation":[…]}` */
function verdictBody(v: Verdict): string {
  let s = '"lang":' + jsonString(v.lang) + ',"sentiment":{"label":"' + v.sentiment.label + '","score":' + num(v.sentiment.score);
  if (v.sentiment.confidence !== undefined) s += ',"confidence":' + num(v.sentiment.confidence);
  s += '},"complaint":{"is":' + v.complaint.is + ',"score":' + num(v.complaint.score) + '},"topics":[';
  for (let i = 0; i < v.topics.length; i++) {
    const t = v.topics[i];
    s += (i ? ',{"id":' : '{"id":') + jsonString(t.id) + ',"score":' + num(t.score);
    if (t.pillar !== undefined) s += ',"pillar":' + jsonString(t.pillar);
    if (t.touchpoint !== undefined) s += ',"touchpoint":' + jsonString(t.touchpoint);
    s += '}';
  }
  s += '],"escalation":[';
  for (let i = 0; i < v.escalation.length; i++) {
    const e = v.escalation[i];
    s += (i ? ',{"id":' : '{"id":') + jsonString(e.id) + (e.cue !== undefined ? ',"cue":' + jsonString(e.cue) : '') + '}';
  }
  return s + ']}';
}

/**
 * Verdicts of texts seen lately, by language and text: a stream repeats itself (retweets, copied
 * complaints, bots), and a verdict depends on nothing else. Per classifier, bounded.
 */
const SEEN_MAX = 50_000;
const SEEN = new WeakMap<BacklashClassifier, { size: number; byLang: Map<string, Map<string, string>> }>();

function verdictBodyOf(clf: BacklashClassifier, text: string, lang: string | undefined): string {
  let seen = SEEN.get(clf);
  if (!seen) SEEN.set(clf, (seen = { size: 0, byLang: new Map() }));
  let texts = seen.byLang.get(lang ?? '');
  if (!texts) seen.byLang.set(lang ?? '', (texts = new Map()));
  let body = texts.get(text);
  if (body === undefined) {
    body = verdictBody(clf.classify(text, lang, NO_EXPLAIN));
    if (seen.size >= SEEN_MAX) {
      seen.byLang.clear();
      seen.size = 0;
      seen.byLang.set(lang ?? '', (texts = new Map()));
    }
    texts.set(text, body);
    seen.size++;
  }
  return body;
}

const ID_RE = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/;

/**
 * A `lang` the caller gave must be one Backlash scores: a verdict in a language it cannot read would
 * be a neutral guess dressed as an answer. Region and script subtags are fine ("en-GB", "zh-Hant");
 * an empty or null lang means "detect it".
 */
function langError(lang: unknown): string | null {
  if (lang === undefined || lang === null || lang === '') return null;
  if (typeof lang !== 'string') return '"lang" must be a string';
  const l = normaliseLang(lang);
  if (l && isScoredLang(l)) return null;
  return `unknown lang ${JSON.stringify(lang.slice(0, 40))}: expected one of ${SCORED_LANGS.join(', ')} (region subtags such as "en-GB" are fine), or no lang to detect it`;
}

export function classifyLine(clf: BacklashClassifier, line: string, lineNo: number, explain: boolean): string {
  // one output line per input line: a blank line is answered too, so line N of the output is always line N of the input
  if (line.trim() === '') return JSON.stringify({ error: `line ${lineNo}: blank line, expected a JSON object with "text"` });
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    const m = ID_RE.exec(line);
    let id: unknown;
    if (m) {
      try {
        id = JSON.parse(m[1]);
      } catch {
        id = undefined;
      }
    }
    return JSON.stringify({ ...(id !== undefined ? { id } : {}), error: `line ${lineNo}: invalid JSON (${(e as Error).message})` });
  }
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return JSON.stringify({ error: `line ${lineNo}: expected a JSON object with "text"` });
  const { id, text, lang } = rec as { id?: unknown; text?: unknown; lang?: unknown };
  const idPart = id !== undefined ? { id } : {};
  if (typeof text !== 'string') return JSON.stringify({ ...idPart, error: `line ${lineNo}: "text" must be a string` });
  const badLang = langError(lang);
  if (badLang) return JSON.stringify({ ...idPart, error: `line ${lineNo}: ${badLang}` });
  try {
    const l = typeof lang === 'string' && lang !== '' ? lang : undefined;
    if (explain) return JSON.stringify({ ...idPart, ...clf.classify(text, l, { explain }) });
    return idPrefix(id) + verdictBodyOf(clf, text, l);
  } catch (e) {
    return JSON.stringify({ ...idPart, error: `line ${lineNo}: ${(e as Error).message}` });
  }
}

/** A batch of input lines (numbered from firstLine) → exactly one output line each, in order. */
export function classifyBatch(clf: BacklashClassifier, lines: string[], firstLine: number, explain: boolean): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) out += classifyLine(clf, lines[i], firstLine + i, explain) + '\n';
  return out;
}
