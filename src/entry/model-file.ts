/** Node only: read a model file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { modelFromJson, modelToJson, ModelFormatError, type Model } from '../classify/bayes/model.js';

export function readModel(path: string): Model {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ModelFormatError(`${path}: cannot read the model (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return modelFromJson(json, path);
}

export function writeModel(path: string, model: Model): void {
  writeFileSync(path, JSON.stringify(modelToJson(model)) + '\n');
}
