/**
 * What the completed visits and audits add up to, in the caller's scope: mystery-shopping results by unit
 * and touchpoint for the page, and the digest the monthly review prints. A visit counts in the period its
 * completion falls in, exactly as the `audit_score` metric counts it, so the figures agree.
 */
import { AUDIT_LIMITS, type MysteryResults } from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { visibleUnits } from './audit.row.ts';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** `from`/`to` are calendar days in the organisation's time zone (`to` exclusive); either may be left open. */
export function mysteryResults(ctx: AppContext, actor: Actor, q: { from?: string; to?: string }): Promise<MysteryResults> {
  authorize(actor, 'experienceAudit.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const units = await visibleUnits(tx, actor);
    const rows = await tx.query<{ unit_id: string; unit_name: string; unit_name_en: string | null; touchpoint: string; visits: number; average: number; lowest: number; last_at: Date }>(
      `SELECT a.unit_id, u.name AS unit_name, u.name_en AS unit_name_en, a.touchpoint, count(*)::int AS visits, avg(a.score_pct)::float8 AS average,
              min(a.score_pct)::float8 AS lowest, max(a.completed_at) AS last_at
         FROM experience_audits a JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id JOIN organisations o ON o.id = a.org_id
        WHERE a.org_id = $1 AND a.kind = 'mystery' AND a.status = 'completed'
          AND ($2::date IS NULL OR a.completed_at >= ($2::date::timestamp AT TIME ZONE o.time_zone))
          AND ($3::date IS NULL OR a.completed_at < ($3::date::timestamp AT TIME ZONE o.time_zone))
          AND ($4::uuid[] IS NULL OR a.unit_id = ANY ($4::uuid[]))
        GROUP BY a.unit_id, u.name, u.name_en, a.touchpoint ORDER BY avg(a.score_pct), u.name, a.touchpoint`,
      [actor.orgId, q.from ?? null, q.to ?? null, units],
    );
    return {
      rows: rows.map((r) => ({
        unitId: r.unit_id,
        unitName: r.unit_name,
        unitNameEn: r.unit_name_en,
        touchpoint: r.touchpoint,
        visits: r.visits,
        averageScore: round3(r.average),
        lowestScore: round3(r.lowest),
        lastVisitAt: r.last_at.toISOString(),
      })),
    };
  });
}

export interface AuditDigest {
  mystery: { visits: number; averageScore: number | null; lowest: { unitName: string; unitNameEn: string | null; touchpoint: string; score: number }[] };
  audits: { completed: number; gapsOpen: number };
}

/** How many of the lowest visits the digest names. */
const LOWEST = 3;

/**
 * The month's (or any period's) audits for the monthly review, in the actor's scope:
 * - mystery: visits completed in [from, to), their mean score (equal to `GET /metrics/audit_score` over the
 *   same period and scope, to 3 decimals) and the lowest visits;
 * - audits: experience audits completed in the period, and the gaps still open at `to`: items scored 2 or
 *   lower on the latest completed audit of each line of re-audits (a gap closes when a re-audit scores it higher).
 */
export async function auditDigest(ctx: AppContext, actor: Actor, range: { from: Date; to: Date }): Promise<AuditDigest> {
  authorize(actor, 'experienceAudit.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const units = await visibleUnits(tx, actor);
    const params = [actor.orgId, range.from, range.to, units];
    const scoped = `a.org_id = $1 AND ($4::uuid[] IS NULL OR a.unit_id = ANY ($4::uuid[]))`;
    const [visits] = await tx.query<{ n: number; average: number | null }>(
      `SELECT count(*)::int AS n, avg(a.score_pct)::float8 AS average FROM experience_audits a
        WHERE ${scoped} AND a.kind = 'mystery' AND a.status = 'completed' AND a.completed_at >= $2 AND a.completed_at < $3`,
      params,
    );
    const lowest = await tx.query<{ unit_name: string; unit_name_en: string | null; touchpoint: string; score: number }>(
      `SELECT u.name AS unit_name, u.name_en AS unit_name_en, a.touchpoint, a.score_pct::float8 AS score
         FROM experience_audits a JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id
        WHERE ${scoped} AND a.kind = 'mystery' AND a.status = 'completed' AND a.completed_at >= $2 AND a.completed_at < $3
        ORDER BY a.score_pct, a.completed_at, a.id LIMIT ${LOWEST}`,
      params,
    );
    const [audits] = await tx.query<{ completed: number; gaps_open: number }>(
      `SELECT (SELECT count(*)::int FROM experience_audits a WHERE ${scoped} AND a.kind = 'audit' AND a.status = 'completed' AND a.completed_at >= $2 AND a.completed_at < $3) AS completed,
              (SELECT count(*)::int FROM experience_audits a JOIN experience_audit_items i ON i.org_id = a.org_id AND i.audit_id = a.id
                WHERE ${scoped} AND a.kind = 'audit' AND a.status = 'completed' AND a.completed_at < $3 AND i.score <= ${AUDIT_LIMITS.gapMaxScore}
                  AND NOT EXISTS (SELECT 1 FROM experience_audits r WHERE r.org_id = a.org_id AND r.baseline_audit_id = a.id AND r.status = 'completed' AND r.completed_at < $3)) AS gaps_open`,
      params,
    );
    return {
      mystery: {
        visits: visits!.n,
        averageScore: visits!.average === null ? null : round3(visits!.average),
        lowest: lowest.map((r) => ({ unitName: r.unit_name, unitNameEn: r.unit_name_en, touchpoint: r.touchpoint, score: Math.round(r.score * 10) / 10 })),
      },
      audits: { completed: audits!.completed, gapsOpen: audits!.gaps_open },
    };
  });
}
