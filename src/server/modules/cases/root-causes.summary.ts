/**
 * Root causes of the cases closed in a period, within the caller's data scope, against the period of equal
 * length before it: what the monthly review and the committee's agenda call the top root causes.
 */
import type { RootCause } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { scopeFor, scopedWhere } from './cases.service.ts';
import { readRootCauses } from './settings.service.ts';

export interface RootCauseSummary {
  /** Cases opened and closed in the period, in scope. */
  opened: number;
  closed: number;
  /** Closed cases by root cause, most first; `previous` counts the period of equal length before. */
  items: Array<{ code: string; name: RootCause['name']; closed: number; previous: number }>;
}

export function summariseRootCauses(ctx: AppContext, actor: Actor, period: { from: Date; to: Date }, limit = 8): Promise<RootCauseSummary> {
  authorize(actor, 'case.read');
  const before = new Date(period.from.getTime() - (period.to.getTime() - period.from.getTime()));
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId, before, period.from, period.to];
    const scope = scopedWhere(await scopeFor(tx, actor), params);
    const [totals] = await tx.query<{ opened: number; closed: number }>(
      `SELECT count(*) FILTER (WHERE c.created_at >= $3 AND c.created_at < $4)::int AS opened,
              count(*) FILTER (WHERE c.closed_at >= $3 AND c.closed_at < $4)::int AS closed
         FROM cases c WHERE c.org_id = $1 AND (c.created_at >= $2::timestamptz OR c.closed_at >= $2::timestamptz) AND ${scope}`,
      params,
    );
    const rows = await tx.query<{ code: string; closed: number; previous: number }>(
      `SELECT c.root_cause AS code, count(*) FILTER (WHERE c.closed_at >= $3)::int AS closed, count(*) FILTER (WHERE c.closed_at < $3)::int AS previous
         FROM cases c
        WHERE c.org_id = $1 AND c.status = 'closed' AND c.root_cause IS NOT NULL AND c.closed_at >= $2 AND c.closed_at < $4 AND ${scope}
        GROUP BY c.root_cause HAVING count(*) FILTER (WHERE c.closed_at >= $3) > 0
        ORDER BY 2 DESC, 1 LIMIT ${Math.max(1, Math.floor(limit))}`,
      params,
    );
    const names = new Map((await readRootCauses(tx, actor.orgId)).map((r) => [r.code, r.name]));
    return {
      opened: totals!.opened,
      closed: totals!.closed,
      items: rows.map((r) => ({ ...r, name: names.get(r.code) ?? { 'zh-CN': r.code, en: r.code } })),
    };
  });
}
