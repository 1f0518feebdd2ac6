/** Streamed exports: /api/export/{posts,revolts,cases}.{csv,jsonl} with filters. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { describe, parseQuery, timeParam } from '../openapi/registry.js';
import { exportStream, COLUMNS, type ExportFormat, type ExportKind } from '../../cx/export.js';

const word = z.string().regex(/^[A-Za-z0-9#:._/-]{1,200}$/, 'expected an id').optional();
export const ExportQuery = z.object({
  target: word.describe('target id'),
  since: timeParam.describe('from (posts: published; revolts: opened; cases: created)'),
  until: timeParam.describe('before'),
  pillar: word.describe('pillar (posts: a topic of the post; revolts: named in the explanation; cases: their topic’s pillar)'),
  topic: word.describe('topic id (revolts: the key)'),
  lang: z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as en').optional().describe('language (posts and cases)'),
});

const TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

for (const kind of ['posts', 'revolts', 'cases'] as ExportKind[]) {
  for (const format of ['csv', 'jsonl'] as ExportFormat[]) {
    describe('GET', `/api/export/${kind}.${format}`, {
      summary: `Export ${kind} as ${format === 'csv' ? 'CSV (a header row, then one row each)' : 'JSON lines (one object each)'}, newest first, streamed page by page`,
      description: `Columns/fields: ${COLUMNS[kind].join(', ')}. CSV cells that start with =, +, -, @, tab or CR are prefixed with ' (spreadsheet formula injection).`,
      tags: ['exports'],
      query: ExportQuery,
      contentType: TYPES[format].split(';')[0],
      response: z.string().describe(format === 'csv' ? 'CSV (RFC 4180)' : 'JSON lines'),
      errors: [400],
    });
  }
}

export function exportRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  for (const kind of ['posts', 'revolts', 'cases'] as ExportKind[]) {
    for (const format of ['csv', 'jsonl'] as ExportFormat[]) {
      api.get(`/export/${kind}.${format}`, (c) => {
        const q = parseQuery(c, ExportQuery);
        const stamp = new Date(ctx.clock.now()).toISOString().slice(0, 10);
        return new Response(exportStream(ctx, kind, format, q), {
          headers: { 'Content-Type': TYPES[format], 'Content-Disposition': `attachment; filename="backlash-${kind}-${stamp}.${format}"`, 'Cache-Control': 'no-store' },
        });
      });
    }
  }
  return api;
}
