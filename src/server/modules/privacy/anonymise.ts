/**
 * The steps shared by a customer's erasure and the retention job. Rows that carry a measurement stay, without
 * what identifies a person or what they wrote: a response keeps its scores, time, unit, employee, survey,
 * touchpoint and channel (so rollups, raw-day reads, sentiment and praise counts are unchanged); a case keeps its
 * status, timings, owner and root cause; a comment's analysis keeps its label, score and topics.
 */
import type { Tx } from '../../platform/db/database.ts';
import { ANSWERS_WITHOUT_TEXT, ERASED, scrubNoteData, scrubText } from './scrub.ts';

/** Comment text, free-text answers, their analysis's text and keywords, and praise text go; returns responses changed. */
export async function stripResponseTexts(tx: Tx, orgId: string, responseIds: string[]): Promise<number> {
  if (!responseIds.length) return 0;
  const changed = await tx.query(
    `UPDATE responses r SET comment = NULL, answers = ${ANSWERS_WITHOUT_TEXT} WHERE r.org_id = $1 AND r.id = ANY ($2::uuid[]) RETURNING r.id`,
    [orgId, responseIds],
  );
  await tx.query(`UPDATE text_analyses SET redacted_text = '', keywords = '{}' WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`, [orgId, responseIds]);
  // The praise row stays (it counts for the employee's recognition); the wall skips praise without text.
  await tx.query(`UPDATE praise SET text = '' WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`, [orgId, responseIds]);
  // A day's highlight shows the praise's words: with none left, it is no highlight.
  await tx.query(`DELETE FROM praise_highlights WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`, [orgId, responseIds]);
  return changed.length;
}

/**
 * The responses stop naming their customer (and, for the retention job, their interaction and link, which
 * still name the customer). Text goes too.
 */
export async function detachResponses(tx: Tx, orgId: string, responseIds: string[], alsoInteraction: boolean): Promise<number> {
  if (!responseIds.length) return 0;
  await stripResponseTexts(tx, orgId, responseIds);
  const extra = alsoInteraction ? ', interaction_id = NULL, link_id = NULL' : '';
  const changed = await tx.query(`UPDATE responses SET customer_id = NULL${extra} WHERE org_id = $1 AND id = ANY ($2::uuid[]) RETURNING id`, [orgId, responseIds]);
  await tx.query(`UPDATE text_analyses SET customer_id = NULL WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`, [orgId, responseIds]);
  await tx.query(`UPDATE praise SET customer_id = NULL WHERE org_id = $1 AND response_id = ANY ($2::uuid[])`, [orgId, responseIds]);
  return changed.length;
}

interface CaseText {
  id: string;
  title: string;
  description: string | null;
  customer_id: string | null;
}

/**
 * A case keeps its status, timings, owner, unit and root cause, and loses its customer, its description
 * (what happened to them), the words in its timeline (notes, reasons, exemption reports, approval notes), its
 * photo and the words of the notifications about it. `valuesOf` gives, per customer, what to look for in
 * titles (their name, phone, e-mail, comments). Returns the cases changed.
 */
