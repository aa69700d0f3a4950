import { z } from 'zod';

/** Environment read once at boot; a bad value stops the process with a message naming the variable. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  LODESTAR_DATA_DIR: z.string().default('./data'),
  LODESTAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json: one JSON object a line; pretty: a short line per warning or error; auto: pretty on a terminal, else json. */
  LODESTAR_LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** When set, GET /metrics wants `Authorization: Bearer <this>`; at least 16 characters. */
  LODESTAR_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
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
  /** The headless Chromium that renders PDF reports (Debian package `chromium`); PDF answers 503 pdf_unavailable when it cannot start. */
  LODESTAR_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** 32 random bytes (base64 or hex) that encrypt stored secrets such as OIDC client secrets; every node sharing a database needs the same. Unset: a key file in LODESTAR_DATA_DIR (PGlite only). */
  LODESTAR_SECRET_KEY: z.string().regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, '32 bytes as 64 hex digits or base64').optional(),
  /** true lets identity providers (OIDC discovery, keys, tokens) live on private or loopback addresses, and over plain http there (tests, an on-premises Keycloak); refused by default (SSRF). */
  LODESTAR_SSO_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
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
