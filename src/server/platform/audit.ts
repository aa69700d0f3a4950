import type { Actor } from './actor.ts';
import type { Tx } from './db/database.ts';
import type { Clock } from './clock.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends who changed what, when, with before/after, in the same transaction
 * as the change, so the log and the data never disagree. The table rejects
 * updates and deletes.
 */
export async function recordAudit(tx: Tx, clock: Clock, actor: Actor | null, entry: AuditEntry): Promise<void> {
  if (!tx.orgId) throw new Error('recordAudit needs a tenant transaction');
  await tx.query(
    `INSERT INTO audit_log (org_id, at, actor_type, actor_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      tx.orgId,
      clock.now(),
      actor?.kind ?? 'system',
      actor?.id ?? null,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}
