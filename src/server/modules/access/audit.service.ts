import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { toPage } from '../../platform/pagination.ts';
import { decodeCursor } from '../../platform/pagination.ts';

/** Admins read the audit log newest first, optionally for one entity. */
export function listAuditLog(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; cursor?: string; entityType?: string; entityId?: string },
) {
  authorize(actor, 'audit.read');
  const before = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{
      id: number;
      at: Date;
      actor_type: string;
      actor_id: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
      before: unknown;
      after: unknown;
    }>(
      `SELECT id, at, actor_type, actor_id, action, entity_type, entity_id, before, after FROM audit_log
       WHERE org_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
         AND ($3::text IS NULL OR entity_type = $3) AND ($4::text IS NULL OR entity_id = $4)
       ORDER BY id DESC LIMIT $5`,
      [actor.orgId, before && /^\d{1,18}$/.test(before) ? before : null, q.entityType ?? null, q.entityId ?? null, q.limit + 1],
    );
    const entries = rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorType: r.actor_type,
      actorId: r.actor_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
    return toPage(entries, q.limit, (e) => String(e.id));
  });
}
