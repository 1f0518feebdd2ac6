import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../../src/config/config.js';
import { ValidationError } from '../../src/util/validated-yaml.js';
import { parseDuration } from '../../src/util/duration.js';

const files = (map: Record<string, string>) => ({ readFile: (p: string) => map[p] ?? null });

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('config', () => {
  it('runs the built-in demo with defaults when there is no config file', () => {
    const c = buildConfig({}, files({}));
    expect(c).toMatchObject({ port: 8787, demoEnabled: true, configFile: null, sqlitePath: 'data/backlash.db' });
    expect(c.detection.window).toBe(30 * 60_000);
    expect(c.http.maxBytes).toBe(5 * 1024 * 1024);
  });

  it('reads ./backlash.config.yaml when present and turns the demo off once targets exist', () => {
    const c = buildConfig({ PORT: '9000', BACKLASH_DB: '/tmp/x.db' }, files({ 'backlash.config.yaml': 'targets:\n  - id: acme\n    name: Acme\n' }));
    expect(c).toMatchObject({ port: 9000, demoEnabled: false, configFile: 'backlash.config.yaml', sqlitePath: '/tmp/x.db' });
    expect(c.targets[0]).toMatchObject({ id: 'acme', name: 'Acme', sources: [] });
  });

  it('rejects an unknown key, naming the file, the line and the key', () => {
    const e = errorOf(() => buildConfig({ BACKLASH_CONFIG: 'my.yaml' }, files({ 'my.yaml': 'detection:\n  window: 30m\n  windw: 5\n' })));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toContain('my.yaml');
    expect(e.message).toContain('line 3');
    expect(e.message).toContain('unknown key "detection.windw"');
  });

  it('rejects a wrong type, saying what was expected', () => {
    const e = errorOf(() => buildConfig({}, files({ 'backlash.config.yaml': 'detection:\n  minAuthors: many\n' })));
    expect(e.message).toMatch(/backlash\.config\.yaml: line 2: detection\.minAuthors: .*number/i);
  });

  it('rejects a bad URL and a bad duration', () => {
    const url = errorOf(() => buildConfig({}, files({ 'backlash.config.yaml': 'notifications:\n  channels:\n    - id: ops\n      type: slack\n      url: "javascript:alert(1)"\n' })));
    expect(url.message).toContain('notifications.channels.0.url');
    expect(url.message).toContain('http(s) URL');
    const dur = errorOf(() => buildConfig({}, files({ 'backlash.config.yaml': 'detection:\n  window: soon\n' })));
    expect(dur.message).toContain('detection.window');
    expect(dur.message).toContain('duration');
  });

  it('refuses a BACKLASH_CONFIG that names a missing file', () => {
    const e = errorOf(() => buildConfig({ BACKLASH_CONFIG: '/nope/backlash.yaml' }, files({})));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('/nope/backlash.yaml');
    expect(e.message).toContain('does not exist');
  });

  it('reports invalid YAML with its line', () => {
    const e = errorOf(() => buildConfig({}, files({ 'backlash.config.yaml': 'targets:\n  - id: a\n   bad: [\n' })));
    expect(e.message).toMatch(/backlash\.config\.yaml: line \d+: invalid YAML/);
  });

  it('refuses duplicate source ids (across targets), target ids and channel ids with both lines (issue 16)', () => {
    const yaml = [
      'targets:', //                                   1
      '  - id: acme', //                               2
      '    sources:', //                               3
      '      - { id: news, type: rss, url: https://a.example/feed.xml }', // 4
      '      - { id: forum, type: rss, url: https://b.example/feed.xml }', // 5
      '  - id: globex', //                             6
      '    sources:', //                               7
      '      - id: news', //                           8
      '        type: rss', //                          9
      '        url: https://c.example/feed.xml', //   10
      '  - id: acme', //                              11
      'notifications:', //                            12
      '  channels:', //                               13
      '    - { id: ops, type: slack, url: https://hooks.slack.com/services/T/B/X }', // 14
      '    - { id: ops, type: discord, url: https://discord.com/api/webhooks/1/x }', // 15
    ].join('\n');
    const e = errorOf(() => buildConfig({ BACKLASH_CONFIG: 'dup.yaml' }, files({ 'dup.yaml': yaml })));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).problems).toEqual([
      'line 11: targets.2.id: duplicate target id "acme" (first at line 2); ids must be unique',
      'line 8: targets.1.sources.0.id: duplicate source id "news" (first at line 4); ids must be unique',
      'line 15: notifications.channels.1.id: duplicate channel id "ops" (first at line 14); ids must be unique',
    ]);
    expect(e.message).toMatch(/^dup\.yaml: /);
    // the same ids once each are fine
    expect(() => buildConfig({}, files({ 'backlash.config.yaml': yaml.split('\n').slice(0, 7).join('\n').replace('globex', 'initech') + '\n      - { id: news2, type: rss, url: https://c.example/feed.xml }' }))).not.toThrow();
  });

  it('validates PORT, LOG_LEVEL and DATABASE_URL from the environment', () => {
    expect(errorOf(() => buildConfig({ PORT: 'eighty' }, files({}))).message).toContain('PORT');
    expect(errorOf(() => buildConfig({ LOG_LEVEL: 'loud' }, files({}))).message).toContain('LOG_LEVEL');
    expect(errorOf(() => buildConfig({ DATABASE_URL: 'mysql://x' }, files({}))).message).toContain('DATABASE_URL');
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration(30)).toBe(30_000);
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseDuration('')).toBeNull();
  });
});
