import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { keyFor } from '../helpers/auth.js';
import { makePost } from '../helpers/posts.js';
import { CX_CONFIG, HOUR, seedAnswers } from '../helpers/cx-seed.js';
import { createApp } from '../../src/app.js';
import { processPosts } from '../../src/pipeline/process.js';
import { exportStream, csvCell } from '../../src/cx/export.js';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const NASTY = '=HYPERLINK("http://evil.example","click"), said he\n"quoted" <script>';

/** RFC 4180 parser for the test (independent of the exporter). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('csv cells', () => {
  it('quotes, doubles quotes and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5 stars')).toBe("'-5 stars");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });
});

describe.each(DIALECTS)('exports (%s)', (dialect) => {
  let ctx: TestContext;
  let app: ReturnType<typeof createApp>;
  let headers: Record<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext({ dialect, config: CX_CONFIG, now: T0 + 24 * HOUR });
    await seedAnswers(ctx, T0);
    await processPosts(ctx, [makePost({ text: NASTY, publishedAt: T0 + 2 * HOUR }), makePost({ text: 'Reklamacja: nie dostałem zwrotu pieniędzy, skandal', lang: 'pl', publishedAt: T0 + 3 * HOUR })]);
    headers = (await keyFor(ctx, 'viewer')).headers;
    app = createApp(ctx, {});
  }, 60_000);
  afterAll(() => ctx?.close());

  it('streams every post as CSV, page by page, equal to the database, hostile text kept inert', async () => {
    const res = await app.request(`/api/export/posts.csv?target=acme`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await res.text());
    const [head, ...body] = rows;
    expect(head.slice(0, 3)).toEqual(['id', 'publishedAt', 'target']);
    const db = await ctx.db.selectFrom('posts').select(['id', 'text', 'published_at']).where('target_id', '=', 'acme').orderBy('published_at', 'desc').orderBy('id', 'desc').execute();
    expect(body.map((r) => r[0])).toEqual(db.map((p) => p.id));
    const nasty = body.find((r) => r[head.indexOf('text')].includes('HYPERLINK'))!;
    expect(nasty[head.indexOf('text')]).toBe(`'${NASTY}`);
  });

  it('pages through with a small page size and filters by language, topic, pillar and period', async () => {
    const read = async (s: ReadableStream<Uint8Array>) => new Response(s).text();
    const all = (await read(exportStream(ctx, 'posts', 'jsonl', { target: 'acme' }, 7))).trim().split('\n').map((l) => JSON.parse(l) as { id: string; lang: string; topics: string; pillars: string; publishedAt: string });
    expect(all.length).toBe(Number((await ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('target_id', '=', 'acme').executeTakeFirstOrThrow()).n));
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    const pl = (await read(exportStream(ctx, 'posts', 'jsonl', { lang: 'pl' }, 7))).trim().split('\n').map((l) => JSON.parse(l) as { lang: string });
    expect(pl).toHaveLength(1);
    const refunds = (await read(exportStream(ctx, 'posts', 'jsonl', { topic: 'refunds' }, 7))).trim().split('\n').map((l) => JSON.parse(l) as { topics: string });
    expect(refunds.length).toBeGreaterThan(0);
    expect(refunds.every((p) => p.topics.split(' ').includes('refunds'))).toBe(true);
    expect(refunds.length).toBe(all.filter((p) => p.topics.split(' ').includes('refunds')).length);
    const windowed = (await read(exportStream(ctx, 'posts', 'jsonl', { since: T0 + 6 * HOUR, until: T0 + 8 * HOUR }, 7))).trim().split('\n').map((l) => JSON.parse(l) as { publishedAt: string });
    expect(windowed.every((p) => Date.parse(p.publishedAt) >= T0 + 6 * HOUR && Date.parse(p.publishedAt) < T0 + 8 * HOUR)).toBe(true);
    expect(windowed.length).toBe(all.filter((p) => Date.parse(p.publishedAt) >= T0 + 6 * HOUR && Date.parse(p.publishedAt) < T0 + 8 * HOUR).length);
  });

  it('exports revolts and cases as JSONL and CSV', async () => {
    const revolts = (await (await app.request('/api/export/revolts.jsonl?target=acme', { headers })).text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; label: string });
    expect(revolts.map((r) => r.id).sort()).toEqual(['rv_answered', 'rv_brand']);
    const cases = parseCsv(await (await app.request('/api/export/cases.csv?target=acme', { headers })).text());
    expect(cases).toHaveLength(3);
    expect(cases.slice(1).map((r) => r[0]).sort()).toEqual(['q_a', 'q_b']);
    expect((await app.request('/api/export/cases.csv?lang=english', { headers })).status).toBe(400);
    expect((await app.request('/api/export/cases.jsonl', {})).status).toBe(401);
  });
});
