/**
 * Issue 16, item 16: POST /api/rules/validate answered ok for files no loader reads
 * ("rules/complaint.yaml" holding garbage, "../../etc/passwd"). Unknown paths are an error; the
 * files it knows are checked by their own loaders (classifier rules, routing, reply templates).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { createApp } from '../../src/app.js';
import { ruleFilesReader } from '../../src/entry/access-node.js';
import { DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';

describe('POST /api/rules/validate', () => {
  let ctx: TestContext;
  let send: (files: { path: string; text: string }[]) => Promise<{ status: number; body: Record<string, any> }>;
  beforeEach(async () => {
    ctx = await createTestContext();
    ctx.ruleFiles = ruleFilesReader(DEFAULT_RULES_DIR);
    const app = createApp(ctx);
    const headers = { ...(await keyFor(ctx, 'viewer')).headers, 'content-type': 'application/json' };
    send = async (files) => {
      const res = await app.request('/api/rules/validate', { method: 'POST', headers, body: JSON.stringify({ files }) });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
  });
  afterEach(async () => ctx.close());

  it('refuses paths that are not rule files, whatever they hold', async () => {
    for (const path of ['rules/complaint.yaml', '../../etc/passwd', '/etc/passwd', 'complaint/../../x.yaml', 'notes.txt', 'topics.json', 'sentiment/a/b.yaml', 'templates/english-uk-long.yaml']) {
      const { status, body } = await send([{ path, text: 'root:x:0:0:root:/root:/bin/bash\n: : garbage [' }]);
      expect(status, path).toBe(400);
      expect(body.error.code, path).toBe('unknown_rule_file');
      expect(body.error.message).toContain('not a rule file');
    }
  });

  it('checks the files it knows: classifier rules, routing and templates, good and broken', async () => {
    const read = (p: string) => readFileSync(join(DEFAULT_RULES_DIR, p), 'utf8');
    const good = await send([{ path: 'complaint/en.yaml', text: read('complaint/en.yaml') }, { path: 'routing.yaml', text: read('routing.yaml') }, { path: 'templates/en.yaml', text: read('templates/en.yaml') }]);
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ ok: true, problems: [] });
    expect(good.body.files).toEqual(expect.arrayContaining(['complaint/en.yaml', 'routing.yaml', 'templates/en.yaml']));
    for (const path of ['complaint/en.yaml', 'routing.yaml', 'templates/en.yaml', 'scoring.yaml']) {
      const bad = await send([{ path, text: 'garbage: [1, 2\n' }]);
      expect(bad.status, path).toBe(200);
      expect(bad.body.ok, path).toBe(false);
      expect(bad.body.problems.join(' '), path).toContain(path);
    }
  });
});
