import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';

export const UnitKindSchema = z.enum(['company', 'region', 'department', 'store', 'team']);

export const UnitSchema = z.object({
  id: IdSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  parentId: IdSchema.nullable(),
  kind: UnitKindSchema,
});
export type Unit = z.infer<typeof UnitSchema>;

export const CreateUnitSchema = z.object({
  name: nonEmptyText(120),
  nameEn: text(120).nullish(),
  parentId: IdSchema.nullable(),
  kind: UnitKindSchema,
});
export const UpdateUnitSchema = CreateUnitSchema.partial();

export const CompensationTypeSchema = z.enum(['refund', 'voucher', 'upgrade', 'gift']);

export const AuthoritySchema = z.object({
  compensationLimit: z.number().min(0).max(10_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
  compensationTypes: z.array(CompensationTypeSchema).max(4),
  exemptionAllowed: z.boolean(),
});
export type Authority = z.infer<typeof AuthoritySchema>;

export const PositionSchema = z.object({
  id: IdSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  authority: AuthoritySchema,
});
export type Position = z.infer<typeof PositionSchema>;

export const CreatePositionSchema = z.object({
  name: nonEmptyText(120),
  nameEn: text(120).nullish(),
  authority: AuthoritySchema,
});
export const UpdatePositionSchema = z.object({
  name: nonEmptyText(120).optional(),
  nameEn: text(120).nullish(),
  authority: AuthoritySchema.partial().optional(),
});

export const EmployeeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string().nullable(),
  unitId: IdSchema,
  positionId: IdSchema,
  managerId: IdSchema.nullable(),
  leftAt: z.string().nullable().default(null).meta({ description: 'when they left; their open cases wait in the queue for someone to claim' }),
});
export type Employee = z.infer<typeof EmployeeSchema>;

export const CreateEmployeeSchema = z.object({
  name: nonEmptyText(120),
  email: z.email().max(254).nullish(),
  unitId: IdSchema,
  positionId: IdSchema,
  managerId: IdSchema.nullish(),
});
export const UpdateEmployeeSchema = CreateEmployeeSchema.partial().extend({ leftAt: z.iso.datetime({ offset: true }).nullish() });

export const EmployeeListQuerySchema = z.object({ unitId: IdSchema.optional() });
