/**
 * Replay's detection thread (the default, storeless replay): takes the chunks the main thread has
 * ingested and classified, runs the revolt detector over them tick by tick (ReplaySession over
 * LeanStages) and hands back the event lines after each chunk. Its V8 heap has a limit of its own
 * (`--heap`): the engine's state is most of what replay keeps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { ManualClock } from '../../util/clock.js';
import { LeanStages, type JudgedChunk } from './replay-lean.js';
import { ReplaySession, type ReplayOptions } from './replay-session.js';

export interface DetectSetup extends ReplayOptions {
  detection: AppContext['config']['detection'];
}

export type ToDetect = { chunk: JudgedChunk } | { done: true };
export type FromDetect = { lines: string[]; acked: true; heapUsedMb: number; heapTotalMb: number; mappedIds: number } | { lines: string[]; finished: true } | { fatal: string };

const setup = workerData as DetectSetup;
const port = parentPort!;
const clock = new ManualClock(0);
const stages = new LeanStages({ config: { detection: setup.detection } } as Pick<AppContext, 'config'>);
let lines: string[] = [];
const session = new ReplaySession(clock, stages, { tickMs: setup.tickMs, tailMs: setup.tailMs }, (line) => lines.push(line));
const mb = (n: number) => Math.round(n / 1048576);

let chain = Promise.resolve();
port.on('message', (m: ToDetect) => {
  chain = chain
    .then(async () => {
      if ('chunk' in m) {
        stages.meet(m.chunk.targets);
        await session.chunk(m.chunk.now, async () => m.chunk, !m.chunk.full);
        const mem = process.memoryUsage();
        port.postMessage({ lines, acked: true, heapUsedMb: mb(mem.heapUsed), heapTotalMb: mb(mem.heapTotal), mappedIds: session.mappedIds } satisfies FromDetect);
      } else {
        await session.finish();
        port.postMessage({ lines, finished: true } satisfies FromDetect);
      }
      lines = [];
    })
    .catch((err) => port.postMessage({ fatal: (err as Error).stack ?? String(err) } satisfies FromDetect));
});
