/**
 * The naive Bayes model as data: heads (sentiment, complaint, topic), each a sparse table of
 * per-class log-likelihoods plus a calibration layer, serialised as versioned JSON. Pure: no I/O.
 */
export const MODEL_FORMAT = 'backlash-nb';
export const MODEL_VERSION = 1;

export type HeadName = 'sentiment' | 'complaint' | 'topic' | 'prior';
/** the heads a team trains; "prior" is the base model's sentiment head kept by `train` (see train.ts) */
export const HEADS: HeadName[] = ['sentiment', 'complaint', 'topic'];
export const NO_TOPIC = '∅';

export interface Calibration {
  /** names of the inputs, in order (documented in docs/classification.md) */
  inputs: string[];
  /** one row of weights per class, one bias per class */
  weights: number[][];
  bias: number[];
}

export interface NbHead {
  classes: string[];
  logPrior: number[];
  features: Map<string, Float64Array>;
  calibration?: Calibration;
  docs: number;
  /** weights fitted discriminatively (refineHead) rather than counted: log-odds, not log-likelihoods */
  refined?: boolean;
}

export interface Model {
  version: string;
  heads: Partial<Record<HeadName, NbHead>>;
  zhWords: string[];
  meta: Record<string, unknown>;
}

interface HeadJson {
  classes: string[];
  logPrior: number[];
  docs: number;
  calibration?: Calibration;
  refined?: boolean;
  /** feature → log P(feature | class), one per class, 4 decimals */
  features: Record<string, number[]>;
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  modelVersion: string;
  meta: Record<string, unknown>;
  zhWords: string[];
  heads: Partial<Record<HeadName, HeadJson>>;
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function modelToJson(model: Model): ModelJson {
  const heads: ModelJson['heads'] = {};
  for (const [name, head] of Object.entries(model.heads) as [HeadName, NbHead][]) {
    const features: Record<string, number[]> = {};
    for (const [f, lp] of head.features) features[f] = Array.from(lp, (x) => Math.round(x * 1e4) / 1e4);
    heads[name] = { classes: head.classes, logPrior: head.logPrior.map((x) => Math.round(x * 1e6) / 1e6), docs: head.docs, calibration: head.calibration, ...(head.refined ? { refined: true } : {}), features };
  }
  return { format: MODEL_FORMAT, version: MODEL_VERSION, modelVersion: model.version, meta: model.meta, zhWords: model.zhWords, heads };
}

export function modelFromJson(json: unknown, source = 'model'): Model {
  const j = json as Partial<ModelJson> | null;
  if (!j || typeof j !== 'object' || j.format !== MODEL_FORMAT) throw new ModelFormatError(`${source}: not a Backlash model (expected "format": "${MODEL_FORMAT}")`);
  if (j.version !== MODEL_VERSION) throw new ModelFormatError(`${source}: model format version ${j.version}, this Backlash reads version ${MODEL_VERSION}: retrain it with \`backlash train\``);
  const heads: Model['heads'] = {};
  for (const [name, h] of Object.entries(j.heads ?? {}) as [HeadName, HeadJson][]) {
    if (!Array.isArray(h.classes) || h.classes.length < 2 || !Array.isArray(h.logPrior) || typeof h.features !== 'object')
      throw new ModelFormatError(`${source}: head "${name}" is malformed (needs classes, logPrior, features)`);
    const features = new Map<string, Float64Array>();
    for (const f in h.features) features.set(f, Float64Array.from(h.features[f]));
    heads[name] = { classes: h.classes, logPrior: h.logPrior, features, calibration: h.calibration, docs: h.docs ?? 0, ...(h.refined ? { refined: true } : {}) };
  }
  return { version: j.modelVersion ?? 'unknown', heads, zhWords: j.zhWords ?? [], meta: j.meta ?? {} };
}
