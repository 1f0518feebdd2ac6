/** Source configs are checked at start against the registry's schemas: file, line, key, expectation. */
import { describe, expect, it } from 'vitest';
import { buildConfig, ValidationError } from '../../src/config/config.js';

const load = (yaml: string) => buildConfig({}, { readFile: (p) => (p === 'backlash.config.yaml' ? yaml : null) });
const errorOf = (yaml: string): string => {
  try {
    load(yaml);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as Error).message;
  }
  throw new Error('expected a ValidationError');
};
const cfg = (source: string) => `targets:\n  - id: acme\n    sources:\n      - ${source}\n`;

describe('source config validation', () => {
  it('accepts a valid source of every type, with defaults applied at poll time', () => {
    const c = load(`targets:
  - id: acme
    sources:
      - { id: news, type: rss, url: "https://news.example.com/feed.xml" }
      - { id: jf, type: jsonfeed, url: "https://blog.example.com/feed.json" }
      - { id: tp, type: json, url: "https://api.example.com/reviews", items: data, fields: { id: id, text: body } }
      - { id: hook, type: push, secret: "a-very-long-secret-value" }
      - { id: masto, type: mastodon, instance: "https://mastodon.social", tag: acme }
      - { id: bsky, type: bluesky, query: acme, identifier: me.bsky.social, appPassword: xxxx-xxxx-xxxx-xxxx }
      - { id: rd, type: reddit, subreddit: acme }
      - { id: ios, type: appstore, appId: 284882215 }
      - { id: hn, type: hackernews, query: acme }
`);
    expect(c.targets[0].sources.map((s) => s.type)).toEqual(['rss', 'jsonfeed', 'json', 'push', 'mastodon', 'bluesky', 'reddit', 'appstore', 'hackernews']);
  });

  it('names the file, line, key and expectation for a bad type-specific key', () => {
    expect(errorOf(cfg('{ id: news, type: rss, url: "ftp://x" }'))).toMatch(/^backlash\.config\.yaml: line 4: targets\.0\.sources\.0\.url: expected an http\(s\) URL/);
    expect(errorOf(cfg('{ id: news, type: rss, url: "https://x.example", colour: red }'))).toMatch(/targets\.0\.sources\.0\.colour: unknown key for a rss source/);
    expect(errorOf(cfg('{ id: m, type: mastodon, instance: "https://m.example" }'))).toMatch(/expected exactly one of tag, account or query/);
    expect(errorOf(cfg('{ id: h, type: push, secret: short }'))).toMatch(/secret: expected a secret of at least 16 characters/);
    expect(errorOf(cfg('{ id: a, type: appstore, appId: 1, country: USA }'))).toMatch(/country: expected a two-letter country code/);
    expect(errorOf(cfg('{ id: x, type: twitter }'))).toMatch(/type: unknown source type "twitter": expected one of rss, jsonfeed, json, push, mastodon, bluesky, reddit, appstore, hackernews/);
  });

  it('accepts allowPrivateHosts as a boolean or a host list, and polling limits', () => {
    const c = load('http:\n  allowPrivateHosts: ["127.0.0.1", "feeds.internal"]\npolling:\n  concurrency: 4\n  lease: 30s\n');
    expect(c.http.allowPrivateHosts).toEqual(['127.0.0.1', 'feeds.internal']);
    expect(c.polling).toEqual({ concurrency: 4, perHost: 2, perHostPerMinute: 60, jitter: 0.1, lease: 30_000, tick: 1000 });
    expect(errorOf('polling:\n  jitter: 2\n')).toMatch(/polling\.jitter/);
  });
});
