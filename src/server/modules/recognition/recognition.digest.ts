/**
 * Recognition in a period, within the caller's data scope: how much customer praise staff received, who
 * received most, the most liked words, and the Golden Ear of that month. For the monthly review.
 */
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { dataScopeOf, type DataScope } from '../org/index.ts';

export interface RecognitionDigest {
  praise: number;
  topPraised: Array<{ employeeName: string; unitName: string | null; unitNameEn: string | null; praise: number }>;
  /** The most liked praise (redacted text, as on the wall). */
  quotes: Array<{ text: string; employeeName: string | null; likes: number }>;
  /** The Golden Ear granted for the month (`YYYY-MM`), when there is one. */
  goldenEar: { employeeName: string; score: number | null } | null;
}

/** Praise rows (`p`, with its employee `e`) the scope covers; pushes its parameters. */
function praiseScopeSql(scope: DataScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'org':
      return 'true';
    case 'none':
      return 'false';
    case 'self':
      params.push(scope.employeeId);
      return `p.employee_id = $${params.length}`;
    case 'units':
      params.push(scope.unitIds);
      return `(p.unit_id = ANY ($${params.length}::uuid[]) OR e.unit_id = ANY ($${params.length}::uuid[]))`;
  }
}

export function recognitionDigest(ctx: AppContext, actor: Actor, period: { from: Date; to: Date; month: string }): Promise<RecognitionDigest> {
  authorize(actor, 'recognition.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const params: unknown[] = [actor.orgId, period.from, period.to];
    const scope = praiseScopeSql(await dataScopeOf(tx, actor), params);
    const from = `FROM praise p LEFT JOIN employees e ON e.org_id = p.org_id AND e.id = p.employee_id
      WHERE p.org_id = $1 AND p.submitted_at >= $2 AND p.submitted_at < $3 AND ${scope}`;
    const [total] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
    const top = await tx.query<{ employee_name: string; unit_name: string | null; unit_name_en: string | null; praise: number }>(
      `SELECT e.name AS employee_name, u.name AS unit_name, u.name_en AS unit_name_en, count(*)::int AS praise ${from.replace('WHERE', 'LEFT JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id WHERE')}
         AND p.employee_id IS NOT NULL GROUP BY e.id, e.name, u.name, u.name_en ORDER BY 4 DESC, 1 LIMIT 5`,
      params,
    );
    const quotes = await tx.query<{ text: string; employee_name: string | null; likes: number }>(
      `SELECT p.text, e.name AS employee_name, p.likes ${from} AND p.text <> '' ORDER BY p.likes DESC, p.sentiment_score DESC, p.submitted_at DESC, p.response_id LIMIT 3`,
      params,
    );
    const [ear] = await tx.query<{ employee_name: string; reason: { score?: number } }>(
      `SELECT e.name AS employee_name, a.reason FROM awards a JOIN employees e ON e.org_id = a.org_id AND e.id = a.employee_id
        WHERE a.org_id = $1 AND a.kind = 'golden_ear' AND a.period = $2`,
      [actor.orgId, period.month],
    );
    return {
      praise: total!.n,
      topPraised: top.map((r) => ({ employeeName: r.employee_name, unitName: r.unit_name, unitNameEn: r.unit_name_en, praise: r.praise })),
      quotes: quotes.map((r) => ({ text: r.text, employeeName: r.employee_name, likes: r.likes })),
      goldenEar: ear ? { employeeName: ear.employee_name, score: typeof ear.reason?.score === 'number' ? ear.reason.score : null } : null,
    };
  });
}
