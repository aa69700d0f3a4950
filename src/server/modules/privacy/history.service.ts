/** The privacy page's history: exports, erasures and retention changes, read from the append-only audit log. */
import type { PrivacyHistoryItem } from '../../../contracts/privacy.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';

const ACTIONS: Record<string, PrivacyHistoryItem['action']> = {
  'privacy.customer_exported': 'customer_exported',
  'privacy.customer_erased': 'customer_erased',
  'privacy.retention_updated': 'retention_updated',
};

export const HISTORY_LIMIT = 100;

export function listPrivacyHistory(ctx: AppContext, actor: Actor): Promise<{ items: PrivacyHistoryItem[] }> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const rows = await tx.query<{ id: string; at: Date; action: string; entity_id: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; who: string | null }>(
      `SELECT a.id::text, a.at, a.action, a.entity_id, a.before, a.after,
              CASE a.actor_type
                WHEN 'user' THEN (SELECT u.email FROM users u WHERE u.org_id = a.org_id AND u.id::text = a.actor_id)
                WHEN 'api_key' THEN (SELECT k.name FROM api_keys k WHERE k.org_id = a.org_id AND k.id::text = a.actor_id)
              END AS who
         FROM audit_log a
        WHERE a.org_id = $1 AND a.action = ANY ($2::text[])
        ORDER BY a.id DESC LIMIT $3`,
      [actor.orgId, Object.keys(ACTIONS), HISTORY_LIMIT],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        action: ACTIONS[r.action]!,
        customerRef: r.action === 'privacy.retention_updated' ? null : r.entity_id,
        actor: r.who,
        details: r.action === 'privacy.retention_updated' ? changedLimits(r.before, r.after) : r.after,
      })),
    };
  });
}

/** A retention change as the limits it changed (all of them the first time). */
function changedLimits(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!after) return null;
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => before?.[k] !== v));
}
