/**
 * Issue 16, items 10–13: feeds as publishers really write them. Every fixture here is a small feed
 * written for this test: Windows-1252 bytes under Latin-1 labels, prefixed elements before the
 * item's own, xml:base, Atom 0.3 dates and base64 content, Dublin Core terms dates, old Reddit
 * comments, and App Store reviews without `updated`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXmlFeed } from '../../src/feeds/parse-xml-feed.js';
import { feedItemToPost } from '../../src/feeds/sources/rss.js';
import { redditThingToPost } from '../../src/feeds/sources/reddit.js';
import { bodyText } from '../../src/feeds/http.js';
import { addSource, createFeedContext, sourceRow, startFixtureServer, T0, type FeedTestContext, type FixtureServer } from './helpers.js';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const SRC = { id: 's', target: 't' };

/** A string's characters as bytes, with \xNN escapes meaning single bytes (a Windows-made file). */
const cp1252 = (s: string) => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
const WIN = '\x93Smart\x94 quotes, it\x92s \x80 5 \x96 done\x85 \x99';
const WIN_TEXT = '“Smart” quotes, it’s € 5 – done… ™';

describe('item 10: Windows-1252 under the labels publishers use', () => {
  for (const label of ['windows-1252', 'ISO-8859-1', 'iso-8859-1', 'latin1', 'US-ASCII', 'cp1252']) {
    it(`decodes 0x80–0x9F as windows-1252 when the XML declaration says ${label}`, () => {
      const bytes = cp1252(`<?xml version="1.0" encoding="${label}"?><rss version="2.0"><channel><title>w</title><item><guid>1</guid><title>${WIN}</title><description>caf\xe9</description></item></channel></rss>`);
      const item = parseXmlFeed(bodyText({ headers: { 'content-type': 'application/rss+xml' }, body: bytes })).items[0];
      expect(item.title).toBe(WIN_TEXT);
      expect(item.body).toBe('café');
      expect(item.title).not.toMatch(/[\x80-\x9f]/);
    });
  }

  it('follows the Content-Type charset over the declaration, by the same rules', () => {
    const bytes = cp1252(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><guid>1</guid><title>${WIN}</title></item></channel></rss>`);
    expect(parseXmlFeed(bodyText({ headers: { 'content-type': 'text/xml; charset=ISO-8859-1' }, body: bytes })).items[0].title).toBe(WIN_TEXT);
  });

  it('reads numeric references 128–159 as the characters Windows tools meant, in XML and in escaped HTML', () => {
    const feed = parseXmlFeed('<rss version="2.0"><channel><item><guid>1</guid><title>&#147;Quoted&#148; &#150; &#x80;9</title><description>&lt;p&gt;it&amp;#146;s &amp;#133;&lt;/p&gt;</description></item></channel></rss>');
    expect(feed.items[0].title).toBe('“Quoted” – €9');
    expect(feed.items[0].body).toBe('it’s …');
  });

  it('stores the right characters when a real server sends a Windows feed labelled ISO-8859-1', async () => {
    const server = await startFixtureServer();
    const ctx = await createFeedContext('sqlite');
    try {
      const body = Buffer.from(cp1252(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>w</title><item><guid>w1</guid><title>${WIN}</title><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item></channel></rss>`));
      server.route('/win.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=ISO-8859-1' }).end(body));
      await addSource(ctx, 'acme', { id: 'win', type: 'rss', url: `${server.base}/win.xml` });
      expect(await ctx.poll('win')).toMatchObject({ status: 'ok', newPosts: 1 });
      const row = await ctx.db.selectFrom('posts').select('text').where('source_id', '=', 'win').executeTakeFirstOrThrow();
      expect(row.text).toBe(WIN_TEXT);
    } finally {
      await ctx.close();
      await server.close();
    }
  });
});

