/**
 * A `backlash classify` worker thread: builds the same classifier as the main thread (rules and
 * model named in workerData) and turns batches of input lines into batches of output lines.
 * A classifier that cannot be built (broken rule file, bad model) is reported, not thrown.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildClassifier } from '../../entry/classifier-files.js';
import { classifyBatch, type WorkerSetup } from './classify-lines.js';

const setup = workerData as WorkerSetup;
try {
  const clf = buildClassifier(setup.rulesDir, setup.modelPath);
  parentPort!.on('message', (msg: { seq: number; lines: string[]; firstLine: number }) => {
    parentPort!.postMessage({ seq: msg.seq, out: classifyBatch(clf, msg.lines, msg.firstLine, setup.explain) });
  });
  parentPort!.postMessage({ ready: true });
} catch (e) {
  parentPort!.postMessage({ fatal: (e as Error).message });
}
