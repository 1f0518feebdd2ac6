/**
 * Feed parsing throughput (items/s): Backlash's parsers (XML → items → normalised posts; Mastodon
 * JSON → normalised posts) against rss-parser on the same documents, in the same run. rss-parser
 * reads XML only, so for Mastodon it parses the instance's RSS rendering of the same statuses.
 * Run: npx tsx bench/feeds.ts [items=2000] [rounds=15]
 */
import Parser from 'rss-parser';
import { parseXmlFeed } from '../src/feeds/parse-xml-feed.js';
import { feedItemToPost } from '../src/feeds/sources/rss.js';
import { statusToPost } from '../src/feeds/sources/mastodon.js';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 15);
const NOW = Date.parse('2026-03-02T09:00:00Z');
const SRC = { id: 'bench', target: 'acme' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WORDS = 'acme refund delayed support ticket app crash checkout never again waited hours airline lost luggage terrible great thanks fixed'.split(' ');
const sentence = (i: number, n = 40) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');
const time = (i: number) => new Date(NOW - i * 60_000);

const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>bench</title><link>https://x.example</link><description>d</description><language>en</language>
${Array.from({ length: N }, (_, i) => `<item><title>Item ${i}: ${esc(sentence(i, 8))}</title><link>https://x.example/${i}</link><guid>https://x.example/${i}</guid><dc:creator>author${i % 50}</dc:creator><pubDate>${time(i).toUTCString()}</pubDate><description>${esc(`<p>${sentence(i)} &amp; <b>more</b></p>`)}</description></item>`).join('\n')}
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>bench</title><id>urn:bench</id><updated>${time(0).toISOString()}</updated>
${Array.from({ length: N }, (_, i) => `<entry><id>tag:x.example,2026:${i}</id><title>Item ${i}</title><link rel="alternate" href="https://x.example/${i}"/><published>${time(i).toISOString()}</published><updated>${time(i).toISOString()}</updated><author><name>author${i % 50}</name></author><content type="html">${esc(`<p>${sentence(i)} &amp; <b>more</b></p>`)}</content></entry>`).join('\n')}
</feed>`;

const statuses = Array.from({ length: N }, (_, i) => ({
  id: String(110_000_000_000_000_000n + BigInt(N - i)),
  created_at: time(i).toISOString(),
  in_reply_to_id: null,
  sensitive: false,
  spoiler_text: '',
  visibility: 'public',
  language: 'en',
  uri: `https://social.example/users/u${i % 50}/statuses/${i}`,
  url: `https://social.example/@u${i % 50}/${i}`,
  replies_count: i % 5,
  reblogs_count: i % 7,
  favourites_count: i % 11,
  content: `<p>${esc(sentence(i))} <a href="https://social.example/tags/acme" class="mention hashtag" rel="tag">#<span>acme</span></a></p>`,
  reblog: null,
  account: { id: String(i % 50), username: `u${i % 50}`, acct: `u${i % 50}@social.example`, display_name: `User ${i % 50}`, url: `https://social.example/@u${i % 50}`, followers_count: i },
  media_attachments: [],
  mentions: [],
  tags: [{ name: 'acme', url: 'https://social.example/tags/acme' }],
  emojis: [],
}));
const mastodonJson = JSON.stringify(statuses);
// What the same instance serves at /tags/acme.rss for these statuses
const mastodonRss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>#acme</title><link>https://social.example/tags/acme</link><description>Public posts tagged #acme</description>
${statuses.map((s) => `<item><guid isPermaLink="true">${s.url}</guid><link>${s.url}</link><pubDate>${new Date(s.created_at).toUTCString()}</pubDate><description>${esc(s.content)}</description><category>acme</category></item>`).join('\n')}
</channel></rss>`;

async function measure(name: string, fn: () => Promise<number> | number): Promise<number> {
  const n = await fn(); // warm-up, and the item count
  if (n !== N) throw new Error(`${name}: parsed ${n} items, expected ${N}`);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    await fn();
    rates.push(N / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

const peer = new Parser();
const ours = {
  xml: (doc: string) => () => {
    const feed = parseXmlFeed(doc);
    return feed.items.map((it) => feedItemToPost(it, SRC, feed.lang, NOW)).length;
  },
  mastodon: () => (JSON.parse(mastodonJson) as Record<string, unknown>[]).map((s) => statusToPost(s, SRC, NOW)).length,
};
const theirs = (doc: string) => async () => (await peer.parseString(doc)).items.length;

const rows: [string, number, number][] = [];
rows.push(['RSS 2.0', await measure('ours rss', ours.xml(rss)), await measure('rss-parser rss', theirs(rss))]);
rows.push(['Atom 1.0', await measure('ours atom', ours.xml(atom)), await measure('rss-parser atom', theirs(atom))]);
rows.push(['Mastodon (ours: JSON API; rss-parser: same statuses as RSS)', await measure('ours mastodon', ours.mastodon), await measure('rss-parser mastodon rss', theirs(mastodonRss))]);

console.log(`feed parsing, ${N} items per document, median of ${ROUNDS} rounds, node ${process.version}`);
console.log(`(Backlash figures include normalisation to posts: HTML to text, entities, dates, ids)`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(60)} backlash ${Math.round(a).toLocaleString('en-US').padStart(10)} items/s   rss-parser ${Math.round(b).toLocaleString('en-US').padStart(10)} items/s   ×${(a / b).toFixed(2)}`);
console.log(`document sizes: RSS ${(rss.length / 1024).toFixed(0)} KiB, Atom ${(atom.length / 1024).toFixed(0)} KiB, Mastodon JSON ${(mastodonJson.length / 1024).toFixed(0)} KiB, Mastodon RSS ${(mastodonRss.length / 1024).toFixed(0)} KiB`);
