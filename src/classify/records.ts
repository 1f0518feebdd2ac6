/** Training and evaluation records from JSONL or CSV text (the schema of ../shared/datasets). Pure. */
import type { TrainingRecord } from './train.js';

export interface LabelledRecord extends TrainingRecord {
  id?: string;
}

export interface ParsedRecords {
  records: LabelledRecord[];
  errors: { line: number; error: string }[];
}

export function parseRecords(text: string, format: 'jsonl' | 'csv'): ParsedRecords {
  return format === 'csv' ? parseCsvRecords(text) : parseJsonlRecords(text);
}

export function sniffFormat(path: string, text: string): 'jsonl' | 'csv' {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.jsonl?$/i.test(path)) return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

function toRecord(o: Record<string, unknown>): LabelledRecord | string {
  if (typeof o.text !== 'string' || !o.text.trim()) return 'missing "text"';
  const r: LabelledRecord = { text: o.text };
  if (o.id !== undefined && o.id !== null) r.id = String(o.id);
  if (typeof o.lang === 'string' && o.lang) r.lang = o.lang;
  if (typeof o.sentiment === 'string' && o.sentiment) r.sentiment = o.sentiment.toLowerCase();
  const c = o.complaint;
  if (typeof c === 'boolean') r.complaint = c;
  else if (c === 1 || c === 0) r.complaint = c === 1;
  else if (typeof c === 'string' && /^(true|false|1|0|yes|no)$/i.test(c)) r.complaint = /^(true|1|yes)$/i.test(c);
  if (typeof o.topic === 'string' && o.topic) r.topic = o.topic;
  return r;
}

function parseJsonlRecords(text: string): ParsedRecords {
  const out: ParsedRecords = { records: [], errors: [] };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch (e) {
      out.errors.push({ line: i + 1, error: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) return void out.errors.push({ line: i + 1, error: 'not a JSON object' });
    const r = toRecord(o as Record<string, unknown>);
    if (typeof r === 'string') out.errors.push({ line: i + 1, error: r });
    else out.records.push(r);
  });
  return out;
}

/** RFC 4180 CSV with a header row; quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') (field += '"'), i++;
        else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function parseCsvRecords(text: string): ParsedRecords {
  const out: ParsedRecords = { records: [], errors: [] };
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return out;
  const cols = header.map((h) => h.trim().toLowerCase());
  if (!cols.includes('text')) return { records: [], errors: [{ line: 1, error: 'CSV header has no "text" column' }] };
  rows.forEach((cells, i) => {
    const o: Record<string, unknown> = {};
    cols.forEach((c, j) => (o[c] = cells[j] ?? ''));
    const r = toRecord(o);
    if (typeof r === 'string') out.errors.push({ line: i + 2, error: r });
    else out.records.push(r);
  });
  return out;
}
