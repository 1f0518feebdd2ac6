/** Loads the classifier from the project's rule files and trained model on disk (Node only). */
import { loadDefaultClassifier, type ReloadableClassifier } from './classifier-files.js';

export interface NodeClassifierOptions {
  /** a trained model file to use instead of data/model/default.json (`--model FILE`) */
  modelPath?: string;
  /** reload when a rule file changes; a broken edit keeps the last good rules */
  watch?: boolean;
  onReloadError?: (err: Error) => void;
  onReload?: (version: string) => void;
}

export async function loadNodeClassifier(opts: NodeClassifierOptions = {}): Promise<ReloadableClassifier> {
  return loadDefaultClassifier({ modelPath: opts.modelPath, watch: opts.watch, onReloadError: opts.onReloadError, onReload: opts.onReload });
}
