/**
 * Where a candidate of one tick goes (pure): into an open revolt of the same incident, into a group
 * of this tick's candidates, or nowhere (a revolt of its own). A broad level is those revolts seen
 * from above, or a group's level, or a broad group of its own. The tests themselves (same posts,
 * voices, words, topic, signature, wave) are in grouping.ts.
 */
import { isBroad, kindOf } from './keys.js';
import type { Ref } from './key-state.js';
import type { LiveRevolt } from './revolt.js';
import type { TargetModel } from './target-model.js';
import type { WindowStat } from './test-key.js';
import { explainers, holdsAnotherIncident, intersects, majorityTopics, newGroup, openingTopics, overlap, overRepresented, sameIncident, sameWave, signatureTopic, standsOutOfWave, type CrowdView, type Group, type JoinReason } from './grouping.js';
import { MERGE_OVERLAP, OPEN_EXPLAIN_SHARE, OPENING_MEMBERS, SAME_WAVE_MS, WAVE_OVERLAP } from './params.js';

export interface JoinContext {
  m: TargetModel;
  open: LiveRevolt[];
  /** the open revolts named by a broad level (the whole target, a pillar, a touchpoint) */
  broadOpen: LiveRevolt[];
  now: number;
  viewOf: (r: LiveRevolt) => CrowdView;
  /** a key's usual share of the target's voices */
  usual: (key: string) => number;
}

/**
 * The open revolts a broad level bursting now is seen from above: those that hold a fifth of its
 * excess voices (an incident's posts spread over topics, so its revolt holds only part of its
 * levels' excess). The whole target is every incident at once: any open revolt explains it, as an
 * open broad revolt explains every level. None: a second incident (another touchpoint, another pillar).
 */
export function levelSeenFromAbove(cx: JoinContext, c: WindowStat): LiveRevolt[] {
  if (c.kind === 'target' || cx.broadOpen.length) return cx.open;
  return explainers(c, cx.open.map(cx.viewOf), OPEN_EXPLAIN_SHARE).map((v) => v.revolt!);
}

/** A broad level no open revolt explains: a level of this tick's groups, or a broad group of its own. */
export function placeLevel(groups: Group[], c: WindowStat): void {
  const specific = groups.filter((g) => !g.broad);
  const by = explainers(c, specific);
  const explained = by.length ? by : specific.length ? [specific.reduce((a, b) => (b.members.length > a.members.length ? b : a))] : [];
  for (const x of explained) x.levels.push(c);
  if (explained.length) return;
  const broadGroup = groups.find((g) => g.broad);
  if (broadGroup) broadGroup.levels.push(c);
  else groups.push(newGroup(c));
}

/** The open revolt a specific candidate is part of, and why; null for a new incident. */
export function openRevoltOf(cx: JoinContext, c: WindowStat): { into: LiveRevolt; why: JoinReason } | null {
  const { open, viewOf, usual } = cx;
  for (const r of open) {
    const why = sameIncident(cx.m, c, viewOf(r));
    if (why && !(viewOf(r).broad && holdsAnotherIncident(c, viewOf(r), usual))) return { into: r, why };
  }
  // the same subject: the key is over-represented among the revolt's posts, or the revolt's key among the key's
  const subject = open.find((r) => !isBroad(kindOf(r.key)) && (overRepresented(viewOf(r).members as Ref[], c.key, usual(c.key)) || overRepresented(c.members, r.key, usual(r.key))));
  if (subject) return { into: subject, why: 'same subject' };
  const wave = broadWaveOf(cx, c);
  if (wave) return { into: wave, why: 'same wave' };
  const recent = sameWaveRevolt(cx, c);
  return recent ? { into: recent, why: 'same wave' } : null;
}

/**
 * A subject bursting under an open broad revolt names what that wave is about, unless it stands
 * out even of the wave (a second incident). The wave is the broad revolt whose level holds most of
 * the key's posts: a touchpoint's wave says nothing of another touchpoint.
 */
function broadWaveOf(cx: JoinContext, c: WindowStat): LiveRevolt | null {
  if (!cx.broadOpen.length) return null;
  const ids = c.members.map((x) => x.id);
  const held = cx.broadOpen.map((r) => ({ r, n: overlap(ids, r.memberIds) })).reduce((a, b) => (b.n > a.n || (b.n === a.n && b.r.openedAt > a.r.openedAt) ? b : a));
  if (held.n < MERGE_OVERLAP * ids.length) return null;
  const sig = signatureTopic(c.members, cx.usual);
  const sameSignature = sig !== null && sig === signatureTopic(cx.viewOf(held.r).members, cx.usual);
  if (holdsAnotherIncident(c, cx.viewOf(held.r), cx.usual)) return null;
  return sameSignature || !standsOutOfWave(c, held.r, cx.now, cx.usual(c.key)) ? held.r : null;
}

/**
 * A key bursting shortly after a specific revolt opened belongs to its wave unless the two crowds'
 * signatures (their most over-represented topics) differ. Under a broad wave, a second incident is
 * the one just opened when it speaks of its topic or holds a third of the key's posts.
 */
function sameWaveRevolt(cx: JoinContext, c: WindowStat): LiveRevolt | undefined {
  const topics = majorityTopics(c.members);
  const ids = c.members.map((x) => x.id);
  const sig = signatureTopic(c.members, cx.usual);
  const sameSig = (r: LiveRevolt) => {
    const other = signatureTopic(r.members.slice(0, OPENING_MEMBERS), cx.usual);
    return sig === null || other === null ? sameWave(topics, openingTopics(r)) : sig === other;
  };
  const underBroad = (r: LiveRevolt) => (topics.length > 0 && intersects(topics, openingTopics(r))) || overlap(ids, r.memberIds) >= WAVE_OVERLAP * ids.length;
  return cx.open.find((r) => !isBroad(kindOf(r.key)) && cx.now - r.openedAt <= SAME_WAVE_MS && (cx.broadOpen.length ? underBroad(r) : sameSig(r)));
}

/** The group of this tick a candidate joins: candidates bursting at one target in the same tick are one wave, like a key after an opening. */
export function groupOf(cx: JoinContext, c: WindowStat, groups: Group[]): Group | undefined {
  const { usual } = cx;
  const sameSignature = (x: Group) => {
    const a = signatureTopic(c.members, usual);
    const b = signatureTopic(x.members, usual);
    return a === null || b === null ? sameWave(majorityTopics(c.members), majorityTopics(x.members)) : a === b;
  };
  return (
    groups.find((x) => !x.broad && sameIncident(cx.m, c, x) !== null) ??
    groups.find((x) => !x.broad && x.stats.some((s) => overRepresented(x.members, c.key, usual(c.key)) || overRepresented(c.members, s.key, usual(s.key)))) ??
    groups.find((x) => !x.broad && sameSignature(x))
  );
}
