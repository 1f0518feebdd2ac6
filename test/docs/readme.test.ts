import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { configSchema } from '../../src/config/schema.js';
import { COMMANDS } from '../../src/cli/main.js';

const README = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The fenced yaml block that follows the "### The config file" heading. */
function configBlock(): string {
  const at = README.indexOf('### The config file');
  const m = /```yaml\n([\s\S]*?)```/.exec(README.slice(at));
  if (at < 0 || !m) throw new Error('README has no config reference block');
  return m[1];
}

/** Every key path the schema accepts (arrays as []), unwrapping defaults, optionals and transforms. */
function keyPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return keyPaths(def.innerType as z.ZodType, prefix);
    case 'pipe':
      return keyPaths(def.in as z.ZodType, prefix);
    case 'array':
      return keyPaths(def.element as z.ZodType, `${prefix}[].`);
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).flatMap(([k, v]) => {
        const inner = keyPaths(v, `${prefix}${k}.`);
        return inner.length ? inner : [`${prefix}${k}`];
      });
    }
    default:
      return [];
  }
}

function documentedPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => documentedPaths(v, `${prefix}[].`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      const inner = documentedPaths(v, `${prefix}${k}.`);
      return inner.length ? [`${prefix}${k}`, ...inner] : [`${prefix}${k}`];
    });
  return [];
}

describe('README', () => {
  it('gives the two quick-start commands', () => {
    expect(README).toContain('npm install && npm start');
    expect(README).toMatch(/^npm test\b/m);
  });

  it("documents a config example that Backlash itself accepts", () => {
    const result = configSchema.safeParse(parse(configBlock()));
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('documents every key of the config file', () => {
    const documented = new Set(documentedPaths(parse(configBlock())).map((p) => p.replace(/\.$/, '')));
    const missing = keyPaths(configSchema).filter((p) => !documented.has(p));
    expect(missing).toEqual([]);
  });

  it('lists every CLI command', () => {
    for (const name of Object.keys(COMMANDS)) expect(README).toContain(`backlash ${name}`);
  });
});
