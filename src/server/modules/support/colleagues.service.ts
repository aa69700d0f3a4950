/**
 * The people one can hand a case to or ask for support: without a search, one's manager and the
 * colleagues of one's unit; with one, anyone in the organisation by name. Names and units only (the
 * organisation chart every employee knows), never contact details; people who left are not offered.
 */
import type { Colleague } from '../../../contracts/support.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';

const MAX_COLLEAGUES = 50;

export function listColleagues(ctx: AppContext, actor: Actor, q?: string): Promise<{ items: Colleague[] }> {
  authorize(actor, 'org.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const pattern = q ? `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await tx.query<{ id: string; name: string; unit_id: string; unit_name: string; unit_name_en: string | null; relation: Colleague['relation'] }>(
      `WITH me AS (SELECT id, unit_id, manager_id FROM employees WHERE org_id = $1 AND id = $2::uuid)
       SELECT e.id, e.name, e.unit_id, u.name AS unit_name, u.name_en AS unit_name_en,
              CASE WHEN e.id = (SELECT manager_id FROM me) THEN 'manager'
                   WHEN e.unit_id = (SELECT unit_id FROM me) THEN 'same_unit' ELSE 'other' END AS relation
         FROM employees e JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id
        WHERE e.org_id = $1 AND e.left_at IS NULL AND e.id IS DISTINCT FROM $2::uuid
          AND (CASE WHEN $3::text IS NULL THEN e.id = (SELECT manager_id FROM me) OR e.unit_id = (SELECT unit_id FROM me)
                    ELSE e.name ILIKE $3 END)
        ORDER BY (e.id = (SELECT manager_id FROM me)) IS TRUE DESC, (e.unit_id = (SELECT unit_id FROM me)) IS TRUE DESC, e.name, e.id
        LIMIT ${MAX_COLLEAGUES}`,
      [actor.orgId, actor.employeeId, pattern],
    );
    return { items: rows.map((r) => ({ id: r.id, name: r.name, unitId: r.unit_id, unitName: r.unit_name, unitNameEn: r.unit_name_en, relation: r.relation })) };
  });
}
