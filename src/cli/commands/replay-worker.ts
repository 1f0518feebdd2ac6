/**
 * Replay's front thread (the default, storeless replay): reads the input, ingests and classifies
 * it chunk by chunk (LeanFront) and posts each judged chunk to the main thread, which runs the
 * detector. The two run side by side, a few chunks apart at most (the main thread acknowledges
 * each chunk it has detected on).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadNodeClassifier } from '../../entry/classifier-node.js';
import { createLogger } from '../../util/log.js';
import { readChunks, type ReadCounts } from './replay-input.js';
import { LeanFront, type JudgedChunk } from './replay-lean.js';

export interface FrontSetup {
  file: string;
  modelPath?: string;
  logLevel: string;
  /** chunks posted and not yet acknowledged, at most */
  ahead: number;
}

export type FromFront = { chunk: JudgedChunk } | { done: ReadCounts } | { fatal: string };

const setup = workerData as FrontSetup;
const port = parentPort!;
let acked = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  acked++;
  wake?.();
});

async function main(): Promise<void> {
  const classifier = await loadNodeClassifier(setup.modelPath ? { modelPath: setup.modelPath } : {});
  const front = new LeanFront({ classifier: () => classifier, log: createLogger({ level: setup.logLevel as never }) });
  const counts: ReadCounts = { bad: 0, lineNo: 0 };
  let sent = 0;
  for await (const { posts, full } of readChunks(setup.file, counts)) {
    port.postMessage({ chunk: front.judge(posts, full) } satisfies FromFront);
    sent++;
    while (sent - acked >= setup.ahead) await new Promise<void>((r) => (wake = r));
  }
  port.postMessage({ done: counts } satisfies FromFront);
}

main().catch((err) => port.postMessage({ fatal: (err as Error).stack ?? String(err) } satisfies FromFront));
