/**
 * Replay's two threads (the default, storeless replay), side by side over a channel of their own:
 * - front: reads the input, ingests and classifies it chunk by chunk (LeanFront) and posts each
 *   judged chunk to detection, at most `ahead` chunks before detection has acknowledged them;
 * - detect: runs the revolt detector over the chunks tick by tick (ReplaySession over LeanStages)
 *   and hands the event lines to the main thread, which writes them.
 * Each thread's V8 heap has a limit of its own (replay-thread.ts), which one process cannot give
 * its main thread.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { ManualClock } from '../../util/clock.js';
import { createLogger } from '../../util/log.js';
import { loadNodeClassifier } from '../../entry/classifier-node.js';
import { readChunks, type ReadCounts } from './replay-input.js';
import { LeanFront, LeanStages, type JudgedChunk } from './replay-lean.js';
import { ReplaySession, type ReplayOptions } from './replay-session.js';

export type ReplayThreadSetup =
  | ({ role: 'detect'; port: MessagePort; detection: AppContext['config']['detection'] } & ReplayOptions)
  | { role: 'front'; port: MessagePort; file: string; modelPath?: string; logLevel: string; ahead: number };

/** On the channel between the two threads. */
type Channel = { chunk: JudgedChunk } | { done: true } | { acked: true };

export interface ThreadMemory {
  heapUsedMb: number;
  heapTotalMb: number;
}

/** To the main thread. */
export type FromReplayThread = { lines: string[]; memory?: ThreadMemory & { chunks: number; mappedIds: number; front?: ThreadMemory } } | { lines: string[]; finished: true } | { read: ReadCounts } | { fatal: string };

const setup = workerData as ReplayThreadSetup;
const toMain = (m: FromReplayThread) => parentPort!.postMessage(m);
const memory = (): ThreadMemory => {
  const m = process.memoryUsage();
  return { heapUsedMb: Math.round(m.heapUsed / 1048576), heapTotalMb: Math.round(m.heapTotal / 1048576) };
};

async function front(s: Extract<ReplayThreadSetup, { role: 'front' }>): Promise<void> {
  const classifier = await loadNodeClassifier(s.modelPath ? { modelPath: s.modelPath } : {});
  const judge = new LeanFront({ classifier: () => classifier, log: createLogger({ level: s.logLevel as never }) });
  let acked = 0;
  let wake: (() => void) | null = null;
  s.port.on('message', () => {
    acked++;
    wake?.();
  });
  const counts: ReadCounts = { bad: 0, lineNo: 0 };
  let sent = 0;
  for await (const { posts, full } of readChunks(s.file, counts)) {
    s.port.postMessage({ chunk: { ...judge.judge(posts, full), memory: memory() } } satisfies Channel);
    sent++;
    while (sent - acked >= s.ahead) await new Promise<void>((r) => (wake = r));
  }
  s.port.postMessage({ done: true } satisfies Channel);
  s.port.close();
  toMain({ read: counts });
}

function detect(s: Extract<ReplayThreadSetup, { role: 'detect' }>): void {
  const stages = new LeanStages({ config: { detection: s.detection } } as Pick<AppContext, 'config'>);
  let lines: string[] = [];
  const session = new ReplaySession(new ManualClock(0), stages, { tickMs: s.tickMs, tailMs: s.tailMs }, (line) => lines.push(line));
  let chunks = 0;
  let chain = Promise.resolve();
  s.port.on('message', (m: Channel) => {
    chain = chain
      .then(async () => {
        if ('chunk' in m) {
          stages.meet(m.chunk.targets);
          await session.chunk(m.chunk.now, async () => m.chunk, !m.chunk.full);
          s.port.postMessage({ acked: true } satisfies Channel);
          const mem = ++chunks % 25 === 0 ? { ...memory(), chunks, mappedIds: session.mappedIds, front: m.chunk.memory } : undefined;
          if (lines.length || mem) toMain({ lines, memory: mem });
        } else if ('done' in m) {
          await session.finish();
          toMain({ lines, finished: true });
          s.port.close();
        }
        lines = [];
      })
      .catch((err) => toMain({ fatal: (err as Error).stack ?? String(err) }));
  });
}

if (setup.role === 'front') front(setup).catch((err) => toMain({ fatal: (err as Error).stack ?? String(err) }));
else detect(setup);
