/**
 * `backlash classify [--model FILE | --no-model] [--rules DIR] [--explain] [--threads N]`
 * JSONL in on stdin ({"id", "text", "lang"?}), one verdict per line out on stdout, in order.
 * A line that cannot be read becomes {"id"?, "error"} and the run goes on.
 *
 * Large inputs are spread over worker threads (one per core by default) in batches of lines; the
 * output keeps the input's order. A file redirected to stdin that is large starts the threads at
 * once; a pipe starts them once enough lines have come. Small inputs never pay for a thread.
 */
import { once } from 'node:events';
import { existsSync, fstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { opt, parseArgs, UsageError } from '../../classify/args.js';
import type { BacklashClassifier } from '../../classify/classifier.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../classify/index.js';
import { classifyBatch, type WorkerSetup } from './classify-lines.js';
import { createLinePool, type LinePool } from './classify-pool.js';

export { classifyLine, verdictLine } from './classify-lines.js';

const USAGE = `usage: backlash classify [--model FILE | --no-model] [--rules DIR] [--explain] [--threads N] < posts.jsonl > verdicts.jsonl
  reads one {"id", "text", "lang"?} per line; writes one verdict per line, in order
  --model FILE   a model from \`backlash train\` (default: data/model/default.json)
  --no-model     rules only
  --rules DIR    rule files (default: rules/)
  --explain      add "explain": the rules, lexicon entries and model features that decided
  --threads N    threads for large inputs (default: one per core, at most 8; 1 = no worker threads)
`;

/** lines per batch handed to a thread */
const BATCH_LINES = 1024;
/** a pipe: lines read before threads are started (below this the main thread does everything) */
const THREADS_AFTER_LINES = 4096;
/** a file on stdin at least this large is classified by threads from the start */
const THREADS_FROM_BYTES = 1 << 20;
const MAX_THREADS = 8;

export async function run(argv: string[]): Promise<number> {
  let setup: WorkerSetup;
  let threads: number;
  try {
    const args = parseArgs(argv, { flags: ['explain', 'no-model', 'help'], options: ['model', 'rules', 'threads'] });
    if (args.flags.has('help')) return void process.stdout.write(USAGE), 0;
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (posts come on stdin)`);
    const t = opt(args, 'threads');
    threads = t === undefined ? Math.min(MAX_THREADS, availableParallelism()) : Number(t);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads takes a whole number from 1 to 64, not "${t}"`);
    const modelPath = args.flags.has('no-model') ? null : (opt(args, 'model') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null));
    setup = { rulesDir: opt(args, 'rules') ?? DEFAULT_RULES_DIR, modelPath, explain: args.flags.has('explain') };
  } catch (e) {
    return fail(e);
  }
  let clf: BacklashClassifier;
  try {
    clf = buildClassifier(setup.rulesDir, setup.modelPath);
  } catch (e) {
    return fail(e);
  }

  const out = process.stdout;
  const done = new Map<number, string>();
  let nextOut = 0;
  let written = '';
  const flush = async (force = false) => {
    while (done.has(nextOut)) {
      written += done.get(nextOut)!;
      done.delete(nextOut++);
    }
    if (written.length >= 1 << 16 || (force && written)) {
      const ok = out.write(written);
      written = '';
      if (!ok) await once(out, 'drain');
    }
  };
  const classifyHere = (seq: number, lines: string[], firstLine: number) => done.set(seq, classifyBatch(clf, lines, firstLine, setup.explain));
  // this thread classifies too: N threads are this one and N - 1 workers
  let pool: LinePool | null = null;
  const startPool = () => (pool = createLinePool(threads - 1, setup, { done: (seq, text) => done.set(seq, text), orphan: classifyHere }));
  if (threads > 1 && stdinFileSize() >= THREADS_FROM_BYTES) startPool();
  let seq = 0;
  let linesRead = 0;
  const dispatch = (lines: string[], firstLine: number) => {
    const s = seq++;
    linesRead += lines.length;
    if (!pool && threads > 1 && linesRead >= THREADS_AFTER_LINES) startPool();
    // a batch no worker can take now (starting, or both slots full) is classified here
    if (!pool || !(pool as LinePool).submit(s, lines, firstLine)) classifyHere(s, lines, firstLine);
  };

  try {
    process.stdin.setEncoding('utf8');
    let pending = '';
    let batch: string[] = [];
    let batchStart = 1;
    for await (const chunk of process.stdin as AsyncIterable<string>) {
      pending += chunk;
      let start = 0;
      let nl: number;
      while ((nl = pending.indexOf('\n', start)) >= 0) {
        batch.push(pending.slice(start, nl));
        start = nl + 1;
        if (batch.length === BATCH_LINES) {
          dispatch(batch, batchStart);
          batchStart += batch.length;
          batch = [];
        }
      }
      pending = pending.slice(start);
      await flush();
    }
    if (pending) batch.push(pending);
    if (batch.length) dispatch(batch, batchStart);
    if (pool) await (pool as LinePool).drain();
    await flush(true);
    return 0;
  } catch (e) {
    await flush(true);
    return fail(e);
  } finally {
    (pool as LinePool | null)?.close();
  }
}

function fail(e: unknown): number {
  process.stderr.write(`backlash classify: ${(e as Error).message}\n${e instanceof UsageError ? USAGE : ''}`);
  return 2;
}

/** The size of stdin when it is a regular file (`< posts.jsonl`), else 0. */
function stdinFileSize(): number {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}
