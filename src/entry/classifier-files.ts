/**
 * Node side of the classification stage: loads rules/ and the default model from disk and can
 * reload both without a restart. A reload that fails keeps the last good rules and model.
 */
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Classifier, Verdict } from '../types.js';
import { PROJECT_ROOT } from './project-root.js';
import { readModel } from './model-file.js';
import type { Model } from '../classify/bayes/model.js';
import { createClassifier, type BacklashClassifier, type ClassifyOptions } from '../classify/classifier.js';
import { compileRules } from '../classify/rules/compile.js';
import { escalationHeadFromJson, type EscalationHead, type EscalationHeadJson } from '../classify/cues/escalation-head.js';
import { loadRuleSet } from './rule-files.js';

const ROOT = PROJECT_ROOT;
export const DEFAULT_RULES_DIR = join(ROOT, 'rules');
export const DEFAULT_MODEL_PATH = join(ROOT, 'data/model/default.json');
/** the learned escalation head (scripts/train-escalation.ts), used beside any model unless rules only */
export const DEFAULT_ESCALATION_HEAD_PATH = join(ROOT, 'data/model/escalation.json');

export function readEscalationHead(path: string): EscalationHead {
  return escalationHeadFromJson(JSON.parse(readFileSync(path, 'utf8')) as EscalationHeadJson);
}

export interface LoadOptions {
  rulesDir?: string;
  /** a model file; `null` for rules only; default data/model/default.json when it exists */
  modelPath?: string | null;
  /** reload when a rule file changes (fs.watch); errors go to onReloadError */
  watch?: boolean;
  onReloadError?: (err: Error) => void;
  onReload?: (version: string) => void;
}

export interface ReloadableClassifier extends Classifier {
  classify(text: string, lang?: string | null, opts?: ClassifyOptions): Verdict;
  reload(): Promise<void>;
  current(): BacklashClassifier;
  close(): void;
}

/**
 * `escalationHeadPath`: undefined for the shipped head beside a model (none when rules only),
 * null for none.
 */
export function buildClassifier(rulesDir: string, modelPath: string | null, escalationHeadPath?: string | null): BacklashClassifier {
  const rules = compileRules(loadRuleSet(rulesDir));
  const model: Model | null = modelPath ? readModel(modelPath) : null;
  const escPath = escalationHeadPath === undefined ? (model && existsSync(DEFAULT_ESCALATION_HEAD_PATH) ? DEFAULT_ESCALATION_HEAD_PATH : null) : escalationHeadPath;
  return createClassifier(rules, model, escPath ? readEscalationHead(escPath) : null);
}

export async function loadDefaultClassifier(opts: LoadOptions = {}): Promise<ReloadableClassifier> {
  const rulesDir = opts.rulesDir ?? DEFAULT_RULES_DIR;
  const modelPath = opts.modelPath === undefined ? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null) : opts.modelPath;
  let current = buildClassifier(rulesDir, modelPath);
  let watcher: FSWatcher | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const reload = async () => {
    // build completely before swapping: a broken file leaves the running classifier untouched
    const next = buildClassifier(rulesDir, modelPath);
    current = next;
    opts.onReload?.(next.version);
  };
  if (opts.watch) {
    watcher = watch(rulesDir, { recursive: true }, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reload().catch((e: Error) => opts.onReloadError?.(e)), 200);
    });
    watcher.unref();
  }
  return {
    get version() {
      return current.version;
    },
    classify: (text, lang, o) => current.classify(text, lang, o),
    reload,
    current: () => current,
    close: () => {
      watcher?.close();
      if (timer) clearTimeout(timer);
    },
  };
}
