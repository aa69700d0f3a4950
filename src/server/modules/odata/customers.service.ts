import { randomUUID } from 'node:crypto';
import { CustomerInputSchema, type Customer, type CustomerInput } from '../../../contracts/odata.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf } from '../org/index.ts';
import { parseItems, startOutcome, throwFirstRefusal, toJsonb, type BatchOutcome } from './odata.batch.ts';
import { authorizeOdata, scopeParams } from './odata.policy.ts';

interface CustomerRow {
  id: string;
  external_id: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  value: number | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, external_id, name, email, phone, segment, value, attributes, created_at, updated_at';

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  externalId: r.external_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  segment: r.segment,
  value: r.value === null ? null : Number(r.value),
  attributes: r.attributes,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

// A reader outside the whole-organisation scope sees the customers served in their units, or by themself.
const IN_SCOPE = `(($1::uuid[] IS NULL AND $2::uuid IS NULL) OR EXISTS (
  SELECT 1 FROM interactions i WHERE i.org_id = c.org_id AND i.customer_id = c.id
    AND ($1::uuid[] IS NULL OR i.unit_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR i.employee_id = $2::uuid)))`;

/** Customers within the caller's data scope, filtered by the integrator's key or by segment. */
export function listCustomers(
  ctx: AppContext,
  actor: Actor,
  q: { limit: number; cursor?: string; externalId?: string; segment?: string },
): Promise<Page<Customer>> {
  authorizeOdata(actor, 'odata.read');
  const after = decodeCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const { unitIds, employeeId } = scopeParams(await dataScopeOf(tx, actor));
    const rows = await tx.query<CustomerRow>(
      `SELECT ${COLUMNS} FROM customers c
       WHERE ${IN_SCOPE} AND org_id = $3 AND ($4::uuid IS NULL OR id > $4::uuid)
         AND ($5::text IS NULL OR external_id = $5) AND ($6::text IS NULL OR segment = $6)
       ORDER BY id LIMIT $7`,
      [unitIds, employeeId, actor.orgId, after, q.externalId ?? null, q.segment ?? null, q.limit + 1],
    );
    return toPage(rows.map(toCustomer), q.limit, (c) => c.id);
  });
}

