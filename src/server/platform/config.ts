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
