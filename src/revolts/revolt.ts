/**
 * An open revolt as the engine holds it (pure data + arithmetic): its keys, its members, the
 * running aggregates severity needs, its lifecycle state, and the explanation of why it opened.
 */
import type { Priority, Revolt, RevoltStage } from '../types.js';
import type { LifecycleState } from './lifecycle.js';
import { kindOf, type KeyKind } from './keys.js';
import type { Ref } from './key-state.js';
import { INFLUENTIAL_FOLLOWERS, priorityOf, severityOf, severityParts, type SeverityInput } from './severity.js';

export const RATE_WINDOW_MS = 60 * 60_000;

/** A member of a revolt is a post as the model keeps it. */
export type Member = Ref;

/** A detection level that fired for a revolt (explain.levels). */
export interface LevelNote {
  level: KeyKind;
  key: string;
  observed: number;
  expected: number;
  score: number;
  windowMinutes: number;
  at: string;
}

export interface LiveRevolt {
  id: string;
  target: string;
  key: string;
  keys: Set<string>;
  label: string;
  openedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  severity: number;
  priority: Priority;
  life: LifecycleState;
  members: Member[];
  memberIds: Set<string>;
  authors: Set<string>;
  reach: number;
  duplicates: number;
  dupReach: number;
  sources: Map<string, number>;
  cueAuthors: Map<string, Set<string>>;
  negSum: number;
  influencers: Set<string>;
  terms: Map<string, number>;
  first: Member | null;
  mostReached: Member | null;
  /** Why it opened: fixed at opening. */
  opening: Record<string, unknown>;
  /** Member ids not persisted yet. */
  pending: string[];
  mergedInto?: string;
  /** Every detection level that fired for it, by key (the first time each did). */
  levels: Map<string, LevelNote>;
  /** Voices per hour its key expects without a revolt (the lifecycle follows the excess). */
  expectedRate: number;
}

export function newLiveRevolt(init: Pick<LiveRevolt, 'id' | 'target' | 'key' | 'label' | 'openedAt' | 'life' | 'opening'> & { keys: Iterable<string> }): LiveRevolt {
  return {
    ...init,
    keys: new Set(init.keys),
    updatedAt: init.openedAt,
    resolvedAt: null,
    severity: 0,
    priority: 'P4',
    members: [],
    memberIds: new Set(),
    authors: new Set(),
    reach: 0,
    duplicates: 0,
    dupReach: 0,
    sources: new Map(),
    cueAuthors: new Map(),
    negSum: 0,
    influencers: new Set(),
    terms: new Map(),
    first: null,
    mostReached: null,
    pending: [],
    levels: new Map(),
    expectedRate: 0,
  };
}

/** Adds a member; false when it already was one. */
export function addMember(r: LiveRevolt, m: Member, persisted = false): boolean {
  if (r.memberIds.has(m.id)) return false;
  r.memberIds.add(m.id);
  r.members.push(m);
  if (r.members.length > 1 && m.at < r.members[r.members.length - 2].at) r.members.sort((a, b) => a.at - b.at);
  r.authors.add(m.author);
  r.reach += m.reach;
  r.sources.set(m.source, (r.sources.get(m.source) ?? 0) + 1);
  for (const c of m.cues) {
    let s = r.cueAuthors.get(c);
    if (!s) r.cueAuthors.set(c, (s = new Set()));
    s.add(m.author);
  }
  r.negSum += m.negativity;
  if (m.followers >= INFLUENTIAL_FOLLOWERS) r.influencers.add(m.author);
  for (const w of new Set(m.words)) r.terms.set(w, (r.terms.get(w) ?? 0) + 1);
  if (!r.first || m.at < r.first.at) r.first = m;
  if (!r.mostReached || m.reach > r.mostReached.reach) r.mostReached = m;
  if (!persisted) r.pending.push(m.id);
  return true;
}

/** Distinct authors among members in the last rate window. */
export function rateOf(r: LiveRevolt, now: number): number {
  const authors = new Set<string>();
  for (let i = r.members.length - 1; i >= 0; i--) {
    const m = r.members[i];
    if (m.at <= now - RATE_WINDOW_MS) break;
    if (m.at <= now) authors.add(m.author);
  }
  return authors.size;
}

export function severityInput(r: LiveRevolt, rate: number, expectedRate: number): SeverityInput {
  const cues: Record<string, number> = {};
  for (const [c, s] of r.cueAuthors) cues[c] = s.size;
  return {
    voices: r.members.length,
    authors: r.authors.size,
    rate,
    expectedRate,
    negativity: r.negSum / Math.max(1, r.members.length),
    reach: r.reach + r.dupReach,
    cues,
    sources: r.sources.size,
    influencers: r.influencers.size,
  };
}

