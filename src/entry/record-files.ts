/** Node only: read labelled records from files (JSONL or CSV) for train and eval. */
import { readFileSync } from 'node:fs';
import { parseRecords, sniffFormat, type LabelledRecord } from '../classify/records.js';

export function readRecordFiles(paths: string[], warn: (msg: string) => void): LabelledRecord[] {
  const all: LabelledRecord[] = [];
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    const { records, errors } = parseRecords(text, sniffFormat(path, text));
    for (const e of errors.slice(0, 5)) warn(`${path}:${e.line}: ${e.error} (skipped)`);
    if (errors.length > 5) warn(`${path}: ${errors.length - 5} more bad lines skipped`);
    all.push(...records);
  }
  return all;
}
