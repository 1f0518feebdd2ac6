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

let seq = 0;
/** Ids that sort like the entries were written (time, then order within this process): the trail reads in order. */
function auditId(at: number): string {
  seq = (seq + 1) % 1_679_616; // 36^4
  return 'a_' + Math.max(0, Math.floor(at)).toString(36).padStart(9, '0') + seq.toString(36).padStart(4, '0') + newId().slice(0, 8);
}

/** Append-only audit trail: who did what to which entity, and when. */
export async function writeAudit(ctx: Pick<AppContext, 'db'>, e: AuditEntry): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({ id: auditId(e.at), at: e.at, actor: e.actor, action: e.action, entity_type: e.entityType, entity_id: e.entityId, detail: e.detail ? JSON.stringify(e.detail) : null })
    .execute();
}

/** Several audit entries in multi-row inserts (D1 binds at most 100 parameters a statement). */
export async function writeAudits(ctx: Pick<AppContext, 'db' | 'dialect'>, entries: AuditEntry[]): Promise<void> {
  const size = ctx.dialect === 'd1' ? 14 : 200;
  for (let i = 0; i < entries.length; i += size) {
    await ctx.db
      .insertInto('audit_log')
      .values(entries.slice(i, i + size).map((e) => ({ id: auditId(e.at), at: e.at, actor: e.actor, action: e.action, entity_type: e.entityType, entity_id: e.entityId, detail: e.detail ? JSON.stringify(e.detail) : null })))
      .execute();
  }
}
