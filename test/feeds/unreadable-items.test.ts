/**
 * Issue 16, item 7: a JSON source whose items cannot be read (nested 200,000 deep, not objects, or
 * without the mapped text) reported `ok` with 0 posts. It must fail with the reason, like any other
 * failure, and keep reading pages where only some items are unreadable.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/context.js';
import { addSource, createFeedContext, postCount, sourceRow, startFixtureServer, type FeedTestContext, type FixtureServer } from './helpers.js';

const DEEP = 200_000;

describe.each(DIALECTS)('unreadable JSON items on %s', (dialect) => {
  let server: FixtureServer;
  let ctx: FeedTestContext;
  beforeEach(async () => {
    server = await startFixtureServer();
    ctx = await createFeedContext(dialect);
    const send = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    server.route('/deep', send(`{"data":[${'['.repeat(DEEP)}${']'.repeat(DEEP)}]}`));
    server.route('/strings', send('{"data":["one","two"]}'));
    server.route('/renamed', send('{"data":[{"id":1,"message":"the API renamed body to message"},{"id":2,"message":"again"}]}'));
    server.route('/mixed', send('{"data":[{"id":1,"body":"readable complaint about Acme"},[1,[2]],{"id":3,"body":""},{"id":4,"body":"another one"}]}'));
    server.route('/empty', send('{"data":[]}'));
    server.route('/feed-deep', (_req, res) => void res.writeHead(200, { 'content-type': 'application/feed+json' }).end(`{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[${'['.repeat(DEEP)}${']'.repeat(DEEP)}]}`));
    const json = (id: string, path: string) => addSource(ctx, 'acme', { id, type: 'json', url: `${server.base}${path}`, items: 'data', fields: { id: 'id', text: 'body' } });
    await json('deep', '/deep');
    await json('strings', '/strings');
    await json('renamed', '/renamed');
    await json('mixed', '/mixed');
    await json('empty', '/empty');
  });
  afterEach(async () => {
    await ctx.close();
    await server.close();
  });

  it('fails a page of unreadable items with the reason instead of reporting ok with 0 posts', async () => {
    const deep = await ctx.poll('deep');
    expect(deep.status).toBe('failing');
    expect(deep.error).toBe(`none of the 1 item at "data" could be read: item 0 is an array nested ${DEEP.toLocaleString('en-US')} deep, not an object`);
    const row = await sourceRow(ctx, 'deep');
    expect(row).toMatchObject({ status: 'failing', error_code: 'parse' });
    expect(row.last_error).toContain('nested 200,000 deep');
    expect((await ctx.poll('strings')).error).toBe('none of the 2 items at "data" could be read: item 0 is a string, not an object');
    expect((await ctx.poll('renamed')).error).toBe('none of the 2 items at "data" could be read: item 0 has no text at "body"');
    expect(await postCount(ctx)).toBe(0);
  });

  it('keeps the readable items of a mixed page, and an empty page is simply ok', async () => {
    expect(await ctx.poll('mixed')).toMatchObject({ status: 'ok', newPosts: 2 });
    expect(await ctx.poll('empty')).toMatchObject({ status: 'ok', newPosts: 0 });
  });

  it('fails a JSON Feed whose items cannot be read, with the reason', async () => {
    await addSource(ctx, 'acme', { id: 'feed', type: 'jsonfeed', url: `${server.base}/feed-deep` });
    const out = await ctx.poll('feed');
    expect(out).toMatchObject({ status: 'failing', newPosts: 0 });
    expect(out.error).toMatch(/^none of the 1 item at "items" could be read: item 0 is an array nested 200,000 deep/);
  });
});