describe('item 11: an item\'s own elements win over prefixed ones', () => {
  const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>News</title><atom:link rel="self" href="https://news.example.com/rss"/><language>en</language>
<item>
  <atom:link rel="standout" href="https://news.example.com/standout/1"/>
  <media:title>Photo: the queue at gate 4</media:title>
  <itunes:description>Episode notes, not the story</itunes:description>
  <title>Acme strands 300 at the airport</title>
  <link>https://news.example.com/2026/03/02/acme-strands-300</link>
  <description>Passengers waited nine hours.</description>
  <media:description>A crowded terminal</media:description>
  <undeclared:title>not this either</undeclared:title>
  <dc:creator>R. Writer</dc:creator>
  <guid isPermaLink="false">news-1</guid>
</item>
<item><atom:link rel="alternate" href="https://news.example.com/only-atom"/><title>Only an Atom link</title><guid isPermaLink="false">news-2</guid></item>
</channel></rss>`;

  it('takes link, title and description from no namespace, never from atom:, media: or another module', () => {
    const [a, b] = parseXmlFeed(RSS).items;
    expect(a).toMatchObject({ url: 'https://news.example.com/2026/03/02/acme-strands-300', title: 'Acme strands 300 at the airport', body: 'Passengers waited nine hours.', author: 'R. Writer', id: 'news-1' });
    const post = feedItemToPost(a, SRC, 'en', NOW);
    expect(post.url).toBe('https://news.example.com/2026/03/02/acme-strands-300');
    expect(post.text).toBe('Acme strands 300 at the airport\n\nPassengers waited nine hours.');
    // with no link of its own, an Atom alternate link is better than nothing
    expect(b.url).toBe('https://news.example.com/only-atom');
  });

  it('reads an Atom feed written with a prefix, and ignores media:content and foreign titles', () => {
    const feed = parseXmlFeed(`<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:m="http://search.yahoo.com/mrss/"><a:title>T</a:title>
      <a:entry><m:title>media title</m:title><a:title>Entry title</a:title><a:id>tag:x,2026:1</a:id><m:content url="https://x/1.jpg"/><a:content type="text">Entry body</a:content><a:link href="https://x.example/1"/></a:entry></a:feed>`);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toMatchObject({ title: 'Entry title', body: 'Entry body', id: 'tag:x,2026:1', url: 'https://x.example/1' });
  });
});

describe('item 13: xml:base, Atom 0.3, Dublin Core terms dates, old Reddit comments', () => {
  it('resolves relative links and ids under xml:base (nested), and relative links against the feed URL', () => {
    const feed = parseXmlFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/"><title>b</title>
      <entry xml:base="/2026/"><id>posts/1</id><title>One</title><link href="posts/1.html"/><author><name>A</name><uri>/authors/a</uri></author><updated>2026-03-01T10:00:00Z</updated></entry>
      <entry><id>tag:blog.example.com,2026:2</id><title>Two</title><link href="../two.html" xml:base="https://other.example/x/y/"/><updated>2026-03-01T11:00:00Z</updated></entry>
    </feed>`);
    expect(feed.items[0]).toMatchObject({ id: 'https://blog.example.com/2026/posts/1', url: 'https://blog.example.com/2026/posts/1.html', authorUri: 'https://blog.example.com/authors/a' });
    expect(feed.items[1]).toMatchObject({ id: 'tag:blog.example.com,2026:2', url: 'https://other.example/x/two.html' });
    const rss = parseXmlFeed(`<rss version="2.0"><channel xml:base="https://shop.example/news/"><title>s</title>
      <item><title>A</title><link>a.html</link><guid>a.html</guid></item>
      <item><title>B</title><guid isPermaLink="false">b-42</guid></item></channel></rss>`);
    expect(rss.items[0]).toMatchObject({ url: 'https://shop.example/news/a.html', id: 'https://shop.example/news/a.html' });
    expect(rss.items[1]).toMatchObject({ id: 'b-42', url: null });
    const plain = parseXmlFeed('<rss version="2.0"><channel><item><title>C</title><link>/c.html</link><guid isPermaLink="false">7</guid></item></channel></rss>', 'https://feeds.example.org/sub/rss.xml');
    // no xml:base: the link resolves against the document's URL, the id (a name) stays as written
    expect(plain.items[0]).toMatchObject({ url: 'https://feeds.example.org/c.html', id: '7' });
  });

  it('reads Atom 0.3: issued/created/modified dates, base64 and escaped content', () => {
    const html = '<p>Checkout fails with <b>error 500</b> again</p>';
    const feed = parseXmlFeed(`<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en"><title>old</title>
      <entry><title>b64</title><id>tag:old,2004:1</id><issued>2004-05-02T10:00:00-05:00</issued><modified>2004-05-03T10:00:00Z</modified>
        <content type="text/html" mode="base64">${Buffer.from(html).toString('base64').replace(/(.{20})/g, '$1\n')}</content></entry>
      <entry><title>escaped</title><id>tag:old,2004:2</id><created>2004-05-01T08:00:00Z</created><modified>2004-05-04T08:00:00Z</modified>
        <content type="text/html" mode="escaped">&lt;p&gt;Refund &amp;amp; apology&lt;/p&gt;</content><summary type="text/plain">s</summary></entry>
      <entry><title>only modified</title><id>tag:old,2004:3</id><modified>2004-05-05T08:00:00Z</modified><content type="image/png" mode="base64">iVBORw0KGgo=</content><summary>Plain summary</summary></entry>
    </feed>`);
    const [a, b, c] = feed.items.map((i) => feedItemToPost(i, SRC, feed.lang, NOW));
    expect(a.text).toBe('b64\n\nCheckout fails with error 500 again');
    expect(a.publishedAt).toBe(Date.parse('2004-05-02T15:00:00Z'));
    expect(b.text).toBe('escaped\n\nRefund & apology');
    expect(b.publishedAt).toBe(Date.parse('2004-05-01T08:00:00Z'));
    expect(c.text).toBe('only modified\n\nPlain summary');
    expect(c.publishedAt).toBe(Date.parse('2004-05-05T08:00:00Z'));
  });

  it('reads dcterms dates in RSS and Atom 1.0', () => {
    const rss = parseXmlFeed(`<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><item><title>x</title><guid>1</guid><dcterms:created>2026-02-27T12:00:00Z</dcterms:created></item></channel></rss>`);
    expect(feedItemToPost(rss.items[0], SRC, null, NOW).publishedAt).toBe(Date.parse('2026-02-27T12:00:00Z'));
    const atom = parseXmlFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/"><entry><id>1</id><title>x</title><dcterms:issued>2026-02-26T12:00:00Z</dcterms:issued><updated>2026-03-01T00:00:00Z</updated></entry></feed>`);
    expect(feedItemToPost(atom.items[0], SRC, null, NOW).publishedAt).toBe(Date.parse('2026-02-26T12:00:00Z'));
  });

  it('gives old Reddit comments (t1 without permalink) their URL from link_permalink or link_id', () => {
    const old = { kind: 't1', data: { id: 'c0ffee', name: 't1_c0ffee', link_id: 't3_abc12', subreddit: 'acme', author: 'pat', body: 'Acme billed me twice', created_utc: 1_300_000_000, link_title: 'Billing thread' } };
    expect(redditThingToPost(old, SRC, NOW)?.url).toBe('https://www.reddit.com/r/acme/comments/abc12/_/c0ffee/');
    const withLink = { kind: 't1', data: { ...old.data, link_permalink: 'https://www.reddit.com/r/acme/comments/abc12/billing_thread/' } };
    expect(redditThingToPost(withLink, SRC, NOW)?.url).toBe('https://www.reddit.com/r/acme/comments/abc12/billing_thread/c0ffee/');
    const modern = { kind: 't1', data: { ...old.data, permalink: '/r/acme/comments/abc12/billing_thread/c0ffee/' } };
    expect(redditThingToPost(modern, SRC, NOW)?.url).toBe('https://www.reddit.com/r/acme/comments/abc12/billing_thread/c0ffee/');
  });
});

