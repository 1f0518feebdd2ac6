import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createApp } from '../../src/app.js';
import { apiRoutesOf, openApiPath } from '../../src/http/openapi/document.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; 'x-role'?: string | null; security?: unknown[] }>> };

describe('OpenAPI document', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });
  afterEach(async () => ctx.close());

  it('validates as OpenAPI 3', async () => {
    const res = await createApp(ctx).request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists exactly the registered API routes, with their path and query parameters', async () => {
    const app = createApp(ctx);
    const doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    const registered = apiRoutesOf(app.routes).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(registered);
    const revolts = doc.paths['/api/revolts'].get;
    expect(revolts.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['status', 'target', 'severity', 'since', 'until', 'cursor', 'limit']));
    expect(doc.paths['/api/posts/{id}/labels'].post['x-role']).toBe('agent');
    expect(doc.paths['/api/keys'].post['x-role']).toBe('admin');
    expect(doc.paths['/api/openapi.json'].get.security).toEqual([]);
  });

  it('renders a readable reference page from the document, escaped and without inline script', async () => {
    const res = await createApp(ctx).request('/docs/api');
    expect(res.status).toBe(200); // no key needed to read the reference
    const page = await res.text();
    expect(page).toContain('API reference');
    expect(page).toContain('<code>/api/posts/{id}/labels</code>');
    expect(page).not.toMatch(/<script[^>]*>[^<]+<\/script>/i);
  });
});
