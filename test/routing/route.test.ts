import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRoutingRules } from '../../src/routing/rules.js';
import { bumpPriority, morePressing, routeItem, type RouteFacts } from '../../src/routing/route.js';
import { postTriggers } from '../../src/routing/post.js';
import { ValidationError } from '../../src/util/validated-yaml.js';
import type { Verdict } from '../../src/types.js';

const RULES = `
timezone: Europe/London
teams:
  - id: care
    timezone: Europe/London
  - id: legal
  - id: press-office
  - id: night
  - id: pl-care
routes:
  - id: legal
    match: { escalation: [legal, regulator] }
    team: legal
    priority: P1
    sla: { firstResponse: 1h }
    channels: [legal-slack]
    escalationChannels: [pager]
  - id: press
    match: { escalation: press, kind: post }
    team: press-office
    sla: { firstResponse: 30m }
  - id: polish
    match: { language: pl, target: [acme, nimbus] }
    team: pl-care
    sla: { firstResponse: 2h }
  - id: billing-severe
    match: { topic: billing, minSeverity: 60, source: [x-acme, rss-acme] }
    team: care
    priority: P2
    sla: { firstResponse: 45m }
  - id: delivery-pillar
    match: { pillar: expectations, touchpoint: delivery, priority: [P3, P4] }
    team: care
    sla: { firstResponse: 3h }
  - id: night
    match: { time: { from: "22:00", to: "07:00" }, maxSeverity: 50 }
    team: night
    sla: { firstResponse: 8h }
default:
  team: care
  sla: { firstResponse: 1h, resolve: 1d }
`;

const rules = loadRoutingRules(RULES, 'routing.yaml');
const noon = Date.parse('2026-03-04T12:00:00Z');
const facts = (f: Partial<RouteFacts>): RouteFacts => ({ kind: 'revolt', target: 'acme', topics: [], pillars: [], touchpoints: [], language: 'en', sources: ['x-acme'], escalation: [], severity: 40, priority: 'P3', ...f });

describe('routing rules, case by case', () => {
  it('sends a legal threat to legal, at least P1, with its channels', () => {
    const d = routeItem(rules, facts({ escalation: ['legal'] }), noon);
    expect(d).toMatchObject({ routeId: 'legal', priority: 'P1', channels: ['legal-slack'], escalationChannels: ['pager'] });
    expect(d.team.id).toBe('legal');
  });
  it('matches any value of a list (regulator is in [legal, regulator])', () => {
    expect(routeItem(rules, facts({ escalation: ['regulator'] }), noon).routeId).toBe('legal');
  });
  it('requires every key: press cue on a revolt does not match a kind: post route', () => {
    expect(routeItem(rules, facts({ escalation: ['press'] }), noon).routeId).toBe('default');
    expect(routeItem(rules, facts({ kind: 'post', escalation: ['press'] }), noon).routeId).toBe('press');
  });
  it('matches on language and target', () => {
    expect(routeItem(rules, facts({ language: 'pl' }), noon).routeId).toBe('polish');
    expect(routeItem(rules, facts({ language: 'pl', target: 'other' }), noon).routeId).toBe('default');
  });
  it('matches topic with a severity floor and a source list', () => {
    expect(routeItem(rules, facts({ topics: ['billing'], severity: 70 }), noon)).toMatchObject({ routeId: 'billing-severe', priority: 'P2' });
    expect(routeItem(rules, facts({ topics: ['billing'], severity: 50 }), noon).routeId).toBe('default');
    expect(routeItem(rules, facts({ topics: ['billing'], severity: 70, sources: ['reddit'] }), noon).routeId).toBe('default');
  });
  it('never lowers priority: a P1 item on a P2 route stays P1', () => {
    expect(routeItem(rules, facts({ topics: ['billing'], severity: 90, priority: 'P1' }), noon).priority).toBe('P1');
  });
  it('matches pillar, touchpoint and priority', () => {
    expect(routeItem(rules, facts({ pillars: ['expectations'], touchpoints: ['delivery'] }), noon).routeId).toBe('delivery-pillar');
    expect(routeItem(rules, facts({ pillars: ['expectations'], touchpoints: ['delivery'], priority: 'P2' }), noon).routeId).toBe('default');
  });
  it('matches time of day in the rules timezone, across midnight', () => {
    expect(routeItem(rules, facts({}), Date.parse('2026-03-04T23:30:00Z')).routeId).toBe('night');
    expect(routeItem(rules, facts({}), Date.parse('2026-03-04T06:30:00Z')).routeId).toBe('night');
    expect(routeItem(rules, facts({}), Date.parse('2026-03-04T07:30:00Z')).routeId).toBe('default');
    expect(routeItem(rules, facts({ severity: 80 }), Date.parse('2026-03-04T23:30:00Z')).routeId).toBe('default');
  });
  it('lets the default route catch the rest, with every channel (null)', () => {
    expect(routeItem(rules, facts({}), noon)).toMatchObject({ routeId: 'default', channels: null, escalationChannels: [] });
  });
  it('orders priorities', () => {
    expect(morePressing('P3', 'P2')).toBe('P2');
    expect(bumpPriority('P3')).toBe('P2');
    expect(bumpPriority('P1')).toBe('P1');
  });
});

