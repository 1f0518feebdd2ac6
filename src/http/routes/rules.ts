/**
 * Rules: view the rule files, validate a changed file against the rest, and classify a pasted text
 * with the running classifier's explanation. Reading files is the runtime's job (ctx.ruleFiles).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { kindOf, parseRules } from '../../classify/rules/parse.js';
import { loadRoutingRules } from '../../routing/rules.js';
import { loadTemplates } from '../../routing/templates.js';
import { describe, parseBody } from '../openapi/registry.js';
import { VerdictSchema } from '../openapi/schemas.js';

const TestBody = z.object({ text: z.string().min(1).max(10_000), lang: z.string().max(8).optional() }).strict();
const ValidateBody = z.object({ files: z.array(z.object({ path: z.string().min(1).max(200), text: z.string().max(1_000_000) })).min(1).max(50) }).strict();

describe('GET', '/api/rules', { summary: 'The rule files the classifier runs with', tags: ['rules'], response: z.object({ classifier: z.string(), items: z.array(z.object({ path: z.string(), text: z.string(), bytes: z.number() })) }) });
describe('POST', '/api/rules/validate', { summary: 'Validate changed rule files together with the others (changes nothing); a path that is not a rule file is 400 unknown_rule_file', tags: ['rules'], body: ValidateBody, response: z.object({ ok: z.boolean(), files: z.array(z.string()), examples: z.number(), problems: z.array(z.string()) }), errors: [400, 415, 503] });
describe('POST', '/api/rules/test', { summary: 'Classify a text and explain the verdict (changes nothing)', tags: ['rules'], body: TestBody, response: z.object({ classifier: z.string(), verdict: VerdictSchema }), errors: [400, 415] });

const RULE_FILE_LAYOUT = 'sentiment/<lang>.yaml, sentiment/emoji.yaml, sentiment/shapes.yaml, complaint/<lang>.yaml, topics.yaml, escalation.yaml, regulators.yaml, scoring.yaml, routing.yaml or templates/<lang>.yaml';

/** Which loader reads a file of rules/, or null for a path none does (or one that leaves rules/). */
export function ruleFileKind(path: string): 'classifier' | 'routing' | 'template' | null {
  if (!/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)?\.ya?ml$/i.test(path)) return null; // no "..", no absolute path, one folder at most
  if (/^routing\.ya?ml$/.test(path)) return 'routing';
  if (/^templates\/[a-z]{2,3}(-[a-z0-9]+)?\.ya?ml$/i.test(path)) return 'template';
  return kindOf(path) !== null ? 'classifier' : null;
}

type ExplainingClassify = (text: string, lang?: string | null, opts?: { explain?: boolean }) => unknown;

export function ruleRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/rules', async (c) => {
    const files = ctx.ruleFiles ? await ctx.ruleFiles() : [];
    return c.json({ classifier: ctx.classifier().version, items: files.map((f) => ({ path: f.path, text: f.text, bytes: f.text.length })) });
  });
  api.post('/rules/validate', async (c) => {
    const body = await parseBody(c, ValidateBody);
    if (!ctx.ruleFiles) throw new HttpError(503, 'unavailable', 'this runtime cannot read rule files');
    // a file no loader reads would be "valid" whatever it holds: name only files that exist in rules/
    const unknown = body.files.filter((f) => ruleFileKind(f.path) === null).map((f) => f.path);
    if (unknown.length) throw new HttpError(400, 'unknown_rule_file', `${unknown.map((p) => JSON.stringify(p.slice(0, 200))).join(', ')}: not a rule file; expected ${RULE_FILE_LAYOUT}`);
    const current = await ctx.ruleFiles();
    const changed = new Map(body.files.map((f) => [f.path, f.text]));
    const merged = [...current.filter((f) => !changed.has(f.path)), ...body.files];
    const problems: string[] = [];
    const report = (err: unknown) => {
      const e = err as Error & { file?: string; problems?: string[] };
      problems.push(...(e.problems?.length ? e.problems.map((p) => `${e.file ?? ''}: ${p}`) : [e.message]));
    };
    let files: string[] = [];
    let examples = 0;
    try {
      const set = parseRules(merged);
      files = set.files;
      examples = set.examples.length;
    } catch (err) {
      report(err);
    }
    // routing and reply templates are other stages' files, checked by their own loaders
    for (const f of body.files) {
      try {
        const kind = ruleFileKind(f.path);
        if (kind === 'routing') loadRoutingRules(f.text, f.path, { channelIds: ctx.config.notifications.channels.map((ch) => ch.id) });
        else if (kind === 'template') loadTemplates([{ lang: f.path.replace(/^templates\//, '').replace(/\.ya?ml$/, ''), file: f.path, text: f.text }]);
        else continue;
        files.push(f.path);
      } catch (err) {
        report(err);
      }
    }
    return c.json(problems.length ? { ok: false, files: [], examples: 0, problems } : { ok: true, files, examples, problems: [] });
  });
  api.post('/rules/test', async (c) => {
    const body = await parseBody(c, TestBody);
    const classifier = ctx.classifier();
    const verdict = (classifier.classify as ExplainingClassify).call(classifier, body.text, body.lang ?? null, { explain: true });
    return c.json({ classifier: classifier.version, verdict });
  });
  return api;
}
