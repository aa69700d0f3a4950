/**
 * Fan customers (repeat promoters and praisers of the last 12 months, for
 * hand-written thank-you cards) and promotion readiness (who meets a
 * position's criteria, and what each candidate still lacks).
 */
import type { FanCustomer, PromotionCriteria, Readiness } from '../../../contracts/recognition.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { dataScopeOf } from '../org/index.ts';
import { employeeScopeSql } from './recognition.scope.ts';

const YEAR_MS = 365 * DAY;

/** Customers with at least two promoter answers or praising comments in 12 months, in the caller's unit scope; most loyal first. */
export async function listFanCustomers(ctx: AppContext, actor: Actor, query: { limit: number }): Promise<{ items: FanCustomer[] }> {
  authorize(actor, 'fan.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const params: unknown[] = [actor.orgId, new Date(ctx.clock.now().getTime() - YEAR_MS)];
    const unitCondition = scope.kind === 'org' ? 'true' : scope.kind === 'units' ? `r.unit_id = ANY($${params.push(scope.unitIds)}::uuid[])` : 'false';
    const rows = await tx.query<{ customer_id: string; name: string | null; promoters: number; praise: number; last_at: Date; card_sent_at: Date | null }>(
      `WITH fans AS (
         SELECT r.customer_id, count(*) FILTER (WHERE r.nps >= 9)::int AS promoters, count(p.response_id)::int AS praise, max(r.submitted_at) AS last_at
           FROM responses r LEFT JOIN praise p ON p.org_id = r.org_id AND p.response_id = r.id
          WHERE r.org_id = $1 AND r.customer_id IS NOT NULL AND r.submitted_at >= $2 AND r.flags = '{}' AND ${unitCondition}
            AND (r.nps >= 9 OR p.response_id IS NOT NULL)
          GROUP BY r.customer_id HAVING count(*) >= 2)
       SELECT f.*, c.name, (SELECT max(t.sent_at) FROM thank_you_cards t WHERE t.org_id = $1 AND t.customer_id = f.customer_id) AS card_sent_at
         FROM fans f JOIN customers c ON c.org_id = $1 AND c.id = f.customer_id
        ORDER BY (f.promoters + f.praise) DESC, f.last_at DESC, f.customer_id LIMIT $${params.push(query.limit)}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        customerId: r.customer_id,
        name: r.name,
        promoterAnswers: r.promoters,
        praise: r.praise,
        lastAt: new Date(r.last_at).toISOString(),
        cardSentAt: r.card_sent_at ? new Date(r.card_sent_at).toISOString() : null,
      })),
    };
  });
}

/** Records that a hand-written thank-you card went to a customer. */
export async function recordThankYouCard(ctx: AppContext, actor: Actor, customerId: string, note?: string): Promise<{ customerId: string; cardSentAt: string }> {
  authorize(actor, 'fan.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [customer] = await tx.query(`SELECT 1 FROM customers WHERE org_id = $1 AND id = $2`, [actor.orgId, customerId]);
    if (!customer) throw notFound('customer');
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO thank_you_cards (org_id, customer_id, sent_by, sent_by_employee_id, note, sent_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.orgId, customerId, actor.id, actor.employeeId, note ?? null, now],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'thank_you_card.sent', entityType: 'customer', entityId: customerId, after: { cardId: row!.id, hasNote: !!note } }); // the note may name the customer: not in the append-only log
    return { customerId, cardSentAt: now.toISOString() };
  });
}

interface CriteriaRow {
  position_id: string;
  position_name: string;
  min_implemented_ideas: number;
  min_nps: number | null;
  min_responses: number;
  min_praise: number;
  min_insights: number;
}
const toCriteria = (r: CriteriaRow): PromotionCriteria => ({
  positionId: r.position_id,
  positionName: r.position_name,
  minImplementedIdeas: r.min_implemented_ideas,
  minNps: r.min_nps === null ? null : Number(r.min_nps),
  minResponses: r.min_responses,
  minPraise: r.min_praise,
  minInsights: r.min_insights,
});

export async function listPromotionCriteria(ctx: AppContext, actor: Actor): Promise<{ items: PromotionCriteria[] }> {
  authorize(actor, 'promotion.read');
  const rows = await ctx.db.tenant(actor.orgId, (tx) =>
    tx.query<CriteriaRow>(
      `SELECT c.*, p.name AS position_name FROM promotion_criteria c JOIN positions p ON p.org_id = c.org_id AND p.id = c.position_id
        WHERE c.org_id = $1 ORDER BY p.name`,
      [actor.orgId],
    ),
  );
  return { items: rows.map(toCriteria) };
}

/** Sets a position's criteria (admins). */
export async function putPromotionCriteria(ctx: AppContext, actor: Actor, positionId: string, input: Omit<PromotionCriteria, 'positionId' | 'positionName' | 'minInsights'> & { minInsights?: number }): Promise<PromotionCriteria> {
  authorize(actor, 'promotion.configure');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [position] = await tx.query<{ name: string }>(`SELECT name FROM positions WHERE org_id = $1 AND id = $2`, [actor.orgId, positionId]);
    if (!position) throw notFound('position');
    await tx.query(
      `INSERT INTO promotion_criteria (org_id, position_id, min_implemented_ideas, min_nps, min_responses, min_praise, min_insights, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id, position_id) DO UPDATE SET min_implemented_ideas = EXCLUDED.min_implemented_ideas, min_nps = EXCLUDED.min_nps,
         min_responses = EXCLUDED.min_responses, min_praise = EXCLUDED.min_praise, min_insights = EXCLUDED.min_insights, updated_at = EXCLUDED.updated_at`,
      [actor.orgId, positionId, input.minImplementedIdeas, input.minNps, input.minResponses, input.minPraise, input.minInsights ?? 0, ctx.clock.now()],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'promotion_criteria.put', entityType: 'position', entityId: positionId, after: input });
    return { positionId, positionName: position.name, ...input, minInsights: input.minInsights ?? 0 };
  });
}

/**
 * Candidates in the caller's scope for a position with criteria (everyone not already in it, nor above
 * someone who is in the reporting line: a regional manager is no candidate for store manager):
 * implemented ideas (ever), personal NPS, responses, praise and captured customer insights over 12 months; ready ones first.
 */
export async function getPromotionReadiness(ctx: AppContext, actor: Actor, positionId: string): Promise<Readiness> {
  authorize(actor, 'promotion.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const [criteria] = await tx.query<CriteriaRow>(
      `SELECT c.*, p.name AS position_name FROM promotion_criteria c JOIN positions p ON p.org_id = c.org_id AND p.id = c.position_id
        WHERE c.org_id = $1 AND c.position_id = $2`,
      [actor.orgId, positionId],
    );
    if (!criteria) throw notFound('promotion criteria');
    const c = toCriteria(criteria);
    const params: unknown[] = [actor.orgId, positionId, new Date(ctx.clock.now().getTime() - YEAR_MS)];
    const scope = employeeScopeSql(await dataScopeOf(tx, actor), 'e', params);
    const rows = await tx.query<{ id: string; name: string; unit_name: string | null; unit_name_en: string | null; ideas: number; nps: number | null; responses: number; praise: number; insights: number }>(
      `WITH RECURSIVE above AS (
         SELECT h.manager_id FROM employees h WHERE h.org_id = $1 AND h.position_id = $2 AND h.manager_id IS NOT NULL
         UNION
         SELECT m.manager_id FROM above a JOIN employees m ON m.org_id = $1 AND m.id = a.manager_id WHERE m.manager_id IS NOT NULL)
       SELECT e.id, e.name, u.name AS unit_name, u.name_en AS unit_name_en,
         (SELECT count(*)::int FROM ideas i WHERE i.org_id = $1 AND i.author_employee_id = e.id AND i.status = 'implemented') AS ideas,
         r.nps, coalesce(r.n, 0)::int AS responses,
         (SELECT count(*)::int FROM praise p WHERE p.org_id = $1 AND p.employee_id = e.id AND p.submitted_at >= $3) AS praise,
         (SELECT count(*)::int FROM cases k WHERE k.org_id = $1 AND k.source = 'employee' AND k.employee_id = e.id AND k.created_at >= $3) AS insights
       FROM employees e LEFT JOIN units u ON u.org_id = e.org_id AND u.id = e.unit_id
       LEFT JOIN LATERAL (
         SELECT count(*) AS n, round((100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / nullif(count(*), 0))::numeric, 1)::float8 AS nps
           FROM responses WHERE org_id = $1 AND employee_id = e.id AND nps IS NOT NULL AND submitted_at >= $3 AND flags = '{}') r ON true
       WHERE e.org_id = $1 AND e.position_id IS DISTINCT FROM $2 AND e.id NOT IN (SELECT manager_id FROM above) AND ${scope}
       ORDER BY e.name, e.id LIMIT 500`,
      params,
    );
    const candidates = rows.map((r) => {
      const missing: Readiness['candidates'][number]['missing'] = [];
      if (r.ideas < c.minImplementedIdeas) missing.push({ criterion: 'implementedIdeas', have: r.ideas, need: c.minImplementedIdeas });
      if (r.responses < c.minResponses) missing.push({ criterion: 'responses', have: r.responses, need: c.minResponses });
      if (c.minNps !== null && (r.nps === null || r.nps < c.minNps)) missing.push({ criterion: 'nps', have: r.nps, need: c.minNps });
      if (r.praise < c.minPraise) missing.push({ criterion: 'praise', have: r.praise, need: c.minPraise });
      if (r.insights < c.minInsights) missing.push({ criterion: 'insights', have: r.insights, need: c.minInsights });
      return { employeeId: r.id, employeeName: r.name, unitName: r.unit_name, unitNameEn: r.unit_name_en, implementedIdeas: r.ideas, nps: r.nps, responses: r.responses, praise: r.praise, insights: r.insights, isReady: missing.length === 0, missing };
    });
    candidates.sort((a, b) => Number(b.isReady) - Number(a.isReady) || a.missing.length - b.missing.length);
    return { positionId, positionName: c.positionName, candidates };
  });
}
