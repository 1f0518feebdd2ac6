/**
 * The default replay, in two threads side by side (replay-worker.ts): the front thread reads,
 * ingests and classifies chunk after chunk while the detection thread runs the detector over the
 * chunks before; this thread only writes the events. No store: the same events as the stored
 * path, byte for byte. Each thread's V8 old generation has its own limit.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import type { ReadCounts } from './replay-input.js';
import type { ReplayOptions } from './replay-session.js';
import type { FromReplayThread, ReplayThreadSetup } from './replay-worker.js';

/** Chunks judged ahead of detection at most (each is CHUNK posts held in memory). */
const AHEAD = 3;
/** The front thread's old generation, MB: it holds the classifier and a few chunks. */
const FRONT_HEAP_MB = 96;
/**
 * Each thread's young generation, MB. Left to V8, a thread allocating at full speed grows its
 * semi-spaces to their largest, tens of MB per thread, and RSS with them.
 */
const YOUNG_MB = Number(process.env.BACKLASH_REPLAY_YOUNG_MB ?? 16);

/** A replay thread, from source (tsx) or from the build; its old generation capped at `heapMb` (0: V8's own limit). */
function startThread(setup: ReplayThreadSetup, heapMb: number): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './replay-worker.ts' : './replay-worker.js', import.meta.url);
  // from source (tsx), the thread registers tsx's loader itself: on Node 20 `--import` in a worker's execArgv does not
  const boot = fromSource ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });` : null;
  const resourceLimits = { ...(heapMb > 0 ? { maxOldGenerationSizeMb: heapMb } : {}), ...(YOUNG_MB > 0 ? { maxYoungGenerationSizeMb: YOUNG_MB } : {}) };
  const opts = { workerData: setup, transferList: [setup.port], resourceLimits };
  return boot ? new Worker(boot, { ...opts, eval: true }) : new Worker(url, opts);
}

export interface LeanReplay extends ReplayOptions {
  file: string;
  modelPath?: string;
  /** the detection thread's old generation, MB (0: V8's own limit) */
  heapMb: number;
}

export async function replayLean(args: LeanReplay, ctx: Pick<AppContext, 'config' | 'log'>, write: (line: string) => void): Promise<ReadCounts> {
  const { port1, port2 } = new MessageChannel();
  const threads: Worker[] = [];
  try {
    return await new Promise<ReadCounts>((resolve, reject) => {
      let read: ReadCounts | null = null;
      let finished = false;
      const settle = () => {
        if (read && finished) resolve(read);
      };
      const onMessage = (m: FromReplayThread) => {
        if ('fatal' in m) return reject(new Error(m.fatal));
        if ('read' in m) read = m.read;
        else {
          for (const line of m.lines) write(line);
          if ('finished' in m) finished = true;
          else if (m.memory) ctx.log.debug('replay memory', { rssMb: Math.round(process.memoryUsage().rss / 1048576), ...m.memory });
        }
        settle();
      };
      const detect = startThread({ role: 'detect', port: port2, detection: ctx.config.detection, tickMs: args.tickMs, tailMs: args.tailMs }, args.heapMb);
      const front = startThread({ role: 'front', port: port1, file: args.file, modelPath: args.modelPath, logLevel: process.env.LOG_LEVEL ?? 'warn', ahead: AHEAD }, FRONT_HEAP_MB);
      for (const [w, name] of [
        [detect, 'detection'],
        [front, 'front'],
      ] as const) {
        threads.push(w);
        w.on('message', onMessage);
        w.on('error', reject);
        w.on('exit', (code) => {
          // the front thread ends once it has read everything; detection is ended from here
          if (!(name === 'front' ? read : finished)) reject(new Error(`replay's ${name} thread exited (${code})`));
        });
      }
    });
  } finally {
    for (const w of threads) {
      w.removeAllListeners('exit');
      await w.terminate();
    }
  }
}
