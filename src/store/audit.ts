import type { AppContext } from '../context.js';
import { newId } from '../util/ids.js';

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detail?: Record<string, unknown>;
}

/** Append-only audit trail: who did what to which entity, and when. */
export async function writeAudit(ctx: Pick<AppContext, 'db'>, e: AuditEntry): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({ id: newId('a_'), at: e.at, actor: e.actor, action: e.action, entity_type: e.entityType, entity_id: e.entityId, detail: e.detail ? JSON.stringify(e.detail) : null })
    .execute();
}

/** Several audit entries in multi-row inserts (D1 binds at most 100 parameters a statement). */
export async function writeAudits(ctx: Pick<AppContext, 'db' | 'dialect'>, entries: AuditEntry[]): Promise<void> {
  const size = ctx.dialect === 'd1' ? 14 : 200;
  for (let i = 0; i < entries.length; i += size) {
    await ctx.db
      .insertInto('audit_log')
      .values(entries.slice(i, i + size).map((e) => ({ id: newId('a_'), at: e.at, actor: e.actor, action: e.action, entity_type: e.entityType, entity_id: e.entityId, detail: e.detail ? JSON.stringify(e.detail) : null })))
      .execute();
  }
}
