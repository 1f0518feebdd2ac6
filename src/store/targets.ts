/** Keeps the targets and sources tables in step with the config (config wins; poll state is kept). */
import type { AppContext } from '../context.js';
import type { TargetConfig } from '../config/schema.js';

export async function syncTargets(ctx: Pick<AppContext, 'db' | 'clock'>, targets: Pick<TargetConfig, 'id' | 'name' | 'sources'>[]): Promise<void> {
  const now = ctx.clock.now();
  for (const t of targets) {
    await ctx.db
      .insertInto('targets')
      .values({ id: t.id, name: t.name ?? t.id, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: t.name ?? t.id }))
      .execute();
    for (const s of t.sources) {
      const { id, type, every, enabled, ...rest } = s;
      await ctx.db
        .insertInto('sources')
        .values({
          id,
          target_id: t.id,
          type,
          config: JSON.stringify(rest),
          every_ms: every,
          enabled: enabled ? 1 : 0,
          status: 'idle',
          next_poll_at: now,
          posts_seen: 0,
          failures: 0,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doUpdateSet({ target_id: t.id, type, config: JSON.stringify(rest), every_ms: every, enabled: enabled ? 1 : 0, updated_at: now }))
        .execute();
    }
  }
}
