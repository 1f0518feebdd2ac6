/** `backlash rules test`: run the examples carried by the rule files through a classifier. */
import type { Verdict } from '../../types.js';
import type { LocatedExample } from './parse.js';

export interface ExampleResult {
  example: LocatedExample;
  ok: boolean;
  problems: string[];
  verdict: Verdict;
}

export function checkExample(ex: LocatedExample, v: Verdict): string[] {
  const p: string[] = [];
  const e = ex.expect;
  if (e.sentiment && v.sentiment.label !== e.sentiment) p.push(`sentiment: expected ${e.sentiment}, got ${v.sentiment.label} (${v.sentiment.score})`);
  if (e.complaint !== undefined && v.complaint.is !== e.complaint) p.push(`complaint: expected ${e.complaint}, got ${v.complaint.is} (${v.complaint.score})`);
  const topics = new Set(v.topics.map((t) => t.id));
  for (const t of e.topics ?? []) if (!topics.has(t)) p.push(`topics: expected ${t}, got [${[...topics].join(', ')}]`);
  for (const t of e.not_topics ?? []) if (topics.has(t)) p.push(`topics: did not expect ${t}`);
  const esc = new Set(v.escalation.map((x) => x.id));
  for (const x of e.escalation ?? []) if (!esc.has(x)) p.push(`escalation: expected ${x}, got [${[...esc].join(', ')}]`);
  return p;
}

export function runExamples(classify: (text: string, lang?: string | null) => Verdict, examples: LocatedExample[]): ExampleResult[] {
  return examples.map((example) => {
    const verdict = classify(example.text, example.lang);
    const problems = checkExample(example, verdict);
    return { example, ok: problems.length === 0, problems, verdict };
  });
}
