/** Live updates across instances over PostgreSQL LISTEN/NOTIFY (needs DATABASE_URL: see test/helpers/requirements.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { createPgEventBus, type PgEventBus } from '../../src/entry/pg-notify.js';
import type { BusMessage } from '../../src/util/event-bus.js';
import { POSTGRES, skipWithout } from '../helpers/requirements.js';

const url = process.env.DATABASE_URL;
const channel = `bl_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(skipWithout(POSTGRES))('PostgreSQL event bus', () => {
  const buses: PgEventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  it('delivers a message published on one instance to subscribers on the others, once each', async () => {
    const a = createPgEventBus({ connectionString: url!, instanceId: 'A', channel });
    const b = createPgEventBus({ connectionString: url!, instanceId: 'B', channel });
    buses.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const onA: BusMessage[] = [];
    const onB: BusMessage[] = [];
    a.subscribe((m) => onA.push(m));
    const heardOnB = new Promise<void>((resolve) =>
      b.subscribe((m) => {
        onB.push(m);
        if (onB.length === 300) resolve();
      }),
    );
    // a burst bigger than one NOTIFY payload: packed into several, none lost
    for (let i = 0; i < 300; i++) a.publish({ topic: 'post', id: `p_${String(i).padStart(26, '0')}`, type: 'classified', at: 1_000 + i });
    await heardOnB;
    expect(onB.map((m) => m.at)).toEqual(Array.from({ length: 300 }, (_, i) => 1_000 + i));
    expect(onA).toHaveLength(300); // heard locally at once, never echoed back
    b.publish({ topic: 'revolt', id: 'r1', type: 'revolt.opened', at: 5 });
    await new Promise<void>((resolve) => a.subscribe((m) => m.id === 'r1' && resolve()));
    expect(onA.filter((m) => m.id === 'r1')).toHaveLength(1);
  });
});
