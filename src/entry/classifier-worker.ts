/**
 * The classifier for the Worker: the same rule files (and default model, when trained) as on
 * Node, packed into the bundle at build time by build-worker-assets.ts, parsed in memory. Imports
 * only the classification core's pure files, so none of the Node loaders end up in the bundle.
 */
import { RULE_SOURCES, MODEL_JSON, ESCALATION_JSON } from 'backlash:worker-assets';
import type { Classifier } from '../types.js';
import { createClassifier } from '../classify/classifier.js';
import { parseRules } from '../classify/rules/parse.js';
import { compileRules } from '../classify/rules/compile.js';
import { modelFromJson } from '../classify/bayes/model.js';
import { escalationHeadFromJson, type EscalationHeadJson } from '../classify/cues/escalation-head.js';

export function loadWorkerClassifier(): Classifier {
  const rules = compileRules(parseRules(RULE_SOURCES));
  const model = MODEL_JSON === null ? null : modelFromJson(MODEL_JSON, 'data/model/default.json');
  // the learned escalation head rides with the model: rules only means rules only
  const esc = model && ESCALATION_JSON !== null ? escalationHeadFromJson(ESCALATION_JSON as EscalationHeadJson) : null;
  return createClassifier(rules, model, esc);
}

/** Rule files for the dashboard's Rules page. */
export function workerRuleFiles(): { path: string; text: string }[] {
  return RULE_SOURCES;
}
