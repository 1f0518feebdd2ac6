/**
 * Two conventions `npm run lint` keeps (eslint.config.js): routes, pages and read models reach the
 * database only through src/store/queries/ (or the stage that owns the table), and the dashboard's
 * browser code imports only its own modules, uplot and types, and time comes from the context. Linted as text at real paths, so the
 * test checks the config the project uses.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function errorsOf(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

const QUERY = "import { sql } from 'kysely';\nexport const q = (ctx: { db: any }) => [sql, ctx.db.selectFrom('posts').selectAll()];\n";

describe('layers kept by the linter', () => {
  it('rejects a kysely query in a route, a page, an http read model or a CX query module', async () => {
    for (const file of ['src/http/routes/x.ts', 'src/http/pages/x.ts', 'src/http/overview.ts', 'src/http/timeline.ts', 'src/cx/answers-query.ts']) {
      expect(await errorsOf(file, QUERY), file).toEqual(['no-restricted-imports', 'no-restricted-syntax']);
    }
  });

  it('accepts the same query in src/store/queries/, and type imports from kysely anywhere', async () => {
    expect(await errorsOf('src/store/queries/x.ts', QUERY)).toEqual([]);
    expect(await errorsOf('src/http/queries.ts', "import type { Kysely } from 'kysely';\nexport type K = Kysely<unknown>;\n")).toEqual([]);
  });

  it('keeps server packages and server modules out of the browser bundle', async () => {
    expect(await errorsOf('src/http/client/x.ts', "import { html } from 'hono/html';\nexport const h = html;\n")).toEqual(['no-restricted-imports']);
    expect(await errorsOf('src/http/client/x.ts', "import { layout } from '../views/layout.js';\nexport const l = layout;\n")).toEqual(['no-restricted-imports']);
    expect(await errorsOf('src/http/views/revolt-card.ts', "import { html } from 'hono/html';\nexport const h = html;\n")).toEqual(['no-restricted-imports']);
    const ok = "import uPlot from 'uplot';\nimport type { Context } from 'hono';\nimport { toDom } from './dom.js';\nimport { h } from '../views/tree.js';\nexport const x: [unknown, Context | null, unknown, unknown] = [uPlot, null, toDom, h];\n";
    expect(await errorsOf('src/http/client/x.ts', ok)).toEqual([]);
  });

  it('reads the system clock only in the runtime files, util/clock.ts and the browser', async () => {
    const code = 'export const t = [Date.now(), new Date()];\n';
    for (const file of ['src/auth/sessions.ts', 'src/http/routes/keys.ts', 'src/http/overview.ts', 'src/jobs/retention.ts', 'src/app.ts']) {
      expect(await errorsOf(file, code), file).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
    }
    for (const file of ['src/entry/node.ts', 'src/cli/main.ts', 'src/util/clock.ts', 'src/http/client/desk.ts']) expect(await errorsOf(file, code), file).toEqual([]);
    expect(await errorsOf('src/auth/sessions.ts', 'export const t = new Date(0);\n')).toEqual([]);
  });
});
