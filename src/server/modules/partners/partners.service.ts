/**
 * Partners: the suppliers, franchisees, logistics companies and vendors whose work customers judge.
 * Admins keep the list; admins and managers read it and preview each partner's report.
 */
import type { z } from 'zod';
import type { CreatePartnerSchema, Partner, PartnerReport, UpdatePartnerSchema } from '../../../contracts/partners.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { buildPartnerReport } from './report.service.ts';

interface PartnerRow {
  id: string;
  name: string;
  kind: Partner['kind'];
  external_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  created_at: Date;
  responses_90d: number;
  active_links: number;
  fit_score: number | null;
}

/** $2: now. */
const SELECT = `SELECT p.id, p.name, p.kind, p.external_id, p.contact_name, p.contact_email, p.created_at,
    (SELECT count(*)::int FROM responses r WHERE r.org_id = p.org_id AND r.partner_id = p.id AND r.submitted_at >= $2::timestamptz - interval '90 days') AS responses_90d,
    (SELECT count(*)::int FROM partner_share_links l WHERE l.org_id = p.org_id AND l.partner_id = p.id AND l.revoked_at IS NULL AND l.expires_at > $2) AS active_links,
    (SELECT f.score FROM partner_fit_reviews f WHERE f.org_id = p.org_id AND f.partner_id = p.id ORDER BY f.created_at DESC, f.id LIMIT 1) AS fit_score
  FROM partners p`;

const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  externalId: r.external_id,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  responses90d: r.responses_90d,
  activeLinks: r.active_links,
  fitScore: r.fit_score,
  createdAt: r.created_at.toISOString(),
});

async function partnerById(tx: Tx, id: string, now: Date): Promise<Partner> {
  const [row] = await tx.query<PartnerRow>(`${SELECT} WHERE p.org_id = $1 AND p.id = $3`, [tx.orgId, now, id]);
  if (!row) throw notFound('partner');
  return toPartner(row);
}

/** 404 unless the partner is the organisation's: every per-partner read and write starts here. */
export async function requirePartner(tx: Tx, partnerId: string): Promise<void> {
  const [p] = await tx.query(`SELECT 1 FROM partners WHERE org_id = $1 AND id = $2`, [tx.orgId, partnerId]);
  if (!p) throw notFound('partner');
}

/** The unique name and external id indexes answer a clash; tell the caller which one. */
function clashOf(err: unknown): Error {
  const constraint = (err as { constraint?: string }).constraint ?? String((err as Error).message ?? '');
  if (constraint.includes('partners_external_id')) return conflict('partner_external_id_taken', 'another partner has this externalId');
  if (constraint.includes('partners_name')) return conflict('partner_name_taken', 'another partner has this name');
  return err as Error;
}

export function listPartners(ctx: AppContext, actor: Actor): Promise<Partner[]> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, async (tx) =>
    (await tx.query<PartnerRow>(`${SELECT} WHERE p.org_id = $1 ORDER BY lower(p.name)`, [actor.orgId, ctx.clock.now()])).map(toPartner),
  );
}

export function getPartner(ctx: AppContext, actor: Actor, id: string): Promise<Partner> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, (tx) => partnerById(tx, id, ctx.clock.now()));
}

export function createPartner(ctx: AppContext, actor: Actor, input: z.infer<typeof CreatePartnerSchema>): Promise<Partner> {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, (tx) => insertPartner(ctx, tx, actor, input));
}

/** Also used by the demo seed, which acts as the system. */
export async function insertPartner(ctx: AppContext, tx: Tx, actor: Actor | null, input: z.infer<typeof CreatePartnerSchema>): Promise<Partner> {
  const now = ctx.clock.now();
  const [row] = await tx
    .query<{ id: string }>(
      `INSERT INTO partners (org_id, name, kind, external_id, contact_name, contact_email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [tx.orgId, input.name, input.kind, input.externalId ?? null, input.contactName || null, input.contactEmail ?? null, now],
    )
    .catch((err: unknown) => {
      throw clashOf(err);
    });
  const partner = await partnerById(tx, row!.id, now);
  await recordAudit(tx, ctx.clock, actor, { action: 'partner.created', entityType: 'partner', entityId: partner.id, after: input });
  return partner;
}

/** Changes only the fields sent; null clears an optional one. */
export function updatePartner(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof UpdatePartnerSchema>): Promise<Partner> {
  authorize(actor, 'partner.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const now = ctx.clock.now();
    const before = await partnerById(tx, id, now);
    const keep = <T>(value: T | undefined, current: T) => (value === undefined ? current : value);
    await tx
      .query(
        `UPDATE partners SET name = $3, kind = $4, external_id = $5, contact_name = $6, contact_email = $7, updated_at = $8 WHERE org_id = $1 AND id = $2`,
        [
          actor.orgId,
          id,
          keep(input.name, before.name),
          keep(input.kind, before.kind),
          keep(input.externalId, before.externalId),
          keep(input.contactName, before.contactName) || null,
          keep(input.contactEmail, before.contactEmail),
          now,
        ],
      )
      .catch((err: unknown) => {
        throw clashOf(err);
      });
    await recordAudit(tx, ctx.clock, actor, { action: 'partner.updated', entityType: 'partner', entityId: id, before, after: input });
    return partnerById(tx, id, now);
  });
}

/** The report exactly as the partner sees it, for the organisation's own check before sharing. */
export function previewPartnerReport(ctx: AppContext, actor: Actor, id: string, days: number): Promise<PartnerReport> {
  authorize(actor, 'partner.read');
  return ctx.db.tenant(actor.orgId, (tx) => buildPartnerReport(tx, id, days, ctx.clock.now()));
}

/** `GET /api/v1/partner-report`: a partner key's or login's own report; a partner account bound to no partner has none (403). */
export function readOwnPartnerReport(ctx: AppContext, actor: Actor, days: number): Promise<PartnerReport> {
  authorize(actor, 'partner.report');
  return ctx.db.tenant(actor.orgId, (tx) => buildPartnerReport(tx, actor.partnerId!, days, ctx.clock.now()));
}

