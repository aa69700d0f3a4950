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
  /** An HTTP SMS gateway that takes one POST per message; without it SMS invitations wait in the outbox. */
  LODESTAR_SMS_GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
  /** One header line sent with each request, e.g. `Authorization: Bearer …`; never logged. */
  LODESTAR_SMS_GATEWAY_AUTH: z
    .string()
    .regex(/^[A-Za-z0-9-]+:[ \t]*[^\r\n]*\S$/, 'a header line such as "Authorization: Bearer <token>"')
    .optional(),
  /** The JSON body, with {{to}} and {{text}} inside JSON strings; the values are JSON-escaped when substituted. */
  LODESTAR_SMS_GATEWAY_BODY: z
    .string()
    .default('{"to":"{{to}}","text":"{{text}}"}')
    .refine(isSmsBodyTemplate, 'JSON with "{{to}}" and "{{text}}" placeholders inside strings'),
  /** true lets webhooks reach private, loopback and link-local addresses (tests, on-premises receivers); refused by default (SSRF). */
  LODESTAR_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
}).refine((c) => !c.LODESTAR_SMTP_URL || c.LODESTAR_PUBLIC_URL, {
  path: ['LODESTAR_PUBLIC_URL'],
  message: 'required with LODESTAR_SMTP_URL, so that e-mailed survey links are absolute',
}).refine((c) => !c.LODESTAR_SMS_GATEWAY_URL || c.LODESTAR_PUBLIC_URL, {
  path: ['LODESTAR_PUBLIC_URL'],
  message: 'required with LODESTAR_SMS_GATEWAY_URL, so that texted survey links are absolute',
});

/** Whether an SMS body template is JSON once its placeholders are filled, and uses both of them. */
function isSmsBodyTemplate(template: string): boolean {
  if (!template.includes('{{to}}') || !template.includes('{{text}}')) return false;
  try {
    JSON.parse(template.replace(/\{\{(to|text)\}\}/g, 'x'));
    return true;
  } catch {
    return false;
  }
}

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
