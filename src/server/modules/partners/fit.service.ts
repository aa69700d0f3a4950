/**
 * CX fit: the organisation's review of how well a partner fits a customer-first way of working (five statements
 * scored 1–5, contracts/partners.ts). The survey report found visionary firms choose partners by this fit far more
 * often than others; the history is kept so a selection decision can see the trend, and the latest score stands
 * beside the partner's report and in the partner list.
 */
import type { z } from 'zod';
import { fitBandOf, fitScoreOf, type PartnerFit, type PartnerFitInputSchema, type PartnerFitItem } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { requirePartner } from './partners.service.ts';

type FitInput = z.infer<typeof PartnerFitInputSchema>;
interface FitRow {
  id: string;
  answers: Record<PartnerFitItem, number>;
  score: number;
  note: string | null;
  reviewer: string | null;
  created_at: Date;
}

const toFit = (r: FitRow): PartnerFit => ({
  id: r.id,
  answers: r.answers,
  score: r.score,
  band: fitBandOf(r.score),
  note: r.note,
  reviewedBy: r.reviewer,
  createdAt: new Date(r.created_at).toISOString(),
});

// The reviewer by name where they are an employee, else by login.
const SELECT = `SELECT f.id, f.answers, f.score, f.note, coalesce(e.name, u.email) AS reviewer, f.created_at
  FROM partner_fit_reviews f
  LEFT JOIN users u ON u.org_id = f.org_id AND u.id = f.reviewed_by
  LEFT JOIN employees e ON e.org_id = u.org_id AND e.id = u.employee_id`;

/** Newest first. */
export function listPartnerFit(ctx: AppContext, actor: Actor, partnerId: string): Promise<PartnerFit[]> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await requirePartner(tx, partnerId);
    const rows = await tx.query<FitRow>(`${SELECT} WHERE f.org_id = $1 AND f.partner_id = $2 ORDER BY f.created_at DESC, f.id LIMIT 100`, [actor.orgId, partnerId]);
    return rows.map(toFit);
  });
}

export function reviewPartnerFit(ctx: AppContext, actor: Actor, partnerId: string, input: FitInput): Promise<PartnerFit> {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertPartnerFit(ctx, tx, actor, partnerId, input));
}

/** Also used by the demo seed (with the reviewing admin as actor). */
export async function insertPartnerFit(ctx: AppContext, tx: Tx, actor: Actor, partnerId: string, input: FitInput, at = ctx.clock.now()): Promise<PartnerFit> {
  await requirePartner(tx, partnerId);
  const score = fitScoreOf(input.answers);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO partner_fit_reviews (org_id, partner_id, answers, score, note, reviewed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [tx.orgId, partnerId, JSON.stringify(input.answers), score, input.note?.trim() || null, actor.kind === 'user' ? actor.id : null, at],
  );
  await recordAudit(tx, ctx.clock, actor, { action: 'partner_fit.reviewed', entityType: 'partner', entityId: partnerId, after: { score } });
  const [created] = await tx.query<FitRow>(`${SELECT} WHERE f.org_id = $1 AND f.id = $2`, [tx.orgId, row!.id]);
  return toFit(created!);
}
