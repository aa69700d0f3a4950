import { z } from 'zod';

/** Environment read once at boot; a bad value stops the process with a message naming the variable. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  LODESTAR_DATA_DIR: z.string().default('./data'),
  LODESTAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LODESTAR_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  LODESTAR_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  LODESTAR_PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:password@host:587 or smtps://…:465; without it e-mail waits in the outbox for an admin to read. */
  LODESTAR_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL').optional(),
  LODESTAR_SMTP_FROM: z.string().default('Lodestar <no-reply@lodestar.local>'),
  /** true lets webhooks reach private, loopback and link-local addresses (tests, on-premises receivers); refused by default (SSRF). */
  LODESTAR_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
}).refine((c) => !c.LODESTAR_SMTP_URL || c.LODESTAR_PUBLIC_URL, {
  path: ['LODESTAR_PUBLIC_URL'],
  message: 'required with LODESTAR_SMTP_URL, so that e-mailed survey links are absolute',
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws an Error listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
