/**
 * A customer's footprint: the ids of every row that names or describes them, found once and shared by the
 * preview, the export and the erasure. Every statement names its organisation (Citus routes it to one shard).
 */
import type { HeldCounts } from '../../../contracts/privacy.ts';
import type { Tx } from '../../platform/db/database.ts';

export interface CustomerRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  external_id: string | null;
}

export interface Footprint {
  customer: CustomerRow;
  interactionIds: string[];
  linkIds: string[];
  /** Responses naming the customer, or sent through one of their personal links. */
  responseIds: string[];
  /** Cases about the customer, one of their interactions or one of their responses. */
  caseIds: string[];
}

const ids = async (tx: Tx, sql: string, params: unknown[]) => (await tx.query<{ id: string }>(sql, params)).map((r) => r.id);

/** The customer (locked for the transaction when `lock`) and their footprint; null when the organisation has no such customer. */
export async function footprintOf(tx: Tx, orgId: string, customerId: string, lock = false): Promise<Footprint | null> {
  const [customer] = await tx.query<CustomerRow>(
    `SELECT id, name, email, phone, external_id FROM customers WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgId, customerId],
  );
  if (!customer) return null;
  const interactionIds = await ids(tx, `SELECT id FROM interactions WHERE org_id = $1 AND customer_id = $2`, [orgId, customerId]);
  const linkIds = await ids(tx, `SELECT id FROM survey_links WHERE org_id = $1 AND (customer_id = $2 OR interaction_id = ANY ($3::uuid[]))`, [
    orgId,
    customerId,
    interactionIds,
  ]);
  const responseIds = await ids(
    tx,
    `SELECT id FROM responses WHERE org_id = $1 AND customer_id = $2
     UNION SELECT response_id FROM survey_links WHERE org_id = $1 AND id = ANY ($3::uuid[]) AND response_id IS NOT NULL`,
    [orgId, customerId, linkIds],
  );
  const caseIds = await ids(
    tx,
    `SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2
     UNION SELECT id FROM cases WHERE org_id = $1 AND response_id = ANY ($3::uuid[])
     UNION SELECT id FROM cases WHERE org_id = $1 AND interaction_id = ANY ($4::uuid[])`,
    [orgId, customerId, responseIds, interactionIds],
  );
  return { customer, interactionIds, linkIds, responseIds, caseIds };
}

/** How many rows of each kind the footprint holds (the page's preview). */
export async function countHeld(tx: Tx, orgId: string, f: Footprint): Promise<HeldCounts> {
  const [row] = await tx.query<HeldCounts>(
    `SELECT
       (SELECT count(*)::int FROM behaviour_events WHERE org_id = $1 AND customer_id = $2) AS "behaviourEvents",
       (SELECT count(*)::int FROM responses WHERE org_id = $1 AND id = ANY ($3::uuid[]) AND comment IS NOT NULL) AS comments,
       (SELECT count(*)::int FROM text_analyses WHERE org_id = $1 AND response_id = ANY ($3::uuid[])) AS "textAnalyses",
       (SELECT count(*)::int FROM case_events WHERE org_id = $1 AND case_id = ANY ($4::uuid[]) AND (data ->> 'text' IS NOT NULL OR data ->> 'note' IS NOT NULL)) AS "caseNotes",
       (SELECT count(*)::int FROM outbox_messages WHERE org_id = $1 AND (customer_id = $2 OR link_id = ANY ($5::uuid[]))) AS messages,
       (SELECT count(*)::int FROM response_drafts WHERE org_id = $1 AND (customer_id = $2 OR link_id = ANY ($5::uuid[]))) AS drafts,
       (SELECT count(*)::int FROM praise WHERE org_id = $1 AND response_id = ANY ($3::uuid[])) AS praise,
       (SELECT count(*)::int FROM thank_you_cards WHERE org_id = $1 AND customer_id = $2) AS "thankYouCards",
       (SELECT count(*)::int FROM compensations WHERE org_id = $1 AND case_id = ANY ($4::uuid[])) AS compensations,
       (SELECT count(*)::int FROM audit_log WHERE org_id = $1 AND ${AUDIT_ABOUT}) AS "auditEntries"`,
    [orgId, f.customer.id, f.responseIds, f.caseIds, f.linkIds, f.interactionIds],
  );
  return { ...row!, interactions: f.interactionIds.length, responses: f.responseIds.length, cases: f.caseIds.length, surveyLinks: f.linkIds.length };
}

/** Audit entries about the customer or their interactions, responses, cases and links. $2 customer, $3 responses, $4 cases, $5 links, $6 interactions. */
export const AUDIT_ABOUT = `(entity_type = 'customer' AND entity_id = $2::uuid::text
  OR entity_type = 'response' AND entity_id = ANY ($3::uuid[]::text[])
  OR entity_type = 'case' AND entity_id = ANY ($4::uuid[]::text[])
  OR entity_type = 'survey_link' AND entity_id = ANY ($5::uuid[]::text[])
  OR entity_type = 'interaction' AND entity_id = ANY ($6::uuid[]::text[]))`;
