/**
 * Opening a revolt from a group of candidates (pure): its name is the most specific key that holds
 * most of the group's excess voices; its explanation says why it opened, in numbers and in a sentence,
 * and which detection levels fired.
 */
import { stableId } from '../util/ids.js';
import { isBroad, kindOf } from './keys.js';
import { initialLifecycle } from './lifecycle.js';
import { addMember, labelFor, newLiveRevolt, topTerms, type LevelNote, type LiveRevolt } from './revolt.js';
import { excessOf, keyRank, type Group } from './grouping.js';
import type { WindowStat } from './test-key.js';
import type { TargetModel } from './target-model.js';
import { EXPLAIN_SHARE, MAX_SHAPE } from './params.js';

export const DETECTOR_VERSION = 'backlash-levels-2';

export function levelNote(s: WindowStat, now: number): LevelNote {
  return { level: s.kind, key: s.key, observed: s.observed, expected: s.expected, score: s.score, windowMinutes: Math.round(s.windowMs / 60_000), at: new Date(now).toISOString() };
}

/** The key that names the group: the most specific one holding most of the group's excess voices. */
export function primaryOf(stats: WindowStat[]): WindowStat {
  const most = Math.max(...stats.map(excessOf));
  const covering = stats.filter((s) => excessOf(s) >= EXPLAIN_SHARE * most);
  return [...covering].sort((a, b) => keyRank(a.key) - keyRank(b.key) || b.score - a.score)[0];
}

function sentence(best: WindowStat, targetName: string): string {
  const minutes = Math.round(best.windowMs / 60_000);
  const what = kindOf(best.key) === 'target' ? `${targetName} as a whole` : best.key.replace(/^phrase:/, '');
  const busy = best.ordinary < 0.5 ? ' (traffic was unusually busy: judged against the other posts of the window)' : '';
  return `${best.posts} negative posts from ${best.observed} distinct authors in ${minutes} min on ${what}, against ${best.expected} expected (p=${best.pValue.toExponential(1)})${busy}`;
}

export function openRevolt(m: TargetModel, g: Group, now: number, brand: ReadonlySet<string>): LiveRevolt {
  const stats = [...g.stats].sort((a, b) => b.score - a.score);
  const primary = primaryOf(stats);
  const best = stats[0];
  const id = 'r_' + stableId(`${m.id}|${primary.key}|${now}`);
  const minutes = Math.round(best.windowMs / 60_000);
  // a broad level's key makes every voice of that level a member: only when it names the revolt
  const keys = stats.filter((s) => !isBroad(s.kind) || s === primary).map((s) => s.key);
  const opening = {
    detector: DETECTOR_VERSION,
    key: primary.key,
    kind: kindOf(primary.key),
    window: { from: new Date(now - best.windowMs).toISOString(), to: new Date(now).toISOString(), minutes },
    testedKey: best.key,
    observed: best.observed,
    posts: best.posts,
    distinctAuthors: best.observed,
    duplicates: best.duplicates,
    expected: best.expected,
    ratio: best.expected > 0 ? Math.round((best.observed / best.expected) * 10) / 10 : null,
    pValue: best.pValue,
    score: best.score,
    keysInPlay: best.keysInPlay,
    test: `negative binomial mixture (ordinary or busy traffic; drift learnt per level, shape at most ${MAX_SHAPE} for other keys), corrected for the windows tried and ${best.keysInPlay} ${kindOf(best.key)} keys in play`,
    negativeShare: best.negativeShare,
    mergedKeys: stats.map((s) => ({ key: s.key, observed: s.observed, expected: s.expected, score: s.score })),
    reason: sentence(best, m.name),
  };
  const r = newLiveRevolt({ id, target: m.id, key: primary.key, keys, label: labelFor(primary.key, m.name), openedAt: now, opening, life: initialLifecycle(now, 0, now, 'P4') });
  for (const s of [...stats, ...g.levels]) if (!r.levels.has(s.key)) r.levels.set(s.key, levelNote(s, now));
  // the members are the voices of its keys (a broad level that only explains the group lends none)
  const members = new Map<string, (typeof g.members)[number]>();
  for (const s of stats) if (keys.includes(s.key)) for (const ref of s.members) members.set(ref.id, ref);
  for (const ref of [...members.values()].sort((a, b) => a.at - b.at)) addMember(r, ref);
  r.opening = { ...opening, topTerms: topTerms(r, brand), firstPost: r.first && { id: r.first.id, text: r.first.text }, mostReached: r.mostReached && { id: r.mostReached.id, reach: r.mostReached.reach, text: r.mostReached.text }, sources: [...r.sources.keys()] };
  return r;
}
