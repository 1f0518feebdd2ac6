/**
 * Checks a source's type-specific keys against its schema in the feeds registry, so a bad source
 * fails at start naming the file, the line, the key and what was expected.
 */
import type { z } from 'zod';
import { SOURCE_TYPES, parseSourceConfig } from '../feeds/sources/index.js';

export function checkSourceKeys(source: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const { id: _id, type, every: _every, enabled: _enabled, ...rest } = source;
  if (typeof type !== 'string') return;
  const result = parseSourceConfig(type, rest);
  if (!result) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown source type ${JSON.stringify(type)}: expected one of ${SOURCE_TYPES.join(', ')}` });
    return;
  }
  if (result.success) return;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of (issue as { keys: string[] }).keys) ctx.addIssue({ code: 'custom', path: [...issue.path, k], message: `unknown key for a ${type} source` });
    } else {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[] as (string | number)[], message: issue.message });
    }
  }
}
