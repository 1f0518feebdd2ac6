/**
 * One input line of `backlash classify` → one output line: the JSONL contract, shared by the main
 * thread and the worker threads.
 */
import type { BacklashClassifier } from '../../classify/classifier.js';
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

/** JSON.stringify({id, ...verdict}) written out by hand for the hot path: same text, no spread. */
export function verdictLine(id: unknown, v: Verdict): string {
  let s = id !== undefined ? '{"id":' + JSON.stringify(id) + ',"lang":' : '{"lang":';
  s += JSON.stringify(v.lang) + ',"sentiment":{"label":"' + v.sentiment.label + '","score":' + num(v.sentiment.score);
  if (v.sentiment.confidence !== undefined) s += ',"confidence":' + num(v.sentiment.confidence);
  s += '},"complaint":{"is":' + v.complaint.is + ',"score":' + num(v.complaint.score) + '},"topics":[';
  for (let i = 0; i < v.topics.length; i++) {
    const t = v.topics[i];
    s += (i ? ',{"id":' : '{"id":') + JSON.stringify(t.id) + ',"score":' + num(t.score);
    if (t.pillar !== undefined) s += ',"pillar":' + JSON.stringify(t.pillar);
    if (t.touchpoint !== undefined) s += ',"touchpoint":' + JSON.stringify(t.touchpoint);
    s += '}';
  }
  s += '],"escalation":[';
  for (let i = 0; i < v.escalation.length; i++) s += (i ? ',{"id":' : '{"id":') + JSON.stringify(v.escalation[i].id) + ',"cue":' + JSON.stringify(v.escalation[i].cue) + '}';
  return s + ']}';
}

const ID_RE = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/;

export function classifyLine(clf: BacklashClassifier, line: string, lineNo: number, explain: boolean): string {
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
  if (lang !== undefined && lang !== null && typeof lang !== 'string') return JSON.stringify({ ...idPart, error: `line ${lineNo}: "lang" must be a string` });
  try {
    const v = clf.classify(text, lang as string | undefined, explain ? { explain } : NO_EXPLAIN);
    return explain ? JSON.stringify({ ...idPart, ...v }) : verdictLine(id, v);
  } catch (e) {
    return JSON.stringify({ ...idPart, error: `line ${lineNo}: ${(e as Error).message}` });
  }
}

/** A batch of input lines (numbered from firstLine) → their output lines, blank inputs skipped. */
export function classifyBatch(clf: BacklashClassifier, lines: string[], firstLine: number, explain: boolean): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    out += classifyLine(clf, lines[i], firstLine + i, explain) + '\n';
  }
  return out;
}
