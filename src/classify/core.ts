/**
 * The runtime-agnostic classification core: everything here runs on Node and in a Worker.
 * Node-only helpers (reading rules/ and model files) live in *-node.ts files and index.ts.
 */
export { createClassifier, type BacklashClassifier, type Analysis, type ClassifyOptions } from './classifier.js';
export { parseRules, type RuleSource, type RuleSet } from './rules/parse.js';
export { compileRules, type CompiledRules } from './rules/compile.js';
export { modelFromJson, modelToJson, type Model } from './bayes/model.js';
export { trainModel, type TrainingRecord, type TrainOptions } from './train.js';
export { detectLanguage } from './tokenize/detect-lang.js';
export { feedbackToRecords, type LabelFeedback } from './feedback.js';
export { runExamples, type ExampleResult } from './rules/examples.js';
