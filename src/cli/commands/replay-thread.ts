/**
 * The default replay, in two threads side by side: the front thread (replay-worker.ts) reads,
 * ingests and classifies chunk after chunk while this one runs the detector over the chunk before,
 * and writes the events. No store: the same events as the stored path, byte for byte.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { AppContext } from '../../context.js';
import type { ManualClock } from '../../util/clock.js';
import type { ReadCounts } from './replay-input.js';
import { LeanStages } from './replay-lean.js';
import { ReplaySession, type ReplayOptions } from './replay-session.js';
import type { FromFront, FrontSetup } from './replay-worker.js';

/** Chunks the front thread may judge ahead of detection (each is CHUNK posts held in memory). */
const AHEAD = 3;

function startFront(setup: FrontSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './replay-worker.ts' : './replay-worker.js', import.meta.url);
  // running from source (tsx), the thread needs the same TypeScript loader
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : undefined;
  return new Worker(url, { workerData: setup, execArgv, stderr: false });
}

export async function replayLean(
  file: string,
  modelPath: string | undefined,
  ctx: Pick<AppContext, 'config' | 'log'>,
  clock: ManualClock,
  opts: ReplayOptions,
  write: (line: string) => void,
): Promise<ReadCounts> {
  const stages = new LeanStages(ctx);
  const session = new ReplaySession(clock, stages, opts, write);
  const front = startFront({ file, modelPath, logLevel: process.env.LOG_LEVEL ?? 'warn', ahead: AHEAD });
  try {
    return await new Promise<ReadCounts>((resolve, reject) => {
      let chain = Promise.resolve();
      let settled = false;
      const fail = (err: Error) => {
        if (!settled) reject(err);
        settled = true;
      };
      front.on('message', (m: FromFront) => {
        if ('chunk' in m) {
          const c = m.chunk;
          chain = chain.then(async () => {
            stages.meet(c.targets);
            await session.chunk(c.now, async () => c, !c.full);
            front.postMessage(1);
          });
        } else if ('done' in m) {
          chain = chain.then(async () => {
            await session.finish();
            settled = true;
            resolve(m.done);
          });
        } else fail(new Error(m.fatal));
        chain = chain.catch(fail);
      });
      front.on('error', fail);
      front.on('exit', (code) => fail(new Error(`replay's front thread exited (${code})`)));
    });
  } finally {
    await front.terminate();
  }
}
