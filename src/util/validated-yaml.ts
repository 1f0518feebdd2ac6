/**
 * Parse YAML and validate it with zod, turning every problem into a message that names the file,
 * the line, the key and what was expected. Shared by the config loader and the rule loaders.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';

export class ValidationError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : '\n  - ' + problems.join('\n  - ')}`);
    this.name = 'ValidationError';
  }
}

export function parseYaml(text: string, file: string): { value: unknown; lineOf: (path: PropertyKey[]) => number | null } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new ValidationError(file, [`line ${pos?.line ?? '?'}: invalid YAML: ${e.message.split('\n')[0]}`]);
  }
  const lineOf = (path: PropertyKey[]): number | null => {
    let node: unknown = doc.contents;
    let line: number | null = null;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as Node & { value?: unknown })?.value === key || String((p.key as { value?: unknown })?.value) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)] as Node | undefined;
        if (!item) break;
        if (item.range) line = lineCounter.linePos(item.range[0]).line;
        node = item;
      } else break;
    }
    return line;
  };
  return { value: doc.toJS({ maxAliasCount: 100 }), lineOf };
}

export function formatIssues(issues: z.core.$ZodIssue[], lineOf: (path: PropertyKey[]) => number | null): string[] {
  return issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    let key = path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys: string[] }).keys;
      const full = keys.map((k) => (key ? `${key}.${k}` : k));
      const line = lineOf([...path, keys[0]]);
      return `${line ? `line ${line}: ` : ''}unknown key ${full.map((k) => `"${k}"`).join(', ')}`;
    }
    const line = lineOf(path);
    if (!key) key = '(top level)';
    return `${line ? `line ${line}: ` : ''}${key}: ${message}`;
  });
}

/** A check across the validated value (e.g. unique ids): problems already carrying their line. */
export type CrossCheck<T> = (value: T, lineOf: (path: PropertyKey[]) => number | null) => string[];

/** Parse and validate in one step; throws ValidationError naming file, line, key and expectation. */
export function loadValidatedYaml<S extends z.ZodType>(text: string, file: string, schema: S, check?: CrossCheck<z.output<S>>): z.output<S> {
  const { value, lineOf } = parseYaml(text, file);
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError(file, formatIssues(result.error.issues, lineOf));
  const problems = check?.(result.data, lineOf) ?? [];
  if (problems.length) throw new ValidationError(file, problems);
  return result.data;
}

/**
 * Duplicate ids in a list of (path, id): one problem per repeat, naming its line and the first
 * one's, e.g. `line 14: targets.1.sources.0.id: duplicate source id "news" (first at line 9)`.
 */
export function duplicateIds(what: string, entries: { path: PropertyKey[]; id: string }[], lineOf: (path: PropertyKey[]) => number | null): string[] {
  const first = new Map<string, PropertyKey[]>();
  const out: string[] = [];
  for (const e of entries) {
    const prev = first.get(e.id);
    if (!prev) {
      first.set(e.id, e.path);
      continue;
    }
    const line = lineOf([...e.path, 'id']);
    const prevLine = lineOf([...prev, 'id']);
    out.push(`${line ? `line ${line}: ` : ''}${[...e.path, 'id'].map(String).join('.')}: duplicate ${what} id ${JSON.stringify(e.id)} (first at ${prevLine ? `line ${prevLine}` : prev.map(String).join('.')}); ids must be unique`);
  }
  return out;
}
