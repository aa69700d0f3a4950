/**
 * A customer's erasure ("right to be forgotten"), in one tenant transaction: afterwards the customer is 404,
 * and their name, contact details and words are gone from every table and log Lodestar controls. Rows that
 * carry a measurement stay without naming them (anonymise.ts), so every metric and rollup answers as before.
 * The append-only audit log gets one entry: who erased which customer id, and how many rows of each kind, never
 * a value (audit entries about customers hold no values in the first place; migration 0030).
 */
import type { ErasureResult } from '../../../contracts/privacy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { detachResponses, scrubCases, scrubResponseNotifications } from './anonymise.ts';
import { footprintOf, type Footprint } from './footprint.ts';
import { valuesToFind } from './scrub.ts';
import { sweepMentions } from './sweep.ts';

export const ERASED_ACTION = 'privacy.customer_erased';
/** Characters a name needs before it is searched for in text that is not about the customer. */
const MIN_SWEPT_NAME = 4;

export function eraseCustomer(ctx: AppContext, actor: Actor, customerId: string): Promise<ErasureResult> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, (tx) => eraseInTransaction(ctx, tx, actor, customerId));
}

/** Also used by the demo seed. A second erasure of the same id answers the first one's result, marked repeated. */
export async function eraseInTransaction(ctx: AppContext, tx: Tx, actor: Actor | null, customerId: string): Promise<ErasureResult> {
  const orgId = tx.orgId!;
  const f = await footprintOf(tx, orgId, customerId, true);
  if (!f) return earlierErasure(tx, orgId, customerId);
  const now = ctx.clock.now();
  const contact = { name: f.customer.name, email: f.customer.email, phone: f.customer.phone, externalId: f.customer.external_id };
  const values = valuesToFind({ ...contact, texts: await wordsOf(tx, orgId, f) });
  const contacts = valuesToFind({ ...contact, texts: [] });
  const counts: Record<string, number> = {};
  const count = (kind: string, rows: unknown[] | number) => (counts[kind] = typeof rows === 'number' ? rows : rows.length);

  count('drafts', await tx.query(`DELETE FROM response_drafts WHERE org_id = $1 AND (customer_id = $2 OR link_id = ANY ($3::uuid[])) RETURNING id`, [orgId, customerId, f.linkIds]));
  count('messages', await tx.query(`DELETE FROM outbox_messages WHERE org_id = $1 AND (customer_id = $2 OR link_id = ANY ($3::uuid[])) RETURNING id`, [orgId, customerId, f.linkIds]));
  count('responses', await detachResponses(tx, orgId, f.responseIds, false));
  // Links stay for the response-rate metric, but name nobody and no longer open: their token is replaced.
  count(
    'surveyLinks',
    await tx.query(
      `UPDATE survey_links SET customer_id = NULL, token = 'erased-' || replace(gen_random_uuid()::text, '-', ''), expires_at = least(coalesce(expires_at, $3), $3)
        WHERE org_id = $1 AND id = ANY ($2::uuid[]) RETURNING id`,
      [orgId, f.linkIds, now],
    ),
  );
  count('behaviourEvents', await tx.query(`DELETE FROM behaviour_events WHERE org_id = $1 AND customer_id = $2 RETURNING id`, [orgId, customerId]));
  count('cases', await scrubCases(tx, orgId, f.caseIds, now, () => values));
  count('notifications', await scrubResponseNotifications(tx, orgId, f.responseIds, values));
  count('thankYouCards', await tx.query(`DELETE FROM thank_you_cards WHERE org_id = $1 AND customer_id = $2 RETURNING id`, [orgId, customerId]));
  // Interactions keep their outcome (first-contact resolution, resolution time, churn, conversion) and name nobody.
  count('interactions', await tx.query(`UPDATE interactions SET customer_id = NULL, external_id = NULL WHERE org_id = $1 AND id = ANY ($2::uuid[]) RETURNING id`, [orgId, f.interactionIds]));
  const ids = [customerId, ...f.interactionIds, ...f.linkIds, ...f.responseIds, ...f.caseIds];
  // A short name (张伟) is also a colleague's or another customer's: it is scrubbed from the rows about this customer
  // (above), but looked for in everyone else's text only when it is long enough to be theirs alone.
  const name = f.customer.name?.trim() ?? '';
  const swept = await sweepMentions(tx, orgId, ids, {
    contacts: [...name].length >= MIN_SWEPT_NAME ? contacts : contacts.filter((v) => v !== name),
    quotes: values.filter((v) => !contacts.includes(v)),
  });
  count('quotesScrubbed', swept.scrubbed);
  count('eventsDeleted', swept.events);
  count('webhookDeliveriesDeleted', swept.deliveries);
  count('actionResultsDeleted', swept.actionResults);
  await tx.query(`DELETE FROM customers WHERE org_id = $1 AND id = $2`, [orgId, customerId]);
  await recordAudit(tx, ctx.clock, actor, { action: ERASED_ACTION, entityType: 'customer', entityId: customerId, after: { counts } });
  return { customerId, status: 'erased', erasedAt: now.toISOString(), repeated: false, counts };
}

/** An id erased before answers that erasure again (idempotent); an id never seen is 404. */
async function earlierErasure(tx: Tx, orgId: string, customerId: string): Promise<ErasureResult> {
  const [entry] = await tx.query<{ at: Date; after: { counts?: Record<string, number> } | null }>(
    `SELECT at, after FROM audit_log WHERE org_id = $1 AND entity_type = 'customer' AND entity_id = $2::uuid::text AND action = $3 ORDER BY id LIMIT 1`,
    [orgId, customerId, ERASED_ACTION],
  );
  if (!entry) throw notFound('customer');
  return { customerId, status: 'erased', erasedAt: entry.at.toISOString(), repeated: true, counts: entry.after?.counts ?? {} };
}

/** What the customer wrote or was written about them, to look for elsewhere: comments, text answers, drafts, case descriptions, card notes. */
async function wordsOf(tx: Tx, orgId: string, f: Footprint): Promise<string[]> {
  const rows = await tx.query<{ t: string }>(
    `SELECT r.comment AS t FROM responses r WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[]) AND r.comment IS NOT NULL
     UNION SELECT e.value #>> '{}' FROM responses r, jsonb_each(r.answers) e WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[]) AND jsonb_typeof(e.value) = 'string'
       AND e.value #>> '{}' !~ '^[A-Za-z0-9_-]{1,40}$' -- an option value is a code, not their words
     UNION SELECT d.comment FROM response_drafts d WHERE d.org_id = $1 AND (d.customer_id = $3 OR d.link_id = ANY ($4::uuid[])) AND d.comment IS NOT NULL
     UNION SELECT a.redacted_text FROM text_analyses a WHERE a.org_id = $1 AND a.response_id = ANY ($2::uuid[]) AND a.redacted_text <> ''
     UNION SELECT c.description FROM cases c WHERE c.org_id = $1 AND c.id = ANY ($5::uuid[]) AND c.description IS NOT NULL
     UNION SELECT t.note FROM thank_you_cards t WHERE t.org_id = $1 AND t.customer_id = $3 AND t.note IS NOT NULL`,
    [orgId, f.responseIds, f.customer.id, f.linkIds, f.caseIds],
  );
  return rows.map((r) => r.t);
}
