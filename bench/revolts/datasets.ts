/**
 * Readers for the labelled sets beside the project (../shared/datasets), used as real background
 * traffic by the scenario benchmark. They are read at run time only: no text from them is ever
 * written into the repository (see ../shared/datasets/README.md, "Rules of use").
 */
import fs from 'node:fs';
import path from 'node:path';

export const DATASETS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'shared', 'datasets');

export interface DatasetRow {
  id: string;
  text: string;
  lang?: string;
  sentiment?: string;
  complaint?: boolean;
  domain?: string;
  brand?: string;
  topic?: string;
}

export function datasetPath(name: string): string {
  return path.join(DATASETS_DIR, name);
}

export function hasDataset(name: string): boolean {
  return fs.existsSync(datasetPath(name));
}

export function readDataset(name: string): DatasetRow[] {
  const file = datasetPath(name);
  if (!fs.existsSync(file)) throw new Error(`dataset ${file} not found (the benchmark reads ../shared/datasets at run time)`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DatasetRow);
}

/** Twitter's epoch: a snowflake id carries its creation time in ms since then, in its top 42 bits. */
const TWITTER_EPOCH = 1288834974657n;

/** Creation time (ms) of a tweet from its snowflake id ("airline:570300817074462722" or the bare number); null when it is not one. */
export function snowflakeTime(id: string): number | null {
  const digits = id.slice(id.lastIndexOf(':') + 1);
  if (!/^\d{15,20}$/.test(digits)) return null;
  return Number((BigInt(digits) >> 22n) + TWITTER_EPOCH);
}
