import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

/** Largest amount or customer value: numeric(14, 2) in the database. */
export const MAX_AMOUNT = 100_000_000_000;
/** Items per batch request. */
export const MAX_BATCH_ITEMS = 1000;

/** An ISO 8601 time with `Z` or an offset, on a real calendar day (zod checks the day too). */
export const isoTime = () =>
  z.iso.datetime({ offset: true, error: 'must be a real date and time in ISO 8601 with Z or an offset, e.g. 2026-01-05T09:30:00+08:00' });

/** Flat key → value pairs (customer attributes, event properties), so metrics can cut by them. */
export const AttributesSchema = z
  .record(nonEmptyText(100), z.union([text(1000), z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 50, 'at most 50 keys');

const amount = () => z.number().min(0).max(MAX_AMOUNT);

export const CustomerInputSchema = z
  .object({
    externalId: nonEmptyText(100).optional(),
    name: text(200).nullish(),
    email: z.email().max(254).nullish(),
    phone: text(40).nullish(),
    segment: text(60).nullish(),
    value: amount().nullish(),
    attributes: AttributesSchema.optional(),
  })
  .refine((c) => c.externalId || c.name || c.email || c.phone, {
    message: 'a customer needs at least one of externalId, name, email, phone',
    path: ['externalId'],
  });
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

export const CustomerSchema = z.object({
  id: IdSchema,
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  segment: z.string().nullable(),
  value: z.number().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListQuerySchema = z.object({
  externalId: nonEmptyText(100).optional(),
  segment: text(60).optional(),
});

/** The customer of an interaction or event: our id, or the integrator's own customer key. */
const customerRef = {
  customerId: IdSchema.optional(),
  customerExternalId: nonEmptyText(100).optional(),
};
const hasOneCustomer = (i: { customerId?: string; customerExternalId?: string }) =>
  (i.customerId === undefined) !== (i.customerExternalId === undefined);
const ONE_CUSTOMER = { message: 'give exactly one of customerId and customerExternalId', path: ['customerId'] };

export const InteractionInputSchema = z
  .object({
    externalId: nonEmptyText(100).optional(),
    ...customerRef,
    type: nonEmptyText(60),
    channel: nonEmptyText(60),
    touchpoint: nonEmptyText(100),
    unitId: IdSchema.nullish().meta({ description: "where it happened; defaults to the serving employee's unit" }),
    employeeId: IdSchema.nullish().meta({ description: 'the serving employee, if any' }),
    partnerId: IdSchema.nullish().meta({ description: 'the partner (courier, franchisee, supplier…) whose work this was; its responses inherit it' }),
    partnerExternalId: nonEmptyText(100).optional().meta({ description: "instead of partnerId: the partner's externalId" }),
    amount: amount().nullish(),
    occurredAt: isoTime(),
    resolvedFirstContact: z.boolean().nullish(),
    resolutionMinutes: z.number().int().min(0).max(1_000_000).nullish(),
    converted: z.boolean().nullish(),
    churned: z.boolean().nullish(),
  })
  .refine(hasOneCustomer, ONE_CUSTOMER)
  .refine((i) => !(i.partnerId && i.partnerExternalId), { message: 'give at most one of partnerId and partnerExternalId', path: ['partnerId'] });
export type InteractionInput = z.infer<typeof InteractionInputSchema>;

export const InteractionSchema = z.object({
  id: IdSchema,
  externalId: z.string().nullable(),
  customerId: IdSchema.nullable().meta({ description: 'null once the customer was erased (privacy): the interaction’s outcome stays, naming nobody' }),
  type: z.string(),
  channel: z.string(),
  touchpoint: z.string(),
  unitId: IdSchema.nullable(),
  employeeId: IdSchema.nullable(),
  partnerId: IdSchema.nullable(),
  amount: z.number().nullable(),
  occurredAt: z.string(),
  resolvedFirstContact: z.boolean().nullable(),
  resolutionMinutes: z.number().nullable(),
  converted: z.boolean().nullable(),
  churned: z.boolean().nullable(),
  createdAt: z.string(),
});
export type Interaction = z.infer<typeof InteractionSchema>;

export const InteractionListQuerySchema = z.object({
  customerId: IdSchema.optional(),
  employeeId: IdSchema.optional(),
  unitId: IdSchema.optional().meta({ description: 'this unit and its whole subtree' }),
  from: isoTime().optional().meta({ description: 'occurredAt at or after (ISO 8601; write a + offset as %2B)' }),
  to: isoTime().optional().meta({ description: 'occurredAt before (ISO 8601; write a + offset as %2B)' }),
});

export const BehaviourEventInputSchema = z
  .object({
    ...customerRef,
    name: nonEmptyText(100),
    properties: AttributesSchema.optional(),
    occurredAt: isoTime(),
  })
  .refine(hasOneCustomer, ONE_CUSTOMER);
export type BehaviourEventInput = z.infer<typeof BehaviourEventInputSchema>;

/** Items are checked one by one, so one bad item is reported by its index instead of refusing the batch. */
export const BatchBodySchema = (what: string) =>
  z.object({
    items: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH_ITEMS)
      .meta({ description: `up to ${MAX_BATCH_ITEMS} ${what}, each as in the single-item request` }),
  });

export const ItemErrorSchema = z.object({ index: z.number().int(), code: z.string(), error: z.string() });

export const BatchResultSchema = z.object({
  created: z.number().int(),
  duplicates: z.number().int().meta({ description: 'items whose externalId was already present (customers are updated)' }),
  ids: z.array(IdSchema.nullable()).meta({ description: 'the id of each item, in order; null where the item was refused' }),
  errors: z.array(ItemErrorSchema),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

export const EventBatchResultSchema = z.object({ created: z.number().int(), errors: z.array(ItemErrorSchema) });

export const CreatedIdSchema = z.object({ id: z.string() });

export const ImportParamsSchema = z.object({ kind: nonEmptyText(40).meta({ description: 'customers or interactions' }) });
export const ImportQuerySchema = z.object({
  runRules: z
    .enum(['true', 'false'])
    .default('true')
    .meta({ description: 'responses: false writes the answers without alert rules (a history import)' }),
});

export const ImportResultSchema = z.object({
  imported: z.number().int().meta({ description: 'rows accepted, duplicates included' }),
  duplicates: z.number().int(),
  tooOldForRules: z
    .number()
    .int()
    .optional()
    .meta({ description: 'responses only: answers older than every enabled alert rule’s maxAgeHours, so no rule acted on them' }),
  errors: z.array(
    z.object({ row: z.number().int().meta({ description: '1-based data row; the header is not counted' }), error: z.string() }),
  ),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
