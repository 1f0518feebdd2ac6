// The core runs on Node and on workerd (ARCHITECTURE.md habit 3): only src/entry/ and src/cli/ may
// import Node built-ins or Node-only packages, and nothing else under src/ may import a file in
// src/entry/ or src/cli/ (a relative import would carry their Node-only imports into the Worker).
// Checks static imports, `export … from`, dynamic `import()` and `require()`, type-only imports
// included: they vanish at build time but still tie the core to one runtime's API.
import { builtinModules } from 'node:module';
import path from 'node:path';

export const RUNTIME_DIRS = ['entry', 'cli'];
export const NODE_ONLY_PACKAGES = ['better-sqlite3', 'pg', 'pg-pool', 'pg-cursor', 'undici', 'p-queue', '@hono/node-server', 'dotenv'];
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** Why `spec` is off-limits to the core as a package, or null. */
export function forbiddenPackage(spec) {
  if (spec.startsWith('node:')) return 'a Node built-in';
  if (spec.startsWith('.') || spec.startsWith('/')) return null;
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (BUILTINS.has(pkg)) return 'a Node built-in';
  if (NODE_ONLY_PACKAGES.includes(pkg)) return 'a Node-only package';
  return null;
}

/** The first folder under src/ a path lies in ('' for src/ itself), or null outside src/. */
function srcTop(file, srcDir) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

/** @type {import('eslint').Rule.RuleModule} */
export const runtimeBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'keep Node-only code in src/entry/ and src/cli/' },
    schema: [{ type: 'object', properties: { srcDir: { type: 'string' } }, additionalProperties: false }],
    messages: {
      nodeOnly: "'{{spec}}' is {{why}}: move this code to src/entry/ or pass it in through AppContext",
      intoRuntime: "'{{spec}}' is a file in src/{{dir}}/, which is Node-only: move the shared part out of src/{{dir}}/ or this file into it",
    },
  },
  create(context) {
    const srcDir = path.resolve(context.cwd, context.options[0]?.srcDir ?? 'src');
    const file = path.resolve(context.filename);
    const top = srcTop(file, srcDir);
    if (top === null || RUNTIME_DIRS.includes(top)) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const why = forbiddenPackage(spec);
      if (why) return context.report({ node, messageId: 'nodeOnly', data: { spec, why } });
      if (!spec.startsWith('.')) return;
      const target = srcTop(path.resolve(path.dirname(file), spec), srcDir);
      if (target && RUNTIME_DIRS.includes(target)) context.report({ node, messageId: 'intoRuntime', data: { spec, dir: target } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0]);
      },
    };
  },
};
