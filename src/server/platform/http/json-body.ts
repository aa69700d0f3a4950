import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Replaces Fastify's JSON parser: rejects prototype-poisoning keys and NUL
 * bytes (which PostgreSQL refuses) at the door with a 400, so no hostile body
 * reaches a service.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
}

/** The guarded JSON parser, for a route scope that takes another JSON media type (SCIM's application/scim+json). */
export function parseJsonBody(_req: unknown, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const raw = body as string;
  if (raw.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(raw, rejectHostile));
  } catch (err) {
    if (err instanceof AppError) return done(err, undefined);
    done(new AppError(400, 'invalid_json', 'the body is not valid JSON'), undefined);
  }
}

const LONE_SURROGATE = /\p{Cs}/u;

function rejectHostile(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)) {
    throw new AppError(400, 'invalid_json', `the key "${key}" is not allowed`);
  }
  if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) {
    throw new AppError(400, 'invalid_json', 'NUL bytes are not allowed in text');
  }
  // A lone UTF-16 surrogate (`"\udfff"`) is valid JSON but not Unicode text: no database can store it.
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    throw new AppError(400, 'invalid_json', 'text must be valid Unicode (a lone surrogate was found)');
  }
  return value;
}
