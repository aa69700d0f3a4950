import { randomUUID } from 'node:crypto';
import { InteractionInputSchema, type Interaction, type InteractionInput } from '../../../contracts/odata.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import { decodeCursor, toPage, type Page } from '../../platform/pagination.ts';
import { dataScopeOf, unitSubtreeIds } from '../org/index.ts';
import * as batch from './odata.batch.ts';
import { authorizeOdata, isInteractionInScope, scopeParams } from './odata.policy.ts';
import { partnerRuleMatcher } from './partner-rules.ts';

interface InteractionRow {
  id: string;
  external_id: string | null;
  customer_id: string | null;
  type: string;
  channel: string;
  touchpoint: string;
  unit_id: string | null;
  employee_id: string | null;
  partner_id: string | null;
  amount: number | null;
  occurred_at: Date;
  resolved_first_contact: boolean | null;
  resolution_minutes: number | null;
  converted: boolean | null;
  churned: boolean | null;
  created_at: Date;
}

const COLUMNS = `id, external_id, customer_id, type, channel, touchpoint, unit_id, employee_id, partner_id, amount, occurred_at,
  resolved_first_contact, resolution_minutes, converted, churned, created_at`;

const toInteraction = (r: InteractionRow): Interaction => ({
  id: r.id,
  externalId: r.external_id,
  customerId: r.customer_id,
  type: r.type,
  channel: r.channel,
  touchpoint: r.touchpoint,
  unitId: r.unit_id,
  employeeId: r.employee_id,
  partnerId: r.partner_id,
  amount: r.amount === null ? null : Number(r.amount),
  occurredAt: r.occurred_at.toISOString(),
  resolvedFirstContact: r.resolved_first_contact,
  resolutionMinutes: r.resolution_minutes,
  converted: r.converted,
  churned: r.churned,
  createdAt: r.created_at.toISOString(),
});

/** What a subscriber (the surveys module's transactional trigger) learns of each new interaction. */
export interface InteractionRecorded {
  interactionId: string;
  customerId: string;
  employeeId: string | null;
  unitId: string | null;
  touchpoint: string;
  channel: string;
  type: string;
  occurredAt: string;
}

export interface InteractionListQuery {
  limit: number;
  cursor?: string;
  customerId?: string;
  employeeId?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

/** Newest first, within the caller's scope: a manager's unit subtree, an employee's own service. */
export function listInteractions(ctx: AppContext, actor: Actor, q: InteractionListQuery): Promise<Page<Interaction>> {
  authorizeOdata(actor, 'odata.read');
  const after = decodeListCursor(q.cursor);
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = scopeParams(await dataScopeOf(tx, actor));
    const filterUnits = q.unitId ? await unitSubtreeIds(tx, actor.orgId, q.unitId) : null;
    const rows = await tx.query<InteractionRow>(
      `SELECT ${COLUMNS} FROM interactions
       WHERE org_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, id) < ($2::timestamptz, $3::uuid))
         AND ($4::uuid IS NULL OR customer_id = $4::uuid) AND ($5::uuid IS NULL OR employee_id = $5::uuid)
         AND ($6::uuid[] IS NULL OR unit_id = ANY($6::uuid[]))
         AND ($7::uuid[] IS NULL OR unit_id = ANY($7::uuid[])) AND ($8::uuid IS NULL OR employee_id = $8::uuid)
         AND ($9::timestamptz IS NULL OR occurred_at >= $9::timestamptz) AND ($10::timestamptz IS NULL OR occurred_at < $10::timestamptz)
       ORDER BY occurred_at DESC, id DESC LIMIT $11`,
      [
        actor.orgId,
        after?.occurredAt ?? null,
        after?.id ?? null,
        q.customerId ?? null,
        q.employeeId ?? null,
        filterUnits,
        scope.unitIds,
        scope.employeeId,
        q.from ?? null,
        q.to ?? null,
        q.limit + 1,
      ],
    );
    return toPage(rows.map(toInteraction), q.limit, (i) => `${i.occurredAt}|${i.id}`);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeListCursor(cursor: string | undefined): { occurredAt: string; id: string } | null {
  const key = decodeCursor(cursor);
  if (key === null) return null;
  const [occurredAt = '', id = ''] = key.split('|');
  if (!UUID.test(id) || Number.isNaN(Date.parse(occurredAt))) throw invalid('cursor is not valid', { cursor });
  return { occurredAt, id };
}

/** Out-of-scope interactions answer 404, so their existence does not leak. */
export function getInteraction(ctx: AppContext, actor: Actor, id: string): Promise<Interaction> {
  authorizeOdata(actor, 'odata.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const interaction = await findInteraction(tx, actor.orgId, id);
    if (!interaction || !isInteractionInScope(await dataScopeOf(tx, actor), interaction)) throw notFound('interaction');
    return interaction;
  });
}

/** Records one interaction; an externalId already present returns the stored one instead (safe to re-send). */
export function createInteraction(
  ctx: AppContext,
  actor: Actor,
  input: InteractionInput,
): Promise<{ interaction: Interaction; created: boolean }> {
  authorizeOdata(actor, 'odata.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const outcome = await recordInteractions(ctx, tx, [input]);
    batch.throwFirstRefusal(outcome);
    const interaction = (await findInteraction(tx, actor.orgId, outcome.ids[0]!))!;
    const created = outcome.created === 1;
    if (created) {
      const entry = { action: 'interaction.created', entityType: 'interaction', entityId: interaction.id, after: interaction };
      await recordAudit(tx, ctx.clock, actor, entry);
    }
    return { interaction, created };
  });
}