export async function scrubCases(tx: Tx, orgId: string, caseIds: string[], now: Date, valuesOf: (customerId: string | null) => string[]): Promise<number> {
  if (!caseIds.length) return 0;
  const cases = await tx.query<CaseText>(`SELECT id, title, description, customer_id FROM cases WHERE org_id = $1 AND id = ANY ($2::uuid[])`, [orgId, caseIds]);
  const valuesByCase = new Map(cases.map((c) => [c.id, [...valuesOf(c.customer_id), ...(c.description ? [c.description.trim()] : [])]]));
  // A captured case's title is the first line of its description: it goes with it. A rule's title names the rule and scores.
  const titles = cases.map((c) => ({ id: c.id, title: c.description ? ERASED : scrubText(c.title, valuesByCase.get(c.id)!) }));
  await tx.query(
    `UPDATE cases c SET title = x.title, description = NULL, customer_id = NULL, scrubbed_at = $2
       FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, title text) WHERE c.org_id = $1 AND c.id = x.id`,
    [orgId, now, JSON.stringify(titles)],
  );
  const events = await tx.query<{ id: string; case_id: string; data: Record<string, unknown> }>(
    `SELECT id::text, case_id, data FROM case_events WHERE org_id = $1 AND case_id = ANY ($2::uuid[])`,
    [orgId, caseIds],
  );
  const scrubbedEvents = events.map((e) => ({ id: e.id, data: scrubNoteData(e.data ?? {}, valuesByCase.get(e.case_id)!) }));
  if (scrubbedEvents.length) {
    // The timeline is append-only for the app role; this function changes entries' words and nothing else (migration 0030).
    await tx.query(`SELECT privacy_rewrite_case_events($1::uuid, $2::jsonb)`, [orgId, JSON.stringify(scrubbedEvents)]);
  }
  const notes = await tx.query<{ id: string; case_id: string; title: string; title_en: string | null; data: Record<string, unknown> | null }>(
    `SELECT id, case_id, title, title_en, data FROM notifications WHERE org_id = $1 AND case_id = ANY ($2::uuid[])`,
    [orgId, caseIds],
  );
  if (notes.length) {
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));
    const scrubbed = notes.map((n) => {
      const values = [...valuesByCase.get(n.case_id)!, cases.find((c) => c.id === n.case_id)!.title].filter((v) => v && v !== titleOf.get(n.case_id));
      return { id: n.id, title: scrubText(n.title, values), title_en: n.title_en === null ? null : scrubText(n.title_en, values), data: scrubNoteData(n.data ?? {}, values) };
    });
    await tx.query(
      `UPDATE notifications n SET title = x.title, title_en = x.title_en, data = x.data
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, title text, title_en text, data jsonb) WHERE n.org_id = $1 AND n.id = x.id`,
      [orgId, JSON.stringify(scrubbed)],
    );
  }
  await tx.query(`DELETE FROM case_photos WHERE org_id = $1 AND case_id = ANY ($2::uuid[])`, [orgId, caseIds]);
  await tx.query(`UPDATE approval_requests SET note = NULL, decision_note = NULL WHERE org_id = $1 AND case_id = ANY ($2::uuid[])`, [orgId, caseIds]);
  await tx.query(
    `UPDATE exemptions SET reason = '${ERASED}', report = CASE WHEN report IS NULL THEN NULL ELSE '${ERASED}' END WHERE org_id = $1 AND case_id = ANY ($2::uuid[])`,
    [orgId, caseIds],
  );
  await tx.query(`SELECT privacy_detach_compensations($1::uuid, $2::uuid[])`, [orgId, caseIds]);
  return cases.length;
}

/** Alerts about their answers that opened no case (a rule that only notifies) quote the answer too: their words go. */
export async function scrubResponseNotifications(tx: Tx, orgId: string, responseIds: string[], values: readonly string[]): Promise<number> {
  if (!responseIds.length) return 0;
  const notes = await tx.query<{ id: string; title: string; title_en: string | null; data: Record<string, unknown> | null }>(
    `SELECT id, title, title_en, data FROM notifications WHERE org_id = $1 AND data ? 'responseId' AND data ->> 'responseId' = ANY ($2::text[])`,
    [orgId, responseIds],
  );
  if (!notes.length) return 0;
  const scrubbed = notes.map((n) => ({ id: n.id, title: scrubText(n.title, values), title_en: n.title_en === null ? null : scrubText(n.title_en, values), data: scrubNoteData(n.data ?? {}, values) }));
  await tx.query(
    `UPDATE notifications n SET title = x.title, title_en = x.title_en, data = x.data
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, title text, title_en text, data jsonb) WHERE n.org_id = $1 AND n.id = x.id`,
    [orgId, JSON.stringify(scrubbed)],
  );
  return notes.length;
}
