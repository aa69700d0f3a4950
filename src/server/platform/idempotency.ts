/** What Idempotency-Key handling shares across modules (responses, case actions, creates through create-once.ts). */
import { createHash } from 'node:crypto';
import { AppError } from './errors.ts';

/** A stable fingerprint of a request body: the same JSON with keys in any order hashes the same. */
export function hashRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export const idempotencyConflict = () =>
  new AppError(422, 'idempotency_conflict', 'this Idempotency-Key was already used with a different request');
