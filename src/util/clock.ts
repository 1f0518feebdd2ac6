/** Time as a dependency: the live service uses the wall clock, the demo an accelerated one, replay a simulated one. */
export interface Clock {
  now(): number;
}

// The one place the core reads the wall clock (the lint forbids Date.now() elsewhere outside entry/
// and cli/): everything else gets time from its context, ctx.clock or ctx.wallClock.
export const systemClock: Clock = { now: () => Date.now() };

/** The context's wall clock: sessions, throttling and signatures follow it whatever ctx.clock does. */
export function wallClockOf(ctx: { wallClock?: Clock }): Clock {
  return ctx.wallClock ?? systemClock;
}

/** A clock the caller moves by hand (replay, tests). */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    this.t = Math.max(this.t, t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A clock that runs `speed` times faster than the wall clock from `start` (the demo's). */
export class AcceleratedClock implements Clock {
  private readonly realStart = Date.now();
  constructor(
    private readonly start: number,
    private readonly speed: number,
  ) {}
  now(): number {
    return this.start + (Date.now() - this.realStart) * this.speed;
  }
}
