import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, DIALECTS, type TestContext } from '../helpers/context.js';
import { processPosts } from '../../src/pipeline/process.js';
import { syncTargets } from '../../src/store/targets.js';

describe.each(DIALECTS)('pipeline → single-post queue items (%s)', (dialect) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext({ dialect });
    await syncTargets(ctx, [{ id: 'acme', name: 'Acme Air', sources: [] }]);
  });
  afterEach(async () => ctx.close());

  it('queues a classified legal threat and a big angry account, and nothing for an ordinary post', async () => {
    const base = { source: 'test', target: 'acme', publishedAt: ctx.clock.now(), lang: 'en' };
    await processPosts(ctx, [
      { ...base, externalId: '1', author: { id: 'a1', followers: 20 }, text: 'Acme lost my bag again. I am calling my lawyer and will sue.' },
      { ...base, externalId: '2', author: { id: 'a2', followers: 900_000 }, text: 'Acme Air is terrible, worst service ever, never again' },
      { ...base, externalId: '3', author: { id: 'a3', followers: 20 }, text: 'Flight was fine, thanks Acme' },
    ]);
    const items = await ctx.db.selectFrom('queue_items').select(['kind', 'reason', 'priority', 'post_id']).orderBy('priority').execute();
    const reasons = items.map((i) => JSON.parse(i.reason!) as string[]);
    expect(items.every((i) => i.kind === 'post')).toBe(true);
    expect(reasons.some((r) => r.includes('legal'))).toBe(true);
    expect(reasons.some((r) => r.includes('reach'))).toBe(true);
    expect(items.find((i) => JSON.parse(i.reason!).includes('legal'))!.priority).toBe('P1');
    expect(items).toHaveLength(2);
  });
});
