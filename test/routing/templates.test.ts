import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { humanDuration, loadTemplates, suggestReply, templateChoices } from '../../src/routing/templates.js';
import { ValidationError } from '../../src/util/validated-yaml.js';

const shipped = () =>
  loadTemplates(
    fs
      .readdirSync('rules/templates')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ lang: f.replace('.yaml', ''), file: `rules/templates/${f}`, text: fs.readFileSync(`rules/templates/${f}`, 'utf8') })),
  );

describe('suggested replies', () => {
  const vars = { author: '@sam', brand: 'Acme Air', first_response: '1 hour' };
  it('loads every shipped template file', () => {
    expect(Object.keys(shipped()).sort()).toEqual(['en', 'es', 'fr', 'pl', 'zh']);
  });
  it('picks language + topic, then the language default, then English', () => {
    const t = shipped();
    expect(suggestReply(t, { kind: 'post', lang: 'fr', topic: 'billing', vars })).toMatchObject({ template: 'fr:billing' });
    expect(suggestReply(t, { kind: 'post', lang: 'fr', topic: 'staff-behaviour', vars })).toMatchObject({ template: 'fr:default' });
    expect(suggestReply(t, { kind: 'revolt', lang: 'pl', topic: null, vars })).toMatchObject({ template: 'pl:revolt' });
    expect(suggestReply(t, { kind: 'post', lang: 'pt-BR', topic: 'billing', vars })).toMatchObject({ template: 'en:billing' });
  });
  it('gives a revolt’s case a public holding statement (per topic where there is one) and a post a one-to-one reply', () => {
    const t = shipped();
    expect(suggestReply(t, { kind: 'revolt', lang: 'en', topic: 'lost-items', vars })).toMatchObject({ template: 'en:holding:lost-items' });
    expect(suggestReply(t, { kind: 'revolt', lang: 'en', topic: 'staff-behaviour', vars })).toMatchObject({ template: 'en:revolt' });
    expect(suggestReply(t, { kind: 'case', lang: 'en', topic: 'billing', vars })).toMatchObject({ template: 'en:holding:billing' });
    expect(suggestReply(t, { kind: 'post', lang: 'en', topic: 'lost-items', vars })).toMatchObject({ template: 'en:lost-items' });
    const choices = templateChoices(t, { kind: 'revolt', lang: 'en', topic: 'lost-items', vars: { ...vars, author: undefined } });
    expect(choices.map((c) => c.kind)).toEqual(['holding', 'holding', 'one-to-one', 'one-to-one']);
    expect(choices.find((c) => c.kind === 'one-to-one')!.text).toContain('{author}'); // filled per post when sent
  });
  it('answers in Chinese with Chinese templates and durations', () => {
    const t = shipped();
    const post = suggestReply(t, { kind: 'post', lang: 'zh', topic: 'delivery', vars: { author: '@小王', brand: 'QuickCart', first_response: humanDuration(2 * 3_600_000, 'zh') } })!;
    expect(post).toMatchObject({ lang: 'zh', template: 'zh:delivery' });
    expect(post.text).toContain('@小王 您好');
    expect(post.text).toContain('2小时内');
    expect(suggestReply(t, { kind: 'revolt', lang: 'zh-CN', topic: 'outage', vars: { brand: 'Lumen Bank', first_response: '30分钟' } })).toMatchObject({ template: 'zh:holding:outage' });
    expect(humanDuration(45 * 60_000, 'zh')).toBe('45分钟');
    expect(humanDuration(3 * 86_400_000, 'zh')).toBe('3天');
  });
  it('fills placeholders and follows the pillars: acknowledge, apologise, next step with a time', () => {
    const r = suggestReply(shipped(), { kind: 'post', lang: 'en', topic: 'lost-luggage', vars })!;
    expect(r.text).toMatch(/^Hi @sam, we're sorry/);
    expect(r.text).toContain('direct message');
    expect(r.text).toContain('within 1 hour');
    expect(r.text).not.toMatch(/\{[a-z_]+\}/);
  });
  it('rejects an unknown placeholder, naming file, line and key', () => {
    try {
      loadTemplates([{ lang: 'en', file: 'rules/templates/en.yaml', text: 'default: hello\ntopics:\n  billing: "Hi {customer}"\n' }]);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as Error).message).toMatch(/rules\/templates\/en\.yaml: line 3: topics\.billing: unknown placeholder \{customer\}/);
    }
  });
  it('says SLA durations the way a customer reads them', () => {
    expect(humanDuration(45 * 60_000)).toBe('45 minutes');
    expect(humanDuration(3_600_000)).toBe('1 hour');
    expect(humanDuration(26 * 3_600_000)).toBe('26 hours');
    expect(humanDuration(3 * 86_400_000, 'fr')).toBe('3 jours');
  });
});