/** Out-of-scope customers answer 404, so their existence does not leak. */
export function getCustomer(ctx: AppContext, actor: Actor, id: string): Promise<Customer> {
  authorizeOdata(actor, 'odata.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const { unitIds, employeeId } = scopeParams(await dataScopeOf(tx, actor));
    const [row] = await tx.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers c WHERE ${IN_SCOPE} AND org_id = $3 AND id = $4`, [
      unitIds,
      employeeId,
      actor.orgId,
      id,
    ]);
    if (!row) throw notFound('customer');
    return toCustomer(row);
  });
}

/** Creates a customer, or updates the one with the same externalId (so integrators can re-send safely). */
export function createCustomer(ctx: AppContext, actor: Actor, input: CustomerInput): Promise<{ customer: Customer; created: boolean }> {
  authorizeOdata(actor, 'odata.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const outcome = await upsertCustomers(ctx, tx, [input]);
    throwFirstRefusal(outcome);
    const customer = (await findCustomer(tx, actor.orgId, outcome.ids[0]!))!;
    const created = outcome.created === 1;
    // The audit log names the customer by Lodestar's own id and the fields sent, never their values: it is
    // append-only, so a value written here could not be erased later (privacy module).
    await recordAudit(tx, ctx.clock, actor, {
      action: created ? 'customer.created' : 'customer.updated',
      entityType: 'customer',
      entityId: customer.id,
      after: { fields: sentFields(input) },
    });
    return { customer, created };
  });
}

/** The batch endpoint: one transaction, each item checked on its own, one audit entry for the whole batch. */
export function createCustomers(ctx: AppContext, actor: Actor, items: unknown[]): Promise<BatchOutcome> {
  authorizeOdata(actor, 'odata.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const outcome = await upsertCustomers(ctx, tx, items);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'customers.batch_recorded',
      entityType: 'customer',
      entityId: null,
      after: { created: outcome.created, duplicates: outcome.duplicates, refused: outcome.errors.length },
    });
    return outcome;
  });
}

const AUDITED_FIELDS = ['attributes', 'email', 'externalId', 'name', 'phone', 'segment', 'value'] as const;
/** The customer fields a request gave a value (their names only). */
const sentFields = (input: CustomerInput): string[] => AUDITED_FIELDS.filter((k) => input[k] !== undefined && input[k] !== null);

type Fields = Omit<CustomerInput, 'attributes'> & { attributes: Record<string, unknown> };

/**
 * Writes customers in the caller's transaction with one upsert statement: an
 * externalId already present (or repeated in the batch) updates that customer
 * with the fields given, keeps the rest, and counts as a duplicate.
 */
export async function upsertCustomers(ctx: AppContext, tx: Tx, items: unknown[]): Promise<BatchOutcome> {
  const orgId = tx.orgId!;
  const outcome = startOutcome(items.length);
  const valid = parseItems(CustomerInputSchema, items, outcome);
  const externalIds = [...new Set(valid.flatMap((v) => (v.input.externalId ? [v.input.externalId] : [])))];
  const stored = new Map<string, Fields>();
  if (externalIds.length) {
    const rows = await tx.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE org_id = $1 AND external_id = ANY($2::text[])`, [
      orgId,
      externalIds,
    ]);
    for (const r of rows) stored.set(r.external_id!, { ...toCustomer(r), externalId: r.external_id! });
  }
  // One pending record per customer; a fresh id is kept only if the row turns out to be new.
  const pending = new Map<string, Fields & { newId: string }>();
  const keyOfItem: string[] = [];
  for (const { index, input } of valid) {
    const key = input.externalId ?? randomUUID();
    const prior = pending.get(key);
    pending.set(key, { ...mergeFields(prior ?? stored.get(key), input), newId: prior?.newId ?? (input.externalId ? randomUUID() : key) });
    keyOfItem[index] = key;
  }
  if (!pending.size) return outcome;
  const now = ctx.clock.now();
  const rows = await tx.query<{ id: string; external_id: string | null }>(
    `INSERT INTO customers AS c (org_id, id, external_id, name, email, phone, segment, value, attributes, created_at, updated_at)
     SELECT $1, x.id, x.external_id, x.name, x.email, x.phone, x.segment, x.value, coalesce(x.attributes, '{}'), $2, $2
     FROM jsonb_to_recordset($3::jsonb)
       AS x(id uuid, external_id text, name text, email text, phone text, segment text, value numeric, attributes jsonb)
     ON CONFLICT (org_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
       name = excluded.name, email = excluded.email, phone = excluded.phone, segment = excluded.segment,
       value = excluded.value, attributes = excluded.attributes, updated_at = excluded.updated_at
     RETURNING id, external_id`,
    [orgId, now, toJsonb([...pending.values()].map(toRecord))],
  );
  const idOf = new Map(rows.map((r) => [r.external_id ?? r.id, r.id]));
  for (const [key, record] of pending) if (idOf.get(key) === record.newId) outcome.created++;
  for (const { index } of valid) outcome.ids[index] = idOf.get(keyOfItem[index]!) ?? null;
  outcome.duplicates = valid.length - outcome.created;
  return outcome;
}

/** The fields given in `input` replace the stored ones; attributes are merged key by key. */
function mergeFields(base: Fields | undefined, input: CustomerInput): Fields {
  const pick = <K extends 'name' | 'email' | 'phone' | 'segment' | 'value'>(k: K) => (input[k] !== undefined ? input[k] : (base?.[k] ?? null));
  return {
    externalId: input.externalId,
    name: pick('name'),
    email: pick('email'),
    phone: pick('phone'),
    segment: pick('segment'),
    value: pick('value'),
    attributes: { ...base?.attributes, ...input.attributes },
  };
}

const toRecord = (f: Fields & { newId: string }) => ({
  id: f.newId,
  external_id: f.externalId ?? null,
  name: f.name,
  email: f.email,
  phone: f.phone,
  segment: f.segment,
  value: f.value,
  attributes: f.attributes,
});

/** A customer by id for other modules to join (responses, cases); null when it is not in this organisation. */
export async function findCustomer(tx: Queryable, orgId: string, id: string): Promise<Customer | null> {
  const [row] = await tx.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return row ? toCustomer(row) : null;
}
