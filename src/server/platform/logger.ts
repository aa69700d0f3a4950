/** The part of pino's (Fastify's) logger the platform services use; tests may pass a stub or nothing. */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}
