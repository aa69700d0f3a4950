import { z } from 'zod';

/** Text the database can store: bounded, and no NUL byte (PostgreSQL rejects it). */
export const text = (max = 200) =>
  z.string().max(max).refine((s) => !s.includes('\0'), 'must not contain NUL bytes');

export const nonEmptyText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\0'), 'must not contain NUL bytes');

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: IdSchema });

export const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: text(200).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

export const RoleSchema = z.enum(['admin', 'manager', 'employee', 'partner']);
