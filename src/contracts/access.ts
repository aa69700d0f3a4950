import { z } from 'zod';
import { IdSchema, RoleSchema, nonEmptyText, text } from './common.ts';

export const LoginSchema = z.object({
  email: nonEmptyText(254),
  password: text(200).min(1),
  org: text(64).optional(),
});

/**
 * The governance bodies the signed-in person belongs to. An employee reads the committee only while sitting on it,
 * and executive listening only while on the committee or the rotation plan; the web app opens those pages by this.
 */
export const MembershipsSchema = z.object({
  committee: z.boolean().meta({ description: 'sits on the experience committee' }),
  listening: z.boolean().meta({ description: 'takes part in executive listening: on the committee or on the rotation plan' }),
});
export type Memberships = z.infer<typeof MembershipsSchema>;

export const SessionInfoSchema = z.object({
  user: z.object({
    id: IdSchema,
    email: z.string(),
    role: RoleSchema,
    employeeId: IdSchema.nullable(),
    name: z.string().nullable(),
    partnerId: IdSchema.nullable().meta({ description: 'a partner login: the partner whose report, replies and ideas it reads; null for everyone else' }),
  }),
  org: z.object({ id: IdSchema, slug: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  memberships: MembershipsSchema,
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const CreateApiKeySchema = z.object({
  role: RoleSchema,
  employeeId: IdSchema.optional(),
  partnerId: IdSchema.optional().meta({ description: 'partner keys: the partner whose report the key reads (and nothing else)' }),
  name: nonEmptyText(120),
});
export const CreatedApiKeySchema = z.object({ id: IdSchema, key: z.string() });

export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema,
  employeeId: IdSchema.nullable(),
  partnerId: IdSchema.nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CreateUserSchema = z.object({
  email: z.email().max(254),
  password: text(200).min(10, 'at least 10 characters'),
  role: RoleSchema,
  employeeId: IdSchema.optional(),
  partnerId: IdSchema.optional().meta({
    description: 'required for role partner (the partner whose report the login reads, and nothing else); refused for other roles',
  }),
});
export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  employeeId: IdSchema.nullable(),
  partnerId: IdSchema.nullable(),
  disabled: z.boolean(),
});

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
