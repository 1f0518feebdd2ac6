/**
 * `backlash classify [--model FILE | --no-model] [--rules DIR] [--explain]`
 * JSONL in on stdin ({"id", "text", "lang"?}), one verdict per line out on stdout, in order.
 * A line that cannot be read becomes {"id"?, "error"} and the run goes on.
 */
import { once } from 'node:events';
import { opt, parseArgs, UsageError } from '../../classify/args.js';
import type { BacklashClassifier } from '../../classify/classifier.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../classify/index.js';
import { existsSync } from 'node:fs';
import type { Verdict } from '../../types.js';

const USAGE = `usage: backlash classify [--model FILE | --no-model] [--rules DIR] [--explain] < posts.jsonl > verdicts.jsonl
  reads one {"id", "text", "lang"?} per line; writes one verdict per line, in order
  --model FILE   a model from \`backlash train\` (default: data/model/default.json)
  --no-model     rules only
  --rules DIR    rule files (default: rules/)
  --explain      add "explain": the rules, lexicon entries and model features that decided
`;

const FLUSH_AT = 1 << 16;

export async function run(argv: string[]): Promise<number> {
  let clf: BacklashClassifier;
  let explain: boolean;
  try {
    const args = parseArgs(argv, { flags: ['explain', 'no-model', 'help'], options: ['model', 'rules'] });
    if (args.flags.has('help')) return void process.stdout.write(USAGE), 0;
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (posts come on stdin)`);
    explain = args.flags.has('explain');
    const model = args.flags.has('no-model') ? null : (opt(args, 'model') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null));
    clf = buildClassifier(opt(args, 'rules') ?? DEFAULT_RULES_DIR, model);
  } catch (e) {
    process.stderr.write(`backlash classify: ${(e as Error).message}\n${e instanceof UsageError ? USAGE : ''}`);
    return 2;
  }
  const out = process.stdout;
  let buf = '';
  let lineNo = 0;
  const handle = (line: string) => {
    lineNo++;
    if (line.trim() === '') return;
    buf += classifyLine(clf, line, lineNo, explain) + '\n';
  };
  process.stdin.setEncoding('utf8');
  let pending = '';
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += chunk;
    let start = 0;
    let nl: number;
    while ((nl = pending.indexOf('\n', start)) >= 0) {
      handle(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (buf.length >= FLUSH_AT) {
      const ok = out.write(buf);
      buf = '';
      if (!ok) await once(out, 'drain');
    }
  }
  if (pending) handle(pending);
  if (buf) out.write(buf);
  return 0;
}

const NO_EXPLAIN = { explain: false };

const num = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

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