/** The batch endpoint: one transaction, each item checked on its own, one audit entry for the whole batch. */
export function createInteractions(ctx: AppContext, actor: Actor, items: unknown[]): Promise<batch.BatchOutcome> {
  authorizeOdata(actor, 'odata.write');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const outcome = await recordInteractions(ctx, tx, items);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'interactions.batch_recorded',
      entityType: 'interaction',
      entityId: null,
      after: { created: outcome.created, duplicates: outcome.duplicates, refused: outcome.errors.length },
    });
    return outcome;
  });
}

/**
 * Writes interactions in the caller's transaction: references are checked for
 * the whole batch in a few queries, new rows go in one statement, and each new
 * row publishes `interaction.recorded`. A known externalId is a duplicate that
 * points at the stored row. The unit defaults to the serving employee's unit.
 */
export async function recordInteractions(ctx: AppContext, tx: Tx, items: unknown[]): Promise<batch.BatchOutcome> {
  const orgId = tx.orgId!;
  const outcome = batch.startOutcome(items.length);
  const valid = batch.parseItems(InteractionInputSchema, items, outcome);
  const customerOf = await batch.resolveCustomers(tx, orgId, valid.map((v) => v.input));
  const uniq = (pick: (i: InteractionInput) => string | null | undefined) => [...new Set(valid.flatMap((v) => pick(v.input) ?? []))];
  const units = new Set(await batch.selectIds(tx, `SELECT id FROM units WHERE org_id = $1 AND id = ANY($2::uuid[])`, orgId, uniq((i) => i.unitId)));
  const partnerOf = await batch.resolvePartners(tx, orgId, valid.map((v) => v.input));
  const employeeUnit = await mapRows(
    tx,
    `SELECT id AS k, unit_id AS v FROM employees WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    orgId,
    uniq((i) => i.employeeId),
  );
  const stored = await mapRows(tx, EXTERNAL_IDS, orgId, uniq((i) => i.externalId));
  const rows: ReturnType<typeof toRecord>[] = [];
  for (const { index, input } of valid) {
    const customerId = customerOf(input);
    const refusal = customerId
      ? unknownReferenceOf(input, units, employeeUnit, partnerOf)
      : batch.unknownReference(batch.customerField(input), 'customer');
    if (refusal) batch.refuseItem(outcome, index, refusal);
    if (refusal || !customerId) continue;
    const known = input.externalId ? stored.get(input.externalId) : undefined;
    if (known) {
      outcome.ids[index] = known;
      continue;
    }
    const row = toRecord(input, customerId, (input.employeeId && employeeUnit.get(input.employeeId)) || null, partnerOf(input) ?? null);
    if (input.externalId) stored.set(input.externalId, row.id);
    rows.push(row);
    outcome.ids[index] = row.id;
  }
  const inserted = await insertRows(tx, orgId, ctx.clock.now(), rows);
  await pointLosersAtStoredRows(tx, orgId, rows, inserted, outcome);
  for (const row of rows.filter((r) => inserted.has(r.id))) {
    const payload: InteractionRecorded = {
      interactionId: row.id,
      customerId: row.customer_id,
      employeeId: row.employee_id,
      unitId: row.unit_id,
      touchpoint: row.touchpoint,
      channel: row.channel,
      type: row.type,
      occurredAt: row.occurred_at,
    };
    await publish(tx, 'interaction.recorded', payload, { at: ctx.clock.now() });
  }
  outcome.created = inserted.size;
  outcome.duplicates = outcome.ids.filter((id) => id !== null).length - inserted.size;
  return batch.sortRefusals(outcome);
}

function unknownReferenceOf(input: InteractionInput, units: Set<string>, employeeUnit: Map<string, string>, partnerOf: (i: InteractionInput) => string | null | undefined) {
  if (input.unitId && !units.has(input.unitId)) return batch.unknownReference('unitId', 'unit');
  if (input.employeeId && !employeeUnit.has(input.employeeId)) return batch.unknownReference('employeeId', 'employee');
  return partnerOf(input) === undefined ? batch.unknownReference(input.partnerId ? 'partnerId' : 'partnerExternalId', 'partner') : null;
}

const toRecord = (i: InteractionInput, customerId: string, employeeUnitId: string | null, partnerId: string | null) => ({
  id: randomUUID() as string,
  external_id: i.externalId ?? null,
  customer_id: customerId,
  type: i.type,
  channel: i.channel,
  touchpoint: i.touchpoint,
  unit_id: i.unitId ?? employeeUnitId,
  employee_id: i.employeeId ?? null,
  partner_id: partnerId,
  amount: i.amount ?? null,
  occurred_at: new Date(i.occurredAt).toISOString(),
  resolved_first_contact: i.resolvedFirstContact ?? null,
  resolution_minutes: i.resolutionMinutes ?? null,
  converted: i.converted ?? null,
  churned: i.churned ?? null,
});

/**
 * Inserts new rows in one statement, a row naming no partner attributed by the partner rules; a row whose
 * externalId a concurrent writer stored first is skipped.
 */
async function insertRows(tx: Tx, orgId: string, now: Date, rows: ReturnType<typeof toRecord>[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const where = (r: (typeof rows)[number]) => ({ touchpoint: r.touchpoint, unitId: r.unit_id });
  const ruleOf = await partnerRuleMatcher(tx, orgId, rows.filter((r) => !r.partner_id).map(where));
  for (const r of rows) r.partner_id ??= ruleOf(where(r));
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO interactions (org_id, id, external_id, customer_id, type, channel, touchpoint, unit_id, employee_id, partner_id, amount,
       occurred_at, resolved_first_contact, resolution_minutes, converted, churned, created_at)
     SELECT $1, x.id, x.external_id, x.customer_id, x.type, x.channel, x.touchpoint, x.unit_id, x.employee_id, x.partner_id, x.amount,
       x.occurred_at, x.resolved_first_contact, x.resolution_minutes, x.converted, x.churned, $2
     FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, external_id text, customer_id uuid, type text, channel text, touchpoint text,
       unit_id uuid, employee_id uuid, partner_id uuid, amount numeric, occurred_at timestamptz, resolved_first_contact boolean,
       resolution_minutes int, converted boolean, churned boolean)
     ON CONFLICT (org_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [orgId, now, batch.toJsonb(rows)],
  );
  return new Set(inserted.map((r) => r.id));
}

/** Items whose row lost a race on its externalId are duplicates of the row that won. */
async function pointLosersAtStoredRows(tx: Tx, orgId: string, rows: ReturnType<typeof toRecord>[], inserted: Set<string>, outcome: batch.BatchOutcome) {
  const losers = rows.filter((r) => !inserted.has(r.id));
  if (!losers.length) return;
  const winner = await mapRows(tx, EXTERNAL_IDS, orgId, losers.map((r) => r.external_id!));
  const replace = new Map(losers.map((r) => [r.id, winner.get(r.external_id!) ?? null]));
  outcome.ids = outcome.ids.map((id) => (id !== null && replace.has(id) ? replace.get(id)! : id));
}

const EXTERNAL_IDS = `SELECT external_id AS k, id AS v FROM interactions WHERE org_id = $1 AND external_id = ANY($2::text[])`;

async function mapRows(tx: Queryable, sql: string, orgId: string, values: string[]): Promise<Map<string, string>> {
  if (!values.length) return new Map();
  return new Map((await tx.query<{ k: string; v: string }>(sql, [orgId, values])).map((r) => [r.k, r.v]));
}

/** An interaction by id for other modules to join (responses, cases); null when it is not in this organisation. */
export async function findInteraction(tx: Queryable, orgId: string, id: string): Promise<Interaction | null> {
  const [row] = await tx.query<InteractionRow>(`SELECT ${COLUMNS} FROM interactions WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return row ? toInteraction(row) : null;
}

/** Many interactions by id in one statement, keyed by id; ids not in this organisation are absent. */
export async function findInteractions(tx: Queryable, orgId: string, ids: string[]): Promise<Map<string, Interaction>> {
  if (!ids.length) return new Map();
  const rows = await tx.query<InteractionRow>(`SELECT ${COLUMNS} FROM interactions WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, ids]);
  return new Map(rows.map((r) => [r.id, toInteraction(r)]));
}