describe('routing rules validation', () => {
  const bad = (text: string, opts = {}) => {
    try {
      loadRoutingRules(text, 'rules/routing.yaml', opts);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as Error).message;
    }
    throw new Error('expected a validation error');
  };
  it('names the file, line and field of an unknown team', () => {
    const msg = bad('teams:\n  - id: care\ndefault:\n  team: nobody\n  sla: { firstResponse: 1h }\n');
    expect(msg).toContain('rules/routing.yaml');
    expect(msg).toContain('line 4');
    expect(msg).toContain('default.team');
    expect(msg).toContain('unknown team "nobody"');
  });
  it('names a bad duration and a bad timezone', () => {
    const msg = bad('teams:\n  - id: care\n    timezone: Mars/Olympus\ndefault:\n  team: care\n  sla: { firstResponse: soon }\n');
    expect(msg).toMatch(/line 3: teams\.0\.timezone: expected an IANA timezone/);
    expect(msg).toMatch(/line 6: default\.sla\.firstResponse: expected a duration/);
  });
  it('rejects unknown keys and unknown channels', () => {
    expect(bad('teams:\n  - id: care\ndefault:\n  team: care\n  sla: { firstResponse: 1h }\n  colour: red\n')).toMatch(/line 6: unknown key "default.colour"/);
    expect(bad('teams:\n  - id: care\ndefault:\n  team: care\n  sla: { firstResponse: 1h }\n  channels: [ops]\n', { channelIds: ['slack-care'] })).toMatch(/default\.channels\.0: unknown channel "ops"/);
  });
  it('accepts the shipped rules/routing.yaml', () => {
    const r = loadRoutingRules(fs.readFileSync('rules/routing.yaml', 'utf8'), 'rules/routing.yaml', { channelIds: [] });
    expect(r.teams.length).toBeGreaterThan(0);
  });
});

describe('single posts that need their own answer', () => {
  const v = (over: Partial<Verdict>): Verdict => ({ lang: 'en', sentiment: { label: 'negative', score: -0.6 }, complaint: { is: true, score: 0.6 }, topics: [], escalation: [], ...over });
  const author = (followers: number) => ({ author: { id: 'a', followers } });
  it('flags a legal threat as P1 and a press cue as P2', () => {
    expect(postTriggers(rules, author(10), v({ escalation: [{ id: 'legal' }] }))).toEqual({ reasons: ['legal'], priority: 'P1' });
    expect(postTriggers(rules, author(10), v({ escalation: [{ id: 'press' }] }))).toEqual({ reasons: ['press'], priority: 'P2' });
  });
  it('flags a negative author above the reach threshold, but not a happy one', () => {
    expect(postTriggers(rules, author(60_000), v({}))?.reasons).toEqual(['reach']);
    expect(postTriggers(rules, author(60_000), v({ sentiment: { label: 'positive', score: 0.8 }, complaint: { is: false, score: 0.1 } }))).toBeNull();
  });
  it('flags a high-severity complaint only above the score', () => {
    expect(postTriggers(rules, author(10), v({ complaint: { is: true, score: 0.9 } }))?.reasons).toEqual(['complaint']);
    expect(postTriggers(rules, author(10), v({ complaint: { is: true, score: 0.7 } }))).toBeNull();
  });
  it('ignores an escalation cue not in the list (leave)', () => {
    expect(postTriggers(rules, author(10), v({ escalation: [{ id: 'leave' }] }))).toBeNull();
  });
});
