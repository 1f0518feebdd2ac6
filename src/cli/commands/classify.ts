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
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../entry/classifier-files.js';
import { classifyBatch, type WorkerSetup } from './classify-lines.js';
import { createLinePool, type LinePool } from './classify-pool.js';

export { classifyLine, verdictLine } from './classify-lines.js';

const USAGE = `usage: backlash classify [--model FILE | --no-model] [--rules DIR] [--explain] [--threads N] < posts.jsonl > verdicts.jsonl
  reads one {"id", "text", "lang"?} per line; writes one verdict per line, in order
  --model FILE   a model from \`backlash train\` (default: data/model/default.json)
  --no-model     rules only
  --rules DIR    rule files (default: rules/)
  --explain      add "explain": the rules, lexicon entries and model features that decided
  --threads N    classify on N threads (default: one per core, at most 8, for inputs over 20 MB
                 or 65,536 lines; 1 = this thread only)
`;

/** lines per batch handed to a thread */
const BATCH_LINES = 1024;
/**
 * A thread pays for its own start and warm-up (about half a second of CPU on 2 cores, and its own
 * caches of words and verdicts), so threads only pay off on large inputs: a file on stdin from
 * 20 MB (about 100,000 posts) is given to threads from the start; a pipe after 65,536 lines.
 * Measured on 2 cores: 60,000 posts 1.7 s on one thread, 2.1 s on two; 120,000 posts 3.9 s on
 * one, 3.2 s on two; 300,000 posts 8.7 s on one, 6.0 s on two.
 */
const THREADS_AFTER_LINES = 65_536;
const THREADS_FROM_BYTES = 20 << 20;
const MAX_THREADS = 8;

export async function run(argv: string[]): Promise<number> {
  let options: Options | null;
  try {
    options = parseOptions(argv);
  } catch (e) {
    return fail(e);
  }
  if (!options) return void process.stdout.write(USAGE), 0;
  const { setup, threads, explicitThreads } = options;
  // threads asked for, or a large file on stdin: the threads take every batch from the start and
  // this thread only reads and writes; otherwise this thread classifies (and is the first to find
  // a broken rule file)
  const parallelNow = threads > 1 && (explicitThreads || stdinFileSize() >= THREADS_FROM_BYTES);
  let clf: BacklashClassifier | null = null;
  if (!parallelNow) {
    try {
      clf = buildClassifier(setup.rulesDir, setup.modelPath);
    } catch (e) {
      return fail(e);
    }
  }

  const { done, flush } = orderedOutput(process.stdout);
  const classifyHere = (seq: number, lines: string[], firstLine: number) => {
    clf ??= buildClassifier(setup.rulesDir, setup.modelPath);
    done.set(seq, classifyBatch(clf, lines, firstLine, setup.explain));
  };
  let pool: LinePool | null = null;
  const startPool = () => (pool = createLinePool(threads, setup, { done: (seq, text) => done.set(seq, text), orphan: classifyHere }));
  if (parallelNow) startPool();
  let seq = 0;
  let linesRead = 0;
  const dispatch = async (lines: string[], firstLine: number) => {
    const s = seq++;
    linesRead += lines.length;
    if (!pool && threads > 1 && linesRead >= THREADS_AFTER_LINES) startPool();
    if (pool) {
      // with no classifier of its own (a large file) this thread waits for the threads to start
      if (clf === null) await (pool as LinePool).whenReady();
      if (await (pool as LinePool).submit(s, lines, firstLine)) return;
    }
    classifyHere(s, lines, firstLine); // no thread ready yet, or none left
  };

  try {
    await readBatches(dispatch, () => flush());
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

/** Batches' output, written in batch order as soon as every earlier batch is done (64 KB at a time). */
function orderedOutput(out: NodeJS.WriteStream): { done: Map<number, string>; flush: (force?: boolean) => Promise<void> } {
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
  return { done, flush };
}

interface Options {
  setup: WorkerSetup;
  threads: number;
  explicitThreads: boolean;
}

/** The command line's options; null for --help. */
function parseOptions(argv: string[]): Options | null {
  const args = parseArgs(argv, { flags: ['explain', 'no-model', 'help'], options: ['model', 'rules', 'threads'] });
  if (args.flags.has('help')) return null;
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}" (posts come on stdin)`);
  const t = opt(args, 'threads');
  const threads = t === undefined ? Math.min(MAX_THREADS, availableParallelism()) : Number(t);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads takes a whole number from 1 to 64, not "${t}"`);
  const modelPath = args.flags.has('no-model') ? null : (opt(args, 'model') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null));
  return { setup: { rulesDir: opt(args, 'rules') ?? DEFAULT_RULES_DIR, modelPath, explain: args.flags.has('explain') }, threads, explicitThreads: t !== undefined };
}

/** Reads stdin in batches of BATCH_LINES lines (the last may be shorter), numbered by their first line; `afterChunk` after each chunk read. */
async function readBatches(dispatch: (lines: string[], firstLine: number) => Promise<void>, afterChunk: () => Promise<void>): Promise<void> {
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
        await dispatch(batch, batchStart);
        batchStart += batch.length;
        batch = [];
      }
    }
    pending = pending.slice(start);
    await afterChunk();
  }
  if (pending) batch.push(pending);
  if (batch.length) await dispatch(batch, batchStart);
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
