/**
 * Rules: view the rule files, validate a changed file against the rest, and classify a pasted text
 * with the running classifier's explanation. Reading files is the runtime's job (ctx.ruleFiles).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { parseRules } from '../../classify/rules/parse.js';
import { describe, parseBody } from '../openapi/registry.js';

const TestBody = z.object({ text: z.string().min(1).max(10_000), lang: z.string().max(8).optional() }).strict();
const ValidateBody = z.object({ files: z.array(z.object({ path: z.string().min(1).max(200), text: z.string().max(1_000_000) })).min(1).max(50) }).strict();

describe('GET', '/api/rules', { summary: 'The rule files the classifier runs with', tags: ['rules'] });
describe('POST', '/api/rules/validate', { summary: 'Validate changed rule files together with the others (changes nothing)', tags: ['rules'], body: ValidateBody, errors: [400, 415] });
describe('POST', '/api/rules/test', { summary: 'Classify a text and explain the verdict (changes nothing)', tags: ['rules'], body: TestBody, errors: [400, 415] });

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
    const current = await ctx.ruleFiles();
    const changed = new Map(body.files.map((f) => [f.path, f.text]));
    const merged = [...current.filter((f) => !changed.has(f.path)), ...body.files];
    try {
      const set = parseRules(merged);
      return c.json({ ok: true, files: set.files, examples: set.examples.length, problems: [] });
    } catch (err) {
      const e = err as Error & { file?: string; problems?: string[] };
      return c.json({ ok: false, files: [], examples: 0, problems: e.problems?.length ? e.problems.map((p) => `${e.file ?? ''}: ${p}`) : [e.message] });
    }
  });
  api.post('/rules/test', async (c) => {
    const body = await parseBody(c, TestBody);
    const classifier = ctx.classifier();
    const verdict = (classifier.classify as ExplainingClassify).call(classifier, body.text, body.lang ?? null, { explain: true });
    return c.json({ classifier: classifier.version, verdict });
  });
  return api;
}
