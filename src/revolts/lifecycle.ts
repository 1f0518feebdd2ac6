/**
 * The revolt lifecycle as an explicit state table (pure). Each open revolt is re-observed at every
 * detection tick; `nextStage` says where it goes and which event that transition announces.
 * Hysteresis: going up needs a clear jump (×1.5 and +3 voices over the rate it opened or peaked
 * at); going down needs the rate to halve; resolving needs a quiet spell, not one quiet tick.
 *
 *   from        condition                                         to          event
 *   emerging    rate ≥ max(1.5 × openRate, openRate + 3)           escalating  revolt.escalated
 *   emerging    rate ≤ openRate / 2                                subsiding   revolt.updated
 *   escalating  no new peak for PEAK_HOLD                          peaking     revolt.updated
 *   escalating  rate ≤ peakRate / 2                                subsiding   revolt.updated
 *   peaking     rate ≥ max(1.5 × peakRate, peakRate + 3)           escalating  revolt.escalated
 *   peaking     rate ≤ peakRate / 2                                subsiding   revolt.updated
 *   subsiding   rate ≥ max(0.8 × peakRate, minAuthors) and rising  escalating  revolt.escalated
 *   subsiding   quiet for quietAfter (no member, or rate ≤ 1 that long)  resolved  revolt.resolved
 *   any open    no member at all for 2 × quietAfter                resolved    revolt.resolved
 *
 * A rise in priority (P3 → P2) is announced as revolt.escalated whatever the stage; growth without
 * a transition is announced as revolt.updated at most once per UPDATE_EVERY.
 */
import type { Priority, RevoltEventType, RevoltStage } from '../types.js';

export const PEAK_HOLD_MS = 30 * 60_000;
export const UPDATE_EVERY_MS = 15 * 60_000;

export interface LifecycleState {
  stage: RevoltStage;
  openRate: number;
  peakRate: number;
  peakAt: number;
  lastMemberAt: number;
  /** Since when the rate has been at most 1 voice per rate window (0 when not quiet). */
  quietSince: number;
  lastUpdateAt: number;
  announcedPriority: Priority;
  pendingUpdate: boolean;
}

export interface Observation {
  now: number;
  /** Distinct voices in the last rate window. */
  rate: number;
  priority: Priority;
  newMembers: number;
  minAuthors: number;
  quietAfterMs: number;
}

export interface Step {
  state: LifecycleState;
  event: RevoltEventType | null;
}

const RANK: Record<Priority, number> = { P4: 0, P3: 1, P2: 2, P1: 3 };

function jumpedAbove(rate: number, ref: number): boolean {
  return rate >= Math.max(1.5 * ref, ref + 3);
}

export function transition(s: LifecycleState, o: Observation): { to: RevoltStage; why: string } | null {
  const quietFor = s.quietSince ? o.now - s.quietSince : 0;
  if (o.now - s.lastMemberAt >= 2 * o.quietAfterMs) return { to: 'resolved', why: 'no new voice' };
  switch (s.stage) {
    case 'emerging':
      if (jumpedAbove(o.rate, s.openRate)) return { to: 'escalating', why: 'rate jumped' };
      if (o.rate <= s.openRate / 2) return { to: 'subsiding', why: 'rate halved' };
      return null;
    case 'escalating':
      if (o.rate <= s.peakRate / 2) return { to: 'subsiding', why: 'rate halved from peak' };
      if (o.now - s.peakAt >= PEAK_HOLD_MS) return { to: 'peaking', why: 'no new peak' };
      return null;
    case 'peaking':
      if (jumpedAbove(o.rate, s.peakRate)) return { to: 'escalating', why: 'rate jumped above peak' };
      if (o.rate <= s.peakRate / 2) return { to: 'subsiding', why: 'rate halved from peak' };
      return null;
    case 'subsiding':
      if (o.rate >= Math.max(0.8 * s.peakRate, o.minAuthors) && o.newMembers > 0) return { to: 'escalating', why: 'flared up again' };
      if (o.now - s.lastMemberAt >= o.quietAfterMs || quietFor >= o.quietAfterMs) return { to: 'resolved', why: 'quiet' };
      return null;
    case 'resolved':
      return null;
  }
}

/** One tick of the lifecycle: the next state and the event to announce, if any. */
export function stepLifecycle(s: LifecycleState, o: Observation): Step {
  const next: LifecycleState = { ...s };
  if (o.rate > next.peakRate) {
    next.peakRate = o.rate;
    next.peakAt = o.now;
  }
  next.quietSince = o.rate <= 1 ? s.quietSince || o.now : 0;
  if (o.newMembers > 0) next.pendingUpdate = true;
  const t = transition(s, o);
  let event: RevoltEventType | null = null;
  if (t) {
    next.stage = t.to;
    if (t.to === 'resolved') event = 'revolt.resolved';
    else if (t.to === 'escalating') event = 'revolt.escalated';
    else next.pendingUpdate = true;
    if (t.to === 'escalating') next.peakAt = o.now; // a new climb: the peak hold starts afresh
  }
  if (!event && next.stage !== 'resolved' && RANK[o.priority] > RANK[s.announcedPriority]) event = 'revolt.escalated';
  if (!event && next.pendingUpdate && o.now - s.lastUpdateAt >= UPDATE_EVERY_MS) event = 'revolt.updated';
  if (event) {
    next.lastUpdateAt = o.now;
    next.pendingUpdate = false;
    if (RANK[o.priority] > RANK[next.announcedPriority]) next.announcedPriority = o.priority;
  }
  return { state: next, event };
}

export function initialLifecycle(now: number, rate: number, lastMemberAt: number, priority: Priority): LifecycleState {
  return { stage: 'emerging', openRate: rate, peakRate: rate, peakAt: now, lastMemberAt, quietSince: 0, lastUpdateAt: now, announcedPriority: priority, pendingUpdate: false };
}
