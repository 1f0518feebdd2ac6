import { describe, expect, it } from 'vitest';
import { initialLifecycle, PEAK_HOLD_MS, stepLifecycle, UPDATE_EVERY_MS, type LifecycleState, type Observation } from '../../src/revolts/lifecycle.js';

const T = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const obs = (o: Partial<Observation> & { now: number; rate: number }): Observation => ({ priority: 'P3', newMembers: 1, minAuthors: 5, quietAfterMs: 2 * HOUR, ...o });
const state = (s: Partial<LifecycleState>): LifecycleState => ({ ...initialLifecycle(T, 6, T, 'P3'), ...s });

describe('revolt lifecycle state table', () => {
  it('emerging → escalating when the rate jumps well above the opening rate (escalated)', () => {
    const step = stepLifecycle(state({}), obs({ now: T + 10 * MIN, rate: 10 }));
    expect(step.state.stage).toBe('escalating');
    expect(step.event).toBe('revolt.escalated');
  });

  it('stays emerging on a small rise: hysteresis on the way up', () => {
    const step = stepLifecycle(state({}), obs({ now: T + 5 * MIN, rate: 8 }));
    expect(step.state.stage).toBe('emerging');
    expect(step.event).toBeNull(); // the update is rate-limited: opened 5 minutes ago
  });

  it('emerging → subsiding when the rate halves (updated)', () => {
    const step = stepLifecycle(state({ lastUpdateAt: T - UPDATE_EVERY_MS }), obs({ now: T + 20 * MIN, rate: 3, newMembers: 0 }));
    expect(step.state.stage).toBe('subsiding');
    expect(step.event).toBe('revolt.updated');
  });

  it('escalating → peaking when no new peak came for the peak hold', () => {
    const s = state({ stage: 'escalating', peakRate: 20, peakAt: T, lastUpdateAt: T });
    expect(stepLifecycle(s, obs({ now: T + PEAK_HOLD_MS - MIN, rate: 18 })).state.stage).toBe('escalating');
    const step = stepLifecycle(s, obs({ now: T + PEAK_HOLD_MS, rate: 18 }));
    expect(step.state.stage).toBe('peaking');
    expect(step.event).toBe('revolt.updated');
  });

  it('escalating → subsiding when the rate falls to half the peak', () => {
    const step = stepLifecycle(state({ stage: 'escalating', peakRate: 20, peakAt: T }), obs({ now: T + 10 * MIN, rate: 10 }));
    expect(step.state.stage).toBe('subsiding');
  });

  it('peaking → escalating on a clear new peak (escalated), and → subsiding when it halves', () => {
    const s = state({ stage: 'peaking', peakRate: 20, peakAt: T, lastUpdateAt: T });
    const up = stepLifecycle(s, obs({ now: T + 40 * MIN, rate: 30 }));
    expect(up.state.stage).toBe('escalating');
    expect(up.event).toBe('revolt.escalated');
    expect(up.state.peakRate).toBe(30);
    expect(stepLifecycle(s, obs({ now: T + 40 * MIN, rate: 9 })).state.stage).toBe('subsiding');
  });

  it('subsiding → escalating when it flares up again', () => {
    const step = stepLifecycle(state({ stage: 'subsiding', peakRate: 20, peakAt: T }), obs({ now: T + HOUR, rate: 17, newMembers: 5 }));
    expect(step.state.stage).toBe('escalating');
    expect(step.event).toBe('revolt.escalated');
  });

  it('subsiding → resolved only after a quiet spell, not after one quiet tick: hysteresis on the way down', () => {
    let s = state({ stage: 'subsiding', peakRate: 20, peakAt: T, lastMemberAt: T + 30 * MIN, lastUpdateAt: T });
    let step = stepLifecycle(s, obs({ now: T + HOUR, rate: 1, newMembers: 0 }));
    expect(step.state.stage).toBe('subsiding');
    s = step.state;
    step = stepLifecycle(s, obs({ now: T + 2 * HOUR, rate: 0, newMembers: 0 }));
    expect(step.state.stage).toBe('subsiding');
    step = stepLifecycle(step.state, obs({ now: T + 30 * MIN + 2 * HOUR, rate: 0, newMembers: 0 }));
    expect(step.state.stage).toBe('resolved');
    expect(step.event).toBe('revolt.resolved');
  });

  it('announces a rise in priority as escalated, once', () => {
    const s = state({ stage: 'peaking', peakRate: 20, peakAt: T, lastUpdateAt: T });
    const step = stepLifecycle(s, obs({ now: T + 5 * MIN, rate: 19, priority: 'P2' }));
    expect(step.event).toBe('revolt.escalated');
    expect(step.state.announcedPriority).toBe('P2');
    expect(stepLifecycle(step.state, obs({ now: T + 6 * MIN, rate: 19, priority: 'P2' })).event).toBeNull();
  });

  it('rate-limits updated: growth is announced at most once per interval', () => {
    const s = state({ stage: 'peaking', peakRate: 20, peakAt: T, lastUpdateAt: T });
    const a = stepLifecycle(s, obs({ now: T + UPDATE_EVERY_MS - MIN, rate: 19 }));
    expect(a.event).toBeNull();
    expect(a.state.pendingUpdate).toBe(true);
    const b = stepLifecycle(a.state, obs({ now: T + UPDATE_EVERY_MS, rate: 19, newMembers: 0 }));
    expect(b.event).toBe('revolt.updated');
    expect(b.state.pendingUpdate).toBe(false);
  });
});
