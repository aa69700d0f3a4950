import type { z } from 'zod';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';

/** One refused item of a batch: its 0-based index, an error code and a message naming the field. */
export interface ItemError {
  index: number;
  code: string;
  error: string;
}

/** What writing a batch did: counts, each item's id (null where refused) and the refused items. */
export interface BatchOutcome {
  created: number;
  duplicates: number;
  ids: (string | null)[];
  errors: ItemError[];
}

/** An outcome for `n` items before any was written. */
export function startOutcome(n: number): BatchOutcome {
  return { created: 0, duplicates: 0, ids: new Array<string | null>(n).fill(null), errors: [] };
}

/** Records that an item was refused, so the rest of its batch can go on. */
export function refuseItem(outcome: Pick<BatchOutcome, 'errors'>, index: number, err: AppError): void {
  outcome.errors.push({ index, code: err.code, error: err.message });
}

/** Refusals in item order, however they were found (validation first, references after). */
export function sortRefusals<T extends { errors: ItemError[] }>(outcome: T): T {
  outcome.errors.sort((a, b) => a.index - b.index);
  return outcome;
}

/** A single-item request fails the way its item was refused: 404 for an unknown reference, else 400. */
export function throwFirstRefusal(outcome: Pick<BatchOutcome, 'errors'>): void {
  const e = outcome.errors[0];
  if (e) throw new AppError(e.code === 'not_found' ? 404 : 400, e.code, e.error);
}

/** A refusal for an id that names nothing in this organisation; the message names the field. */
export const unknownReference = (field: string, what: string) => new AppError(404, 'not_found', `${field}: ${what} not found`);

/** Validates each item on its own: refused items land in the outcome, the rest come back with their index. */
export function parseItems<S extends z.ZodType>(
  schema: S,
  items: unknown[],
  outcome: Pick<BatchOutcome, 'errors'>,
): Array<{ index: number; input: z.output<S> }> {
  const valid: Array<{ index: number; input: z.output<S> }> = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
      refuseItem(outcome, index, new AppError(400, 'invalid_request', message));
    }
  });
  return valid;
}

/** How an interaction or event names its customer. */
export interface CustomerRef {
  customerId?: string;
  customerExternalId?: string;
}

/** Looks up every referenced customer in two queries; the returned function gives the id, or null when unknown. */
export async function resolveCustomers(tx: Queryable, orgId: string, refs: CustomerRef[]): Promise<(ref: CustomerRef) => string | null> {
  const ids = [...new Set(refs.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
  const externalIds = [...new Set(refs.flatMap((r) => (r.customerExternalId ? [r.customerExternalId] : [])))];
  const known = new Set(ids.length ? await selectIds(tx, `SELECT id FROM customers WHERE org_id = $1 AND id = ANY($2::uuid[])`, orgId, ids) : []);
  const byExternal = new Map<string, string>();
  if (externalIds.length) {
    const rows = await tx.query<{ id: string; external_id: string }>(
      `SELECT id, external_id FROM customers WHERE org_id = $1 AND external_id = ANY($2::text[])`,
      [orgId, externalIds],
    );
    for (const r of rows) byExternal.set(r.external_id, r.id);
  }
  return (ref) => (ref.customerId ? (known.has(ref.customerId) ? ref.customerId : null) : (byExternal.get(ref.customerExternalId ?? '') ?? null));
}

/** The ids a one-column query returns. */
export async function selectIds(tx: Queryable, sql: string, orgId: string, values: string[]): Promise<string[]> {
  return (await tx.query<{ id: string }>(sql, [orgId, values])).map((r) => r.id);
}

/** How an interaction names its partner, if any. */
export interface PartnerRef {
  partnerId?: string | null;
  partnerExternalId?: string;
}

/**
 * Looks up every referenced partner in one query (none when no item names one, so ingestion without partners
 * pays nothing); the returned function gives the partner's id, null for none, or undefined when unknown.
 */
export async function resolvePartners(tx: Queryable, orgId: string, refs: PartnerRef[]): Promise<(ref: PartnerRef) => string | null | undefined> {
  const ids = [...new Set(refs.flatMap((r) => (r.partnerId ? [r.partnerId] : [])))];
  const externalIds = [...new Set(refs.flatMap((r) => (r.partnerExternalId ? [r.partnerExternalId] : [])))];
  if (!ids.length && !externalIds.length) return () => null;
  const rows = await tx.query<{ id: string; external_id: string | null }>(
    `SELECT id, external_id FROM partners WHERE org_id = $1 AND (id = ANY($2::uuid[]) OR external_id = ANY($3::text[]))`,
    [orgId, ids, externalIds],
  );
  const known = new Set(rows.map((r) => r.id));
  const byExternal = new Map(rows.flatMap((r) => (r.external_id ? [[r.external_id, r.id] as const] : [])));
  return (ref) => {
    if (ref.partnerId) return known.has(ref.partnerId) ? ref.partnerId : undefined;
    return ref.partnerExternalId ? byExternal.get(ref.partnerExternalId) : null;
  };
}

/** The customer reference as a refusal names it. */
export const customerField = (ref: CustomerRef) => (ref.customerId ? 'customerId' : 'customerExternalId');

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');

/**
 * JSON text for a jsonb parameter (bulk inserts read rows with jsonb_to_recordset).
 * PostgreSQL refuses the `\ud800` escapes JSON.stringify writes for lone UTF-16
 * surrogates, so they become U+FFFD, as they do in plain text parameters.
 */
export function toJsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return wellFormed(v);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), x]));
    }
    return v;
  });
}
