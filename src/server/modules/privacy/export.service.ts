/**
 * What is held about one customer: a preview (counts per kind) for the page, and the full export (every row as
 * stored, organisation id left out) for the customer's access request. Admins only; an export is audited by
 * who asked and for which customer id, never with its content.
 */
import type { CustomerExport, Preview } from '../../../contracts/privacy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { AUDIT_ABOUT, countHeld, footprintOf, type Footprint } from './footprint.ts';

type Row = Record<string, unknown>;

export function previewCustomer(ctx: AppContext, actor: Actor, customerId: string): Promise<Preview> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const f = await footprintOf(tx, actor.orgId, customerId);
    if (!f) throw notFound('customer');
    const { id, name, email, phone, external_id } = f.customer;
    return { customer: { id, name, email, phone, externalId: external_id }, counts: await countHeld(tx, actor.orgId, f) };
  });
}

export function exportCustomer(ctx: AppContext, actor: Actor, customerId: string): Promise<CustomerExport> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const f = await footprintOf(tx, actor.orgId, customerId);
    if (!f) throw notFound('customer');
    const data = await collect(tx, actor.orgId, f);
    const [org] = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM organisations WHERE id = $1`, [actor.orgId]);
    await recordAudit(tx, ctx.clock, actor, { action: 'privacy.customer_exported', entityType: 'customer', entityId: customerId });
    return { format: 'lodestar.customer-export.v1', exportedAt: ctx.clock.now().toISOString(), organisation: org!, ...data };
  });
}

const rows = async (tx: Tx, sql: string, params: unknown[]): Promise<Row[]> => (await tx.query<{ row: Row }>(sql, params)).map((r) => r.row);

/** Every kind the export holds. $1 org, $2 customer, $3 responses, $4 cases, $5 links, $6 interactions. */
async function collect(tx: Tx, orgId: string, f: Footprint): Promise<Omit<CustomerExport, 'format' | 'exportedAt' | 'organisation'>> {
  const p = [orgId, f.customer.id, f.responseIds, f.caseIds, f.linkIds, f.interactionIds];
  const [customer] = await rows(tx, `SELECT to_jsonb(c) - 'org_id' AS row FROM customers c WHERE c.org_id = $1 AND c.id = $2`, p.slice(0, 2));
  return {
    customer: customer!,
    interactions: await rows(tx, `SELECT to_jsonb(i) - 'org_id' AS row FROM interactions i WHERE i.org_id = $1 AND i.id = ANY ($2::uuid[]) ORDER BY i.occurred_at`, [
      orgId,
      f.interactionIds,
    ]),
    behaviourEvents: await rows(tx, `SELECT to_jsonb(b) - 'org_id' AS row FROM behaviour_events b WHERE b.org_id = $1 AND b.customer_id = $2 ORDER BY b.occurred_at`, p.slice(0, 2)),
    responses: await rows(
      tx,
      `SELECT to_jsonb(r) - 'org_id' || jsonb_build_object('analysis',
         (SELECT to_jsonb(a) - 'org_id' - 'response_id' FROM text_analyses a WHERE a.org_id = r.org_id AND a.response_id = r.id)) AS row
         FROM responses r WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[]) ORDER BY r.submitted_at`,
      [orgId, f.responseIds],
    ),
    drafts: await rows(
      tx,
      `SELECT to_jsonb(d) - 'org_id' - 'secret_hash' AS row FROM response_drafts d WHERE d.org_id = $1 AND (d.customer_id = $2 OR d.link_id = ANY ($3::uuid[])) ORDER BY d.created_at`,
      [orgId, f.customer.id, f.linkIds],
    ),
    cases: await rows(
      tx,
      `SELECT to_jsonb(c) - 'org_id' || jsonb_build_object(
         'timeline', (SELECT coalesce(jsonb_agg(to_jsonb(e) - 'org_id' - 'case_id' ORDER BY e.id), '[]') FROM case_events e WHERE e.org_id = c.org_id AND e.case_id = c.id),
         'compensations', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'org_id' - 'case_id'), '[]') FROM compensations x WHERE x.org_id = c.org_id AND x.case_id = c.id),
         'approvals', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'org_id' - 'case_id'), '[]') FROM approval_requests x WHERE x.org_id = c.org_id AND x.case_id = c.id),
         'exemptions', (SELECT coalesce(jsonb_agg(to_jsonb(x) - 'org_id' - 'case_id'), '[]') FROM exemptions x WHERE x.org_id = c.org_id AND x.case_id = c.id),
         'photo', (SELECT jsonb_build_object('contentType', x.content_type, 'base64', encode(x.bytes, 'base64')) FROM case_photos x WHERE x.org_id = c.org_id AND x.case_id = c.id)) AS row
         FROM cases c WHERE c.org_id = $1 AND c.id = ANY ($2::uuid[]) ORDER BY c.created_at`,
      [orgId, f.caseIds],
    ),
    // The link's token is a credential to answer, not something about the customer: left out.
    surveyLinks: await rows(tx, `SELECT to_jsonb(l) - 'org_id' - 'token' AS row FROM survey_links l WHERE l.org_id = $1 AND l.id = ANY ($2::uuid[]) ORDER BY l.created_at`, [
      orgId,
      f.linkIds,
    ]),
    messages: await rows(
      tx,
      `SELECT to_jsonb(m) - 'org_id' AS row FROM outbox_messages m WHERE m.org_id = $1 AND (m.customer_id = $2 OR m.link_id = ANY ($3::uuid[])) ORDER BY m.id`,
      [orgId, f.customer.id, f.linkIds],
    ),
    praise: await rows(tx, `SELECT to_jsonb(x) - 'org_id' AS row FROM praise x WHERE x.org_id = $1 AND x.response_id = ANY ($2::uuid[]) ORDER BY x.submitted_at`, [
      orgId,
      f.responseIds,
    ]),
    thankYouCards: await rows(tx, `SELECT to_jsonb(x) - 'org_id' AS row FROM thank_you_cards x WHERE x.org_id = $1 AND x.customer_id = $2 ORDER BY x.sent_at`, p.slice(0, 2)),
    auditEntries: await rows(tx, `SELECT to_jsonb(x) - 'org_id' AS row FROM audit_log x WHERE x.org_id = $1 AND ${AUDIT_ABOUT} ORDER BY x.id`, p),
  };
}