describe('item 12: App Store reviews without `updated`', () => {
  let server: FixtureServer;
  let ctx: FeedTestContext;
  let reviews: number[];
  const PAGE = 10;
  beforeEach(async () => {
    server = await startFixtureServer();
    reviews = Array.from({ length: 35 }, (_, i) => 6_290_000_000 + i * 17);
    server.route('/jp/rss/customerreviews/', (_req, res, url) => {
      const m = /page=(\d+)\/id=1404176564\/sortby=mostrecent\/json$/.exec(url.pathname);
      if (!m) return void res.writeHead(404).end();
      const n = Number(m[1]);
      const newest = [...reviews].sort((a, b) => b - a).slice((n - 1) * PAGE, n * PAGE);
      // the Japanese storefront's variant: no `updated` on the entries
      const entry = newest.map((id) => ({
        author: { uri: { label: `https://itunes.apple.com/jp/reviews/id${id % 1000}` }, name: { label: `user${id % 7}` }, label: '' },
        'im:version': { label: '3.4.3' },
        'im:rating': { label: '2' },
        id: { label: String(id) },
        title: { label: `レビュー ${id}` },
        content: { label: 'ログインできません', attributes: { type: 'text' } },
        'im:voteSum': { label: '0' },
        'im:voteCount': { label: '0' },
      }));
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(JSON.stringify({ feed: { updated: { label: '2026-03-02T01:00:00-07:00' }, entry } }));
    });
    ctx = await createFeedContext('sqlite');
    await addSource(ctx, 'acme', { id: 'jp', type: 'appstore', appId: '1404176564', country: 'jp', base: server.base, lang: 'ja' });
  });
  afterEach(async () => {
    await ctx.close();
    await server.close();
  });

  const pagesRequested = (from: number) => server.log.slice(from).filter((r) => r.url.pathname.includes('customerreviews')).length;
  const stored = async () => (await ctx.db.selectFrom('posts').select(['external_id', 'published_at']).where('source_id', '=', 'jp').execute()).map((r) => [r.external_id, Number(r.published_at)] as const);

  it('dates each review once, keeps the newest-first order, and stops paging at known reviews', async () => {
    expect(await ctx.poll('jp')).toMatchObject({ status: 'ok', newPosts: 35 });
    expect(pagesRequested(0)).toBe(5); // 4 full pages, then an empty one
    const first = new Map(await stored());
    const byId = [...first.entries()].sort((a, b) => Number(b[0]) - Number(a[0]));
    // fetch time, minus the position: distinct, and newest review latest
    for (let i = 1; i < byId.length; i++) expect(byId[i][1]).toBeLessThan(byId[i - 1][1]);
    expect(T0 - byId[0][1]).toBeLessThan(1000);
    expect(JSON.parse((await sourceRow(ctx, 'jp')).cursor!)).toMatchObject({ lastId: String(reviews[34]) });

    ctx.clock.set(T0 + 600_000);
    const before = server.log.length;
    expect(await ctx.poll('jp')).toMatchObject({ status: 'ok', newPosts: 0 });
    expect(pagesRequested(before)).toBe(1); // known reviews on the first page: no paging through all ten

    reviews.push(6_300_000_001, 6_300_000_002);
    ctx.clock.set(T0 + 1_200_000);
    const again = server.log.length;
    expect(await ctx.poll('jp')).toMatchObject({ status: 'ok', newPosts: 2 });
    expect(pagesRequested(again)).toBe(1);
    const after = new Map(await stored());
    expect(after.size).toBe(37);
    for (const [id, t] of first) expect(after.get(id)).toBe(t); // dated once
    expect(after.get('6300000002')!).toBeGreaterThan(after.get('6300000001')!);
    expect(after.get('6300000001')!).toBeGreaterThan(T0 + 1_100_000);
  });
});
