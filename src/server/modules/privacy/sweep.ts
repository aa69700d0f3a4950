/**
 * After a customer's own rows are handled, their words may still sit in rows that people wrote about them
 * (an idea quoting a comment, meeting minutes, a kept case-action result) and in the logs of what the app did
 * (outbox events carrying a comment, webhook bodies sent with it). This finds those rows by the customer's
 * values and by the ids of their rows, and scrubs the words out or, for logs, deletes the entries.
 *
 * Two tiers keep it fast: the small tables people write by hand are searched for everything (contact details and
 * every comment); the large ones (timelines, notifications, analyses) only for the few contact details, since a
 * comment reaches them only through rows about the customer, which the erasure has already handled by their links.
 * Logs are found by the ids they carry (an event with a comment carries its response's id) and the contact details.
 */
import type { Tx } from '../../platform/db/database.ts';
import { scrubJson, scrubText } from './scrub.ts';

interface Target {
  table: string;
  /** The primary key's column after org_id. */
  key: string;
  keyType: 'uuid' | 'bigint';
  columns: Array<{ name: string; json: boolean }>;
}

const text = (name: string) => ({ name, json: false });
const json = (name: string) => ({ name, json: true });

/** Free text that staff write by hand and that may quote a customer: searched for every value. */
const HAND_WRITTEN: Target[] = [
  { table: 'ideas', key: 'id', keyType: 'uuid', columns: [text('title'), text('body')] },
  { table: 'idea_comments', key: 'id', keyType: 'uuid', columns: [text('body')] },
  { table: 'improvement_projects', key: 'id', keyType: 'uuid', columns: [text('title'), text('description')] },
  { table: 'committee_meetings', key: 'id', keyType: 'uuid', columns: [text('title'), json('agenda'), text('minutes')] },
  { table: 'listening_sessions', key: 'id', keyType: 'uuid', columns: [text('learnings')] },
  { table: 'kpi_values', key: 'id', keyType: 'uuid', columns: [text('note')] },
];
/** Large tables: searched for the contact details only. */
const LARGE: Target[] = [
  { table: 'notifications', key: 'id', keyType: 'uuid', columns: [text('title'), text('title_en'), json('data')] },
  { table: 'case_events', key: 'id', keyType: 'bigint', columns: [json('data')] },
  { table: 'cases', key: 'id', keyType: 'uuid', columns: [text('title'), text('description')] },
  { table: 'exemptions', key: 'id', keyType: 'uuid', columns: [text('reason'), text('report')] },
  { table: 'approval_requests', key: 'id', keyType: 'uuid', columns: [text('note'), text('decision_note')] },
  { table: 'text_analyses', key: 'response_id', keyType: 'uuid', columns: [text('redacted_text')] },
  { table: 'praise', key: 'response_id', keyType: 'uuid', columns: [text('text')] },
];

/** Rows of `target` in which any of the values occurs, scrubbed; returns how many changed. */
async function scrubTarget(tx: Tx, orgId: string, target: Target, values: string[]): Promise<number> {
  const cols = target.columns.map((c) => c.name);
  const anyHit = cols.map((c) => `strpos(t.${c}::text, v) > 0`).join(' OR ');
  const found = await tx.query<Record<string, unknown> & { k: string }>(
    `SELECT t.${target.key}::text AS k, ${cols.map((c) => `t.${c}`).join(', ')} FROM ${target.table} t
      WHERE t.org_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) v WHERE ${anyHit})`,
    [orgId, values],
  );
  if (!found.length) return 0;
  const rows = found.map((r) => {
    const out: Record<string, unknown> = { k: r.k };
    for (const c of target.columns) {
      const v = r[c.name];
      out[c.name] = v === null || v === undefined ? null : c.json ? scrubJson(v, values) : scrubText(String(v), values);
    }
    return out;
  });
  const types = target.columns.map((c) => `${c.name} ${c.json ? 'jsonb' : 'text'}`).join(', ');
  await tx.query(
    `UPDATE ${target.table} t SET ${cols.map((c) => `${c} = x.${c}`).join(', ')}
       FROM jsonb_to_recordset($2::jsonb) AS x(k ${target.keyType}, ${types}) WHERE t.org_id = $1 AND t.${target.key} = x.k`,
    [orgId, JSON.stringify(rows)],
  );
  return rows.length;
}

/** The payload keys through which an event names a customer or one of their rows (every event that carries a comment or contact detail carries one). */
const EVENT_KEYS = ['customerId', 'responseId', 'caseId', 'interactionId', 'linkId', 'sourceId'];
/** Whether the event `o` names one of the ids ($2): key look-ups against a hashed set, no text scan, so it stays fast on a long outbox. */
const EVENT_NAMES_THEM = `(${EVENT_KEYS.map((k) => `(o.payload ->> '${k}') IN (SELECT id FROM unnest($2::text[]) AS ids(id))`).join(' OR ')})`;

export interface SweepValues {
  /** Name (when long enough to be theirs alone), e-mail, phone, external ID. */
  contacts: string[];
  /** Their comments, answers, case descriptions, card notes. */
  quotes: string[];
}

export interface SweepCounts {
  scrubbed: number;
  events: number;
  deliveries: number;
  actionResults: number;
}

/**
 * Scrubs the values out of staff-written text, and deletes the log entries (outbox events, webhook deliveries
 * with their attempts, stored case-action results) that name one of `ids` or hold one of the values.
 */
export async function sweepMentions(tx: Tx, orgId: string, ids: string[], { contacts, quotes }: SweepValues): Promise<SweepCounts> {
  let scrubbed = 0;
  const everything = [...contacts, ...quotes].sort((a, b) => b.length - a.length);
  if (everything.length) for (const target of HAND_WRITTEN) scrubbed += await scrubTarget(tx, orgId, target, everything);
  if (contacts.length) for (const target of LARGE) scrubbed += await scrubTarget(tx, orgId, target, contacts);
  const events = await tx.query<{ id: string }>(`DELETE FROM outbox_events o WHERE o.org_id = $1 AND ${EVENT_NAMES_THEM} RETURNING o.id::text AS id`, [orgId, ids]);
  // A webhook body is its event's payload: the deliveries of those events go, their attempts with them (ON DELETE
  // CASCADE); a queued delivery job then finds nothing to send.
  const deliveries = events.length
    ? await tx.query(`DELETE FROM webhook_deliveries d WHERE d.org_id = $1 AND d.event_id = ANY ($2::bigint[]) RETURNING d.id`, [orgId, events.map((e) => e.id)])
    : [];
  // Stored results are insert-only for the app role; this function deletes just these (migration 0030).
  const [forgotten] = await tx.query<{ n: number }>(`SELECT privacy_forget_action_results($1::uuid, $2::text[], $3::text[]) AS n`, [orgId, ids, contacts]);
  return { scrubbed, events: events.length, deliveries: deliveries.length, actionResults: forgotten!.n };
}
