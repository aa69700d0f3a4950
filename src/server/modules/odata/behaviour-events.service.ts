import { BehaviourEventInputSchema } from '../../../contracts/odata.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import * as batch from './odata.batch.ts';
import { authorizeOdata } from './odata.policy.ts';

/** What writing behavioural events did: no external ids, so no duplicates; ids of new rows in no particular order. */
export interface EventOutcome {
  created: number;
  ids: string[];
  errors: batch.ItemError[];
}

/** Records one behavioural event (a click, a call record) for a known customer. */
export async function createBehaviourEvent(ctx: AppContext, actor: Actor, input: unknown): Promise<{ id: string }> {
  authorizeOdata(actor, 'odata.write');
  const outcome = await ctx.db.tenant(actor.orgId, (tx) => recordBehaviourEvents(tx, [input]));
  batch.throwFirstRefusal(outcome);
  return { id: outcome.ids[0]! };
}

/** Click-streams arrive in bulk: one transaction, each item checked on its own. */
export async function createBehaviourEvents(ctx: AppContext, actor: Actor, items: unknown[]): Promise<Omit<EventOutcome, 'ids'>> {
  authorizeOdata(actor, 'odata.write');
  const { created, errors } = await ctx.db.tenant(actor.orgId, (tx) => recordBehaviourEvents(tx, items));
  return { created, errors };
}

/**
 * Writes light event rows in one statement. Unlike interactions they publish
 * no event and write no audit entry: they are high-volume raw signals.
 */
export async function recordBehaviourEvents(tx: Tx, items: unknown[]): Promise<EventOutcome> {
  const orgId = tx.orgId!;
  const outcome: EventOutcome = { created: 0, ids: [], errors: [] };
  const valid = batch.parseItems(BehaviourEventInputSchema, items, outcome);
  const customerOf = await batch.resolveCustomers(tx, orgId, valid.map((v) => v.input));
  const rows: Array<{ customer_id: string; name: string; properties: Record<string, unknown>; occurred_at: string }> = [];
  for (const { index, input } of valid) {
    const customerId = customerOf(input);
    if (!customerId) batch.refuseItem(outcome, index, batch.unknownReference(batch.customerField(input), 'customer'));
    else rows.push({ customer_id: customerId, name: input.name, properties: input.properties ?? {}, occurred_at: input.occurredAt });
  }
  if (!rows.length) return batch.sortRefusals(outcome);
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO behaviour_events (org_id, customer_id, name, properties, occurred_at)
     SELECT $1, x.customer_id, x.name, x.properties, x.occurred_at
     FROM jsonb_to_recordset($2::jsonb) AS x(customer_id uuid, name text, properties jsonb, occurred_at timestamptz)
     RETURNING id`,
    [orgId, batch.toJsonb(rows)],
  );
  outcome.created = inserted.length;
  outcome.ids = inserted.map((r) => String(r.id));
  return batch.sortRefusals(outcome);
}
