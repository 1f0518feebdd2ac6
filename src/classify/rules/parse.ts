/**
 * Rule files from text to validated objects. No file system here: callers hand in {path, text}
 * pairs (the Node loader reads rules/, a Worker could import them as strings). Every problem is a
 * ValidationError naming the file, the line and the field.
 */
import type { z } from 'zod';
import { formatIssues, parseYaml, ValidationError } from '../../util/validated-yaml.js';
import {
  ComplaintFileSchema,
  EscalationFileSchema,
  RegulatorsFileSchema,
  ShapesFileSchema,
  ScoringFileSchema,
  SentimentFileSchema,
  TopicsFileSchema,
  type ComplaintFile,
  type EscalationFile,
  type Example,
  type RegulatorsFile,
  type ShapesFile,
  type ScoringFile,
  type SentimentFile,
  type TopicsFile,
} from './schema.js';

export interface RuleSource {
  path: string; // relative to the rules directory, with forward slashes
  text: string;
}

export interface LocatedExample extends Example {
  file: string;
  line: number | null;
}

export interface RuleSet {
  sentiment: SentimentFile[];
  complaint: ComplaintFile[];
  topics: TopicsFile['topics'];
  escalation: EscalationFile['escalation'];
  /** escalation.yaml's context section: how cue matches are judged (absent: every match counts) */
  escalationContext?: NonNullable<EscalationFile['context']>;
  regulators: RegulatorsFile['regulators'];
  shapes: ShapesFile['shapes'];
  scoring: ScoringFile;
  examples: LocatedExample[];
  files: string[];
}

type Kind = 'sentiment' | 'shapes' | 'complaint' | 'topics' | 'escalation' | 'regulators' | 'scoring';

export function kindOf(path: string): Kind | null {
  if (!/\.ya?ml$/.test(path)) return null;
  if (/^sentiment\/shapes\.ya?ml$/.test(path)) return 'shapes';
  if (path.startsWith('sentiment/')) return 'sentiment';
  if (path.startsWith('complaint/')) return 'complaint';
  if (/^topics\.ya?ml$/.test(path)) return 'topics';
  if (/^escalation\.ya?ml$/.test(path)) return 'escalation';
  if (/^regulators\.ya?ml$/.test(path)) return 'regulators';
  if (/^scoring\.ya?ml$/.test(path)) return 'scoring';
  return null; // routing rules, templates: other stages' files
}

const SCHEMAS = {
  sentiment: SentimentFileSchema,
  shapes: ShapesFileSchema,
  complaint: ComplaintFileSchema,
  topics: TopicsFileSchema,
  escalation: EscalationFileSchema,
  regulators: RegulatorsFileSchema,
  scoring: ScoringFileSchema,
} as const;

function validate<S extends z.ZodType>(src: RuleSource, schema: S): { data: z.output<S>; lineOf: (p: PropertyKey[]) => number | null } {
  const { value, lineOf } = parseYaml(src.text, src.path);
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError(src.path, formatIssues(result.error.issues, lineOf));
  return { data: result.data, lineOf };
}

/** Parse and validate a whole rules directory's worth of files. Throws on the first bad file. */
export function parseRules(sources: RuleSource[]): RuleSet {
  const set: RuleSet = { sentiment: [], complaint: [], topics: [], escalation: [], regulators: [], shapes: [], scoring: undefined as unknown as ScoringFile, examples: [], files: [] };
  const sorted = [...sources].sort((a, b) => a.path.localeCompare(b.path));
  for (const src of sorted) {
    const kind = kindOf(src.path);
    if (!kind) continue;
    const { data, lineOf } = validate(src, SCHEMAS[kind]);
    set.files.push(src.path);
    const problems: string[] = [];
    if (kind === 'sentiment') {
      const f = data as SentimentFile;
      checkDuplicates(f.lexicon.map((g) => g.words), ['lexicon'], lineOf, problems);
      set.sentiment.push(f);
    } else if (kind === 'complaint') {
      const f = data as ComplaintFile;
      checkUniqueIds(f.cues.map((c) => c.id), ['cues'], lineOf, problems);
      set.complaint.push(f);
    } else if (kind === 'topics') {
      const f = data as TopicsFile;
      checkUniqueIds(f.topics.map((t) => t.id), ['topics'], lineOf, problems);
      set.topics.push(...f.topics);
    } else if (kind === 'escalation') {
      const f = data as EscalationFile;
      checkUniqueIds(f.escalation.map((t) => t.id), ['escalation'], lineOf, problems);
      set.escalation.push(...f.escalation);
      if (f.context) set.escalationContext = f.context;
    } else if (kind === 'shapes') {
      const f = data as ShapesFile;
      checkUniqueIds(f.shapes.map((x) => x.id), ['shapes'], lineOf, problems);
      set.shapes.push(...f.shapes);
    } else if (kind === 'regulators') {
      const f = data as RegulatorsFile;
      checkUniqueIds(f.regulators.map((r) => r.id), ['regulators'], lineOf, problems);
      set.regulators.push(...f.regulators);
    } else {
      set.scoring = data as ScoringFile;
    }
    if (problems.length) throw new ValidationError(src.path, problems);
    const examples = (data as { examples?: Example[] }).examples ?? [];
    examples.forEach((ex, i) => set.examples.push({ ...ex, file: src.path, line: lineOf(['examples', i]) }));
  }
  if (!set.scoring) throw new ValidationError('scoring.yaml', ['the rules directory has no scoring.yaml (tuning constants of the scorer)']);
  checkExampleReferences(set);
  return set;
}

function checkDuplicates(groups: string[][], at: string[], lineOf: (p: PropertyKey[]) => number | null, problems: string[]): void {
  const seen = new Map<string, number>();
  groups.forEach((words, g) =>
    words.forEach((w, i) => {
      const k = w.toLowerCase();
      if (seen.has(k)) {
        const line = lineOf([...at, g, 'words', i]);
        problems.push(`${line ? `line ${line}: ` : ''}${at.join('.')}.${g}.words.${i}: "${w}" is listed twice (also in group ${seen.get(k)}); keep one weight`);
      } else seen.set(k, g);
    }),
  );
}

function checkUniqueIds(ids: string[], at: string[], lineOf: (p: PropertyKey[]) => number | null, problems: string[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      const line = lineOf([...at, i, 'id']);
      problems.push(`${line ? `line ${line}: ` : ''}${at.join('.')}.${i}.id: "${id}" is used twice`);
    }
    seen.add(id);
  });
}

function checkExampleReferences(set: RuleSet): void {
  const topics = new Set(set.topics.map((t) => t.id));
  const esc = new Set(set.escalation.map((e) => e.id));
  for (const r of set.regulators) if (!esc.has(r.cue)) throw new ValidationError('regulators.yaml', [`regulator "${r.id}": unknown escalation cue "${r.cue}" (escalation.yaml has ${[...esc].join(', ')})`]);
  for (const ex of set.examples) {
    const bad = [
      ...[...(ex.expect.topics ?? []), ...(ex.expect.not_topics ?? [])].filter((t) => !topics.has(t)).map((t) => `unknown topic "${t}"`),
      ...(ex.expect.escalation ?? []).filter((e) => !esc.has(e)).map((e) => `unknown escalation cue "${e}"`),
    ];
    if (bad.length) throw new ValidationError(ex.file, [`${ex.line ? `line ${ex.line}: ` : ''}examples: ${bad.join(', ')}`]);
  }
}
