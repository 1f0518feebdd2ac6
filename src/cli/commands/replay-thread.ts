/**
 * The default replay, in two threads side by side: this one reads, ingests and classifies chunk
 * after chunk (LeanFront) while the detection thread (replay-worker.ts) runs the detector over the
 * chunks before and hands back the events, which this one writes. No store: the same events as
 * the stored path, byte for byte.
 */
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { loadNodeClassifier } from '../../entry/classifier-node.js';
import { readChunks, type ReadCounts } from './replay-input.js';
import { LeanFront } from './replay-lean.js';
import type { ReplayOptions } from './replay-session.js';
import type { DetectSetup, FromDetect, ToDetect } from './replay-worker.js';

/** Chunks judged ahead of detection at most (each is CHUNK posts held in memory). */
const AHEAD = 3;
const mb = (n: number) => Math.round(n / 1048576);

/** The detection thread, from source (tsx) or from the build; its old generation capped at `heapMb` (0: V8's own limit). */
function startDetect(setup: DetectSetup, heapMb: number): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './replay-worker.ts' : './replay-worker.js', import.meta.url);
  // from source (tsx), the thread registers tsx's loader itself: on Node 20 `--import` in a worker's execArgv does not
  const boot = fromSource ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });` : null;
  const resourceLimits = heapMb > 0 ? { maxOldGenerationSizeMb: heapMb } : undefined;
  return boot ? new Worker(boot, { eval: true, workerData: setup, resourceLimits }) : new Worker(url, { workerData: setup, resourceLimits });
}

export interface LeanReplay extends ReplayOptions {
  file: string;
  modelPath?: string;
  heapMb: number;
}

export async function replayLean(args: LeanReplay, ctx: Pick<AppContext, 'config' | 'log'>, write: (line: string) => void): Promise<ReadCounts> {
  const classifier = await loadNodeClassifier(args.modelPath ? { modelPath: args.modelPath } : {});
  const front = new LeanFront({ classifier: () => classifier, log: ctx.log });
  const detect = startDetect({ detection: ctx.config.detection, tickMs: args.tickMs, tailMs: args.tailMs }, args.heapMb);
  let acked = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let finished: (() => void) | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    wake?.();
    finished?.();
  };
  detect.on('message', (m: FromDetect) => {
    if ('fatal' in m) return fail(new Error(m.fatal));
    for (const line of m.lines) write(line);
    if ('finished' in m) return finished?.();
    if (++acked % 25 === 0) {
      const mem = process.memoryUsage();
      ctx.log.debug('replay memory', { chunks: acked, rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed), detectHeapUsedMb: m.heapUsedMb, detectHeapTotalMb: m.heapTotalMb, ids: m.mappedIds });
    }
    wake?.();
  });
  detect.on('error', fail);
  detect.on('exit', (code) => fail(new Error(`replay's detection thread exited (${code})`)));
  const counts: ReadCounts = { bad: 0, lineNo: 0 };
  try {
    let sent = 0;
    for await (const { posts, full } of readChunks(args.file, counts)) {
      detect.postMessage({ chunk: front.judge(posts, full) } satisfies ToDetect);
      sent++;
      while (sent - acked >= AHEAD && !failure) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
    }
    const done = new Promise<void>((r) => (finished = r));
    detect.postMessage({ done: true } satisfies ToDetect);
    await done;
    if (failure) throw failure;
    return counts;
  } finally {
    detect.removeAllListeners('exit');
    await detect.terminate();
  }
}