export function rescore(r: LiveRevolt, rate: number, expectedRate: number): void {
  const input = severityInput(r, rate, expectedRate);
  r.severity = severityOf(input);
  r.priority = priorityOf(r.severity, input.cues);
}

export function topTerms(r: LiveRevolt, brand: ReadonlySet<string>, n = 8): { term: string; posts: number }[] {
  // the n best without sorting every term (a long revolt has thousands): most posts, then alphabetical
  const top: [string, number][] = [];
  const better = (a: [string, number], b: [string, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const e of r.terms) {
    if (top.length === n && !better(e, top[n - 1])) continue;
    if (brand.has(e[0])) continue;
    let i = Math.min(top.length, n - 1);
    if (top.length < n) top.push(e);
    else top[i] = e;
    while (i > 0 && better(top[i], top[i - 1])) {
      [top[i], top[i - 1]] = [top[i - 1], top[i]];
      i--;
    }
  }
  return top.map(([term, posts]) => ({ term, posts }));
}

function postView(m: Member | null) {
  return m && { id: m.id, at: new Date(m.at).toISOString(), author: m.author, followers: m.followers, reach: m.reach, source: m.source, text: m.text };
}

/** The explanation stored with the revolt: why it opened, and how it stands now. */
export function explainOf(r: LiveRevolt, rate: number, expectedRate: number, brand: ReadonlySet<string>): Record<string, unknown> {
  const cues: Record<string, number> = {};
  for (const [c, s] of r.cueAuthors) cues[c] = s.size;
  const coordinated = coordinationOf(r);
  return {
    ...r.opening,
    keys: [...r.keys],
    levels: [...r.levels.values()],
    ...(coordinated ? { coordinated } : {}),
    current: {
      stage: r.life.stage,
      members: r.members.length,
      distinctAuthors: r.authors.size,
      voicesLastHour: rate,
      expectedLastHour: Math.round(expectedRate * 1000) / 1000,
      peakPerHour: r.life.peakRate,
      duplicates: r.duplicates,
      reach: r.reach + r.dupReach,
      influentialAuthors: r.influencers.size,
      escalation: cues,
      sources: Object.fromEntries(r.sources),
      topTerms: topTerms(r, brand),
      firstPost: postView(r.first),
      mostReachedPost: postView(r.mostReached),
      severityParts: severityParts(severityInput(r, rate, expectedRate)),
      ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
    },
  };
}

/** A copy-paste campaign: many accounts posting one message (the campaign keys' members). */
export function coordinationOf(r: LiveRevolt): { authors: number; posts: number; text: string } | null {
  const authors = new Set<string>();
  let posts = 0;
  let text = '';
  for (const m of r.members) {
    if (!m.campaign || !r.keys.has(m.campaign)) continue;
    authors.add(m.author);
    posts++;
    text ||= m.text;
  }
  return authors.size >= 2 ? { authors: authors.size, posts, text } : null;
}

const LEVEL_LABEL: Partial<Record<KeyKind, string>> = { pillar: 'Pillar', touchpoint: 'Touchpoint' };

export function labelFor(key: string, targetName: string): string {
  const kind = kindOf(key);
  let words: string;
  if (kind === 'hashtag') words = key;
  else if (kind === 'phrase') words = `“${key.slice('phrase:'.length)}”`;
  else if (kind === 'link') words = `Shared link ${key.slice('link:'.length)}`;
  else if (kind === 'target') words = 'Complaints on every subject';
  else if (kind === 'campaign') words = 'Coordinated campaign';
  else if (kind === 'pillar' || kind === 'touchpoint') words = `${LEVEL_LABEL[kind]}: ${key.slice(key.indexOf(':') + 1).replace(/[-_]+/g, ' ')}`;
  else words = key === 'negative' ? 'Negative wave' : key.replace(/[-_]+/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} — ${targetName}`;
}

export function toRevolt(r: LiveRevolt, explain: Record<string, unknown>): Revolt {
  return {
    id: r.id,
    target: r.target,
    key: r.key,
    label: r.label,
    stage: r.life.stage as RevoltStage,
    severity: r.severity,
    priority: r.priority,
    openedAt: r.openedAt,
    updatedAt: r.updatedAt,
    resolvedAt: r.resolvedAt,
    explain,
    postIds: r.members.map((m) => m.id),
  };
}
