/**
 * Routing decision, pure: facts about an item (a revolt or a single post) and the rules give the
 * route, team, priority, SLA and channels. The first route whose every `match` key matches wins;
 * a list in a key means "any of these"; the default route catches the rest.
 */
import type { Priority } from '../types.js';
import { inTimeRange, localParts } from './hours.js';
import type { Route, RouteMatch, RoutingRules, Sla, Team } from './rules.js';

export interface RouteFacts {
  kind: 'revolt' | 'post';
  target: string;
  topics: string[];
  pillars: string[];
  touchpoints: string[];
  language: string | null;
  sources: string[];
  escalation: string[];
  severity: number;
  priority: Priority;
}

export interface RouteDecision {
  routeId: string;
  team: Team;
  priority: Priority;
  sla: Sla;
  /** null: every configured channel; []: none. */
  channels: string[] | null;
  escalationChannels: string[];
  /** Replies wait for a lead's approval. */
  approval: boolean;
}

const PRIORITY_ORDER: Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** The more urgent of two priorities. */
export function morePressing(a: Priority, b: Priority): Priority {
  return PRIORITY_ORDER.indexOf(a) <= PRIORITY_ORDER.indexOf(b) ? a : b;
}

/** One step more urgent (P1 stays P1). */
export function bumpPriority(p: Priority): Priority {
  return PRIORITY_ORDER[Math.max(0, PRIORITY_ORDER.indexOf(p) - 1)];
}

const anyOf = (want: string[] | undefined, have: string[]) => !want || want.some((w) => have.some((h) => h.toLowerCase() === w.toLowerCase()));

export function matches(m: RouteMatch, f: RouteFacts, at: number, defaultTz: string): boolean {
  if (m.kind && !m.kind.includes(f.kind)) return false;
  if (!anyOf(m.target, [f.target])) return false;
  if (!anyOf(m.topic, f.topics)) return false;
  if (!anyOf(m.pillar, f.pillars)) return false;
  if (!anyOf(m.touchpoint, f.touchpoints)) return false;
  if (!anyOf(m.language, f.language ? [f.language] : [])) return false;
  if (!anyOf(m.source, f.sources)) return false;
  if (!anyOf(m.escalation, f.escalation)) return false;
  if (m.minSeverity !== undefined && f.severity < m.minSeverity) return false;
  if (m.maxSeverity !== undefined && f.severity > m.maxSeverity) return false;
  if (m.priority && !m.priority.includes(f.priority)) return false;
  if (m.time) {
    const tz = m.time.timezone ?? defaultTz;
    if (!inTimeRange(at, tz, m.time.from, m.time.to)) return false;
    if (m.time.days && !m.time.days.includes(localParts(at, tz).weekday)) return false;
  }
  return true;
}

export function routeItem(rules: RoutingRules, facts: RouteFacts, at: number): RouteDecision {
  const route: Route = rules.routes.find((r) => matches(r.match, facts, at, rules.timezone)) ?? rules.default;
  const team = rules.teams.find((t) => t.id === route.team) ?? rules.teams[0];
  return {
    routeId: route.id,
    team,
    priority: route.priority ? morePressing(route.priority, facts.priority) : facts.priority,
    sla: route.sla,
    channels: route.channels ?? null,
    escalationChannels: route.escalationChannels,
    approval: route.approval ?? false,
  };
}
