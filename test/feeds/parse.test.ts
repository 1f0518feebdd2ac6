/** Parsers and pure helpers: XML safety, RSS/RDF/Atom shapes, HTML to text, dates, headers, backoff. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseXmlFeed } from '../../src/feeds/parse-xml-feed.js';
import { parseXml, XmlError } from '../../src/feeds/xml.js';
import { feedItemToPost } from '../../src/feeds/sources/rss.js';
import { htmlToText } from '../../src/ingest/html.js';
import { bodyText, checkUrl, FetchError, isPrivateAddress, parseRateLimit, parseRetryAfter } from '../../src/feeds/http.js';
import { nextAfterFailure, nextAfterSuccess } from '../../src/feeds/schedule.js';
import { repostKey } from '../../src/ingest/ingest.js';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = Date.parse('2026-03-02T09:00:00Z');
const SRC = { id: 's', target: 't' };

describe('XML feed parsing', () => {
  it('reads RSS 2.0: content:encoded over description, HTML reduced, entities decoded, scripts dropped', () => {
    const feed = parseXmlFeed(fixture('rss2.xml'));
    expect(feed.format).toBe('rss2');
    expect(feed.lang).toBe('en');
    expect(feed.items).toHaveLength(3);
    const [a, b, c] = feed.items;
    expect(a.id).toBe('alert-1001');
    expect(a.url).toBe('https://news.example.com/2026/03/nimbus-cancels');
    expect(a.title).toBe('Nimbus Air cancels 40 flights & strands passengers');
    expect(a.body).toBe('Passengers say they got no notice at all …\n\nSecond para 😡');
    expect(a.author).toBe('Jo Reporter');
    const pa = feedItemToPost(a, SRC, feed.lang, NOW);
    expect(pa.publishedAt).toBe(Date.parse('2026-03-02T08:15:00Z'));
    expect(pa.lang).toBe('en');
    expect(feedItemToPost(b, SRC, null, NOW).publishedAt).toBe(Date.parse('2026-03-02T07:00:00Z'));
    // no guid, link or date: a stable id derived from the content, and the fetch time as date
    const pc1 = feedItemToPost(c, SRC, null, NOW);
    const pc2 = feedItemToPost(parseXmlFeed(fixture('rss2.xml')).items[2], SRC, null, NOW + 1000);
    expect(pc1.externalId).toMatch(/^h:/);
    expect(pc1.externalId).toBe(pc2.externalId);
    expect(pc1.publishedAt).toBe(NOW);
  });

  it('reads RSS 1.0 (RDF) with its channel language', () => {
    const feed = parseXmlFeed(fixture('rss1.rdf'));
    expect(feed.format).toBe('rss1');
    expect(feed.items).toHaveLength(1);
    const p = feedItemToPost(feed.items[0], SRC, feed.lang, NOW);
    expect(p).toMatchObject({ externalId: 'https://forum.example.de/t/77', lang: 'de', publishedAt: Date.parse('2026-03-01T17:30:00Z') });
    expect(p.text).toBe('QuickCart Lieferung seit 3 Wochen überfällig\n\nKein Support, keine Antwort.\nSehr ärgerlich.');
  });

  it('reads Atom 1.0: html and xhtml content, YouTube media descriptions, xml:lang, rel="next"', () => {
    const feed = parseXmlFeed(fixture('atom.xml'));
    expect(feed.format).toBe('atom');
    expect(feed.next).toBe('https://reviews.example.com/lumen.atom?page=2');
    const [a, yt, x] = feed.items.map((i) => feedItemToPost(i, SRC, feed.lang, NOW));
    expect(a).toMatchObject({ externalId: 'tag:reviews.example.com,2026:review-9', url: 'https://reviews.example.com/lumen/9', lang: 'en', publishedAt: Date.parse('2026-03-02T07:45:00Z') });
    expect(a.text).toBe('App locked me out\n\nLocked out for three days. Support says "wait".');
    expect(a.author).toMatchObject({ id: 'https://reviews.example.com/u/mira', name: 'Mira' });
    expect(yt).toMatchObject({ lang: 'fr', url: 'https://www.youtube.com/watch?v=AbCdEf12345' });
    expect(yt.text).toContain('Frais cachés, service client lent.');
    expect(x.text).toBe('Great service\n\nQuick answers from the team.');
  });

  it('never expands DTD entities: a billion-laughs document stays small and harmless', () => {
    const feed = parseXmlFeed(fixture('bomb.xml'));
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].body).toBe('&lol9;');
    expect(feed.items[0].body.length).toBeLessThan(10);
  });

  it('never resolves external entities (file or network)', () => {
    const feed = parseXmlFeed(fixture('xxe.xml'));
    expect(feed.items[0].body).toBe('secret: &xxe; meta: &ssrf;');
    expect(feed.items[0].body).not.toContain('root:');
  });

  it('reports malformed, truncated and non-feed documents as parse errors', () => {
    const cases = ['<rss><channel><item><title>x</item></channel></rss>', fixture('rss2.xml').slice(0, 700), '{"items": []}', '<html><body>hello</body></html>', '', '<rss><channel></channel></rss><rss/>'];
    for (const c of cases) {
      let err: unknown;
      try {
        parseXmlFeed(c);
      } catch (e) {
        err = e;
      }
      expect(err, c.slice(0, 40)).toBeInstanceOf(FetchError);
      expect((err as FetchError).code).toBe('parse');
      expect((err as FetchError).retryable).toBe(false);
    }
    expect(() => parseXml('<a>' + '<b>'.repeat(500))).toThrow(XmlError);
  });

  it('parses a feed of 10,000 items', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `<item><guid>g${i}</guid><title>t ${i}</title><description>d ${i}</description></item>`).join('');
    const feed = parseXmlFeed(`<rss version="2.0"><channel><title>big</title>${items}</channel></rss>`);
    expect(feed.items).toHaveLength(10_000);
    expect(feed.items[9999].id).toBe('g9999');
  });

  it('decodes bodies by Content-Type charset, XML declaration or BOM', () => {
    const bytes = new Uint8Array(fs.readFileSync(new URL('./fixtures/latin1.xml', import.meta.url)));
    const text = bodyText({ headers: { 'content-type': 'application/rss+xml' }, body: bytes });
    expect(parseXmlFeed(text).items[0].title).toBe('Café crème: service déplorable');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<a/>').flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(bodyText({ headers: {}, body: utf16 })).toBe('<a/>');
    expect(bodyText({ headers: { 'content-type': 'text/xml; charset=nonsense-9' }, body: new TextEncoder().encode('ok') })).toBe('ok');
  });
});

describe('HTML to text', () => {
  it('keeps text, breaks blocks, decodes named and numeric entities, leaves unknown ones', () => {
    expect(htmlToText('<p>a&nbsp;b</p><p>c &amp; d &mdash; &#8364;5 &#x27;q&#x27; &bogus;</p><style>p{}</style>')).toBe("a b\n\nc & d — €5 'q' &bogus;");
    expect(htmlToText('plain &lt;tag&gt; text')).toBe('plain <tag> text');
    expect(htmlToText('<a href="javascript:x()">link</a><br>next<img src=x onerror=alert(1)>')).toBe('link\nnext');
  });
});

describe('HTTP helpers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });

  it('reads Mastodon (ISO), Reddit (seconds) and epoch rate-limit resets', () => {
    expect(parseRateLimit({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-03-02T09:05:00.000Z' }, NOW)).toEqual({ limit: 300, remaining: 0, resetAt: NOW + 300_000 });
    expect(parseRateLimit({ 'x-ratelimit-remaining': '97.0', 'x-ratelimit-used': '3', 'x-ratelimit-reset': '420' }, NOW)).toEqual({ remaining: 97, resetAt: NOW + 420_000 });
    expect(parseRateLimit({ 'x-ratelimit-reset': String(NOW / 1000 + 60) }, NOW)).toEqual({ resetAt: NOW + 60_000 });
    expect(parseRateLimit({ 'content-type': 'x' }, NOW)).toBeNull();
  });

  it('refuses private, loopback and link-local addresses unless allowed', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700::1111', '172.32.0.1']) expect(isPrivateAddress(ip), ip).toBe(false);
    expect(() => checkUrl('http://169.254.169.254/latest', false)).toThrow(/link-local/);
    expect(() => checkUrl('http://[::1]:8080/', ['127.0.0.1'])).toThrow(FetchError);
    expect(() => checkUrl('http://localhost:8080/', false)).toThrow(/loopback/);
    expect(checkUrl('http://127.0.0.1:8080/', ['127.0.0.1']).host).toBe('127.0.0.1:8080');
    expect(() => checkUrl('file:///etc/passwd', true)).toThrow(/only http and https/);
  });
});

describe('schedule', () => {
  it('applies jitter within bounds and waits for a spent rate limit to reset', () => {
    expect(nextAfterSuccess(NOW, 60_000, 0.1, 0, null)).toBe(NOW + 54_000);
    expect(nextAfterSuccess(NOW, 60_000, 0.1, 0.999999, null)).toBeLessThanOrEqual(NOW + 66_000);
    expect(nextAfterSuccess(NOW, 60_000, 0.1, 0.5, { remaining: 0, resetAt: NOW + 600_000 })).toBe(NOW + 600_500);
    expect(nextAfterSuccess(NOW, 60_000, 0.1, 0.5, { remaining: 5, resetAt: NOW + 600_000 })).toBe(NOW + 60_000);
  });

  it('backs off exponentially on retryable faults, honours Retry-After, and retries slowly otherwise', () => {
    const retryable = { retryable: true, retryAfterMs: undefined };
    const steps = [1, 2, 3, 4].map((f) => nextAfterFailure(NOW, 60_000, f, retryable, 1) - NOW);
    expect(steps).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextAfterFailure(NOW, 60_000, 30, retryable, 1) - NOW).toBe(3_600_000);
    expect(nextAfterFailure(NOW, 60_000, 1, { retryable: true, retryAfterMs: 900_000 }, 0) - NOW).toBe(900_000);
    expect(nextAfterFailure(NOW, 60_000, 1, { retryable: false, retryAfterMs: undefined }, 1) - NOW).toBe(15 * 60_000);
    expect(nextAfterFailure(NOW, 60_000, 1, retryable, 0) - NOW).toBe(15_000);
  });
});

describe('repost key', () => {
  it('matches a retweet-style repost and ignores links and mentions, but not short generic posts', () => {
    const a = repostKey('Acme lost my luggage again and nobody at the desk would even look it up https://t.co/x');
    expect(a).not.toBeNull();
    expect(repostKey('RT @dana: Acme lost my luggage again, and nobody at the desk would even look it up! https://t.co/y')).toBe(a);
    expect(repostKey('terrible service')).toBeNull();
  });
});
